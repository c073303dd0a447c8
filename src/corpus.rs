//! The embedded corpus: the sample reports in `corpus/`, compiled into the binary so a
//! new user gets answers with no data of their own, from any directory.

use include_dir::{include_dir, Dir};

static CORPUS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/corpus");

/// One embedded report file.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedFile {
    /// The file name, used as the records' `source`.
    pub name: &'static str,
    /// The raw bytes.
    pub bytes: &'static [u8],
}

/// The embedded report files (`.txt` and `.md`), sorted by name.
pub fn files() -> Vec<EmbeddedFile> {
    let mut files: Vec<EmbeddedFile> = CORPUS
        .files()
        .filter_map(|file| {
            let name = file.path().file_name()?.to_str()?;
            crate::ingest::has_report_extension(file.path()).then_some(EmbeddedFile {
                name,
                bytes: file.contents(),
            })
        })
        .collect();
    files.sort_by_key(|f| f.name);
    files
}
