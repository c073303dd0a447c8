//! Ingest: files → records. Walks the paths a user names (or takes the embedded corpus),
//! decodes each file, splits it into records, parses their fields and detects each
//! record's language. Files that cannot be indexed are reported as [`Skipped`] with a
//! reason; they never stop the run.

pub mod decode;
pub mod docx;
pub mod fields;
pub mod format;
pub mod html;
pub mod pdf;
pub mod split;

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::language;
use crate::record::{Record, StoredRecord};
pub use format::Format;

/// Files larger than this are skipped unless the limit is raised.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// A file that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The path as the user would recognise it.
    pub path: String,
    /// One-line reason.
    pub reason: String,
}

/// A decoded report file.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// `source` of its records: relative to the indexed root, or the file name.
    pub source: String,
    /// The text, with `\n` line ends.
    pub text: String,
    /// The kind of document it was read from.
    pub format: Format,
}

/// A report file found by the walk, not yet read.
#[derive(Debug, Clone)]
pub struct FoundFile {
    /// Where it is on disk.
    pub path: PathBuf,
    /// Its `source` name.
    pub source: String,
    /// Its size in bytes at the walk.
    pub size: u64,
}

/// Options of a walk.
#[derive(Debug, Clone, Copy)]
pub struct WalkOptions {
    /// Larger files are skipped.
    pub max_file_bytes: u64,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// True for the file endings bireport indexes when walking a folder (`.txt`, `.md`,
/// `.html`, `.htm`, `.docx`, `.pdf`).
pub fn has_report_extension(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(Format::of_name)
        .is_some()
}

/// Finds the report files under `paths`. A named file is taken whatever its ending;
/// folders are walked recursively for the endings of [`has_report_extension`]. A missing path is an error (the
/// user must act); problems met during the walk are skipped entries.
pub fn walk(paths: &[PathBuf], options: WalkOptions) -> Result<(Vec<FoundFile>, Vec<Skipped>)> {
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(Error::MissingPath(path.clone()));
        }
    }
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let mut sources = BTreeSet::new();
    for root in paths {
        let root_is_dir = root.is_dir();
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    skipped.push(walk_error(root, &err));
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path();
            if root_is_dir && !has_report_extension(path) {
                continue;
            }
            if !entry.file_type().is_file() {
                // FIFOs, sockets and devices would block or never end.
                skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: "not a regular file".to_string(),
                });
                continue;
            }
            let mut source = source_name(root, path, root_is_dir);
            if !sources.insert(source.clone()) {
                // Two roots hold the same relative path: name it by its full path instead.
                source = path.to_string_lossy().replace('\\', "/");
                sources.insert(source.clone());
            }
            match entry.metadata() {
                Ok(meta) if meta.len() > options.max_file_bytes => skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: format!(
                        "larger than the size limit ({} bytes > {} bytes; raise it with --max-file-size)",
                        meta.len(),
                        options.max_file_bytes
                    ),
                }),
                Ok(meta) => found.push(FoundFile {
                    path: path.to_path_buf(),
                    source,
                    size: meta.len(),
                }),
                Err(err) => skipped.push(walk_error(root, &err)),
            }
        }
    }
    Ok((found, skipped))
}

fn walk_error(root: &Path, err: &walkdir::Error) -> Skipped {
    let path = err.path().unwrap_or(root).display().to_string();
    let reason = if err.loop_ancestor().is_some() {
        "symbolic link loop".to_string()
    } else if let Some(io) = err.io_error() {
        match io.kind() {
            std::io::ErrorKind::NotFound => "vanished during the walk".to_string(),
            std::io::ErrorKind::PermissionDenied => "unreadable: permission denied".to_string(),
            _ => format!("unreadable: {io}"),
        }
    } else {
        err.to_string()
    };
    Skipped { path, reason }
}

fn source_name(root: &Path, path: &Path, root_is_dir: bool) -> String {
    let relative = if root_is_dir {
        path.strip_prefix(root).unwrap_or(path)
    } else {
        Path::new(path.file_name().unwrap_or(path.as_os_str()))
    };
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Where a file's bytes come from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A file on disk.
    Disk(PathBuf),
    /// A file compiled into the binary.
    Embedded(&'static [u8]),
}

/// A report file to index: its `source` name and where to read it.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// `source` of its records.
    pub source: String,
    /// Where its bytes are.
    pub origin: Origin,
    /// Its size in bytes (as walked).
    pub size: u64,
}

impl InputFile {
    /// The path to show a user.
    pub fn display_path(&self) -> String {
        match &self.origin {
            Origin::Disk(path) => path.display().to_string(),
            Origin::Embedded(_) => format!("(embedded) {}", self.source),
        }
    }

    /// Reads the file's bytes.
    pub fn bytes(&self) -> Result<Cow<'static, [u8]>, Skipped> {
        match &self.origin {
            Origin::Embedded(bytes) => Ok(Cow::Borrowed(bytes)),
            Origin::Disk(path) => {
                read_sized(path, self.size)
                    .map(Cow::Owned)
                    .map_err(|err| Skipped {
                        path: path.display().to_string(),
                        reason: match err.kind() {
                            std::io::ErrorKind::NotFound => "vanished during the walk".to_string(),
                            std::io::ErrorKind::PermissionDenied => {
                                "unreadable: permission denied".to_string()
                            }
                            _ => format!("unreadable: {err}"),
                        },
                    })
            }
        }
    }

    /// Decodes bytes read from this file.
    pub fn decode(&self, bytes: Cow<'_, [u8]>) -> Result<SourceText, Skipped> {
        let format = Format::of(&self.source, &bytes);
        let text = match format {
            Format::Text => decode::decode(bytes),
            Format::Html | Format::Docx | Format::Pdf => read_document(format, bytes.into_owned()),
        }
        .map_err(|why| Skipped {
            path: self.display_path(),
            reason: why.to_string(),
        })?;
        Ok(SourceText {
            format,
            source: self.source.clone(),
            text,
        })
    }
}

/// How long a document reader may take over one file before the file is skipped.
const READ_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// The text of a web page, Word document or PDF file, read on a thread of its own: the readers are
/// other people's parsers, and one that panics or never ends on a file skips that file,
/// not the run. (A reader that never ends keeps its thread until the process exits.)
fn read_document(format: Format, bytes: Vec<u8>) -> Result<String, decode::NotText> {
    use crate::fault::{self, Fault};
    let limit = if fault::injected(Fault::SlowRead) {
        std::time::Duration::from_secs(1)
    } else {
        READ_LIMIT
    };
    let (sender, receiver) = std::sync::mpsc::channel();
    let reader = std::thread::Builder::new().spawn(move || {
        if fault::injected(Fault::SlowRead) {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
        let text = match format {
            Format::Html => html::to_text(&bytes),
            Format::Pdf => pdf::to_text(&bytes),
            Format::Docx => docx::to_text(&bytes),
            Format::Text => decode::decode(bytes),
        };
        let _ = sender.send(text);
    });
    let failed = |why: String| decode::NotText::Unreadable(why);
    if let Err(err) = reader {
        return Err(failed(format!("cannot start its reader ({err})")));
    }
    match receiver.recv_timeout(limit) {
        Ok(text) => text,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(failed(format!(
            "reading it as {} took longer than {} s (a damaged file?)",
            format.as_str(),
            limit.as_secs()
        ))),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(failed(format!(
            "cannot be read as {} (its reader failed on it)",
            format.as_str()
        ))),
    }
}

impl From<FoundFile> for InputFile {
    fn from(file: FoundFile) -> InputFile {
        InputFile {
            source: file.source,
            origin: Origin::Disk(file.path),
            size: file.size,
        }
    }
}

/// A file's bytes, read into a buffer of the size the walk saw: what `std::fs::read`
/// does, without asking the file system for the size again (`File::read_to_end` asks with
/// `fstat` and `lseek`; a corpus can be thousands of files). A file that changed size since
/// the walk is still read whole.
fn read_sized(path: &Path, size: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut bytes = vec![0; usize::try_from(size).unwrap_or(0)];
    match file.read_exact(&mut bytes) {
        // Anything appended since; through `Take`, `read_to_end` asks for no size either.
        Ok(()) => (&mut file).take(u64::MAX).read_to_end(&mut bytes)?,
        Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => return std::fs::read(path),
        Err(err) => return Err(err),
    };
    Ok(bytes)
}

/// The embedded sample corpus as input files.
pub fn embedded_files() -> Vec<InputFile> {
    crate::corpus::files()
        .into_iter()
        .map(|file| InputFile {
            source: file.name.to_string(),
            origin: Origin::Embedded(file.bytes),
            size: file.bytes.len() as u64,
        })
        .collect()
}

/// The embedded sample corpus, decoded.
pub fn embedded() -> (Vec<SourceText>, Vec<Skipped>) {
    let mut texts = Vec::new();
    let mut skipped = Vec::new();
    for file in embedded_files() {
        match file.bytes().and_then(|bytes| file.decode(bytes)) {
            Ok(text) => texts.push(text),
            Err(skip) => skipped.push(skip),
        }
    }
    (texts, skipped)
}

/// Splits a decoded file into records with fields and language.
pub fn records(source: &SourceText) -> Vec<Record> {
    let split = split::split(&source.text);
    split
        .blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            let ordinal = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let fields = fields::parse_block(block);
            let text = block.lines.join("\n");
            // Detection reads a bounded prefix of the body: only that much is joined.
            let body =
                crate::record::join_sections_up_to(&fields.sections, language::DETECT_PREFIX_BYTES);
            let no_body = fields.sections.iter().all(|s| s.text.trim().is_empty());
            let lang = language::detect(if no_body { &text } else { &body });
            let id = Record::make_id(&source.source, ordinal);
            assemble(
                id,
                (source.source.clone(), source.format),
                ordinal,
                block.kind,
                lang,
                fields,
                text,
            )
        })
        .collect()
}

/// The record an index stored as [`StoredRecord`]: its fields parsed again from its text,
/// exactly as [`records`] parsed them (the text is the block's lines joined by `\n`). A
/// change to that parsing needs a new [`crate::index::SCHEMA_VERSION`].
pub fn restore(stored: StoredRecord<'_>) -> Record {
    let text = stored.text.into_owned();
    let block = split::Block {
        kind: stored.kind,
        lines: text.split('\n').collect(),
    };
    let fields = fields::parse_block(&block);
    assemble(
        stored.id.into_owned(),
        (stored.source.into_owned(), stored.format),
        stored.ordinal,
        stored.kind,
        stored.lang,
        fields,
        text,
    )
}

fn assemble(
    id: String,
    (source, format): (String, Format),
    ordinal: u32,
    kind: crate::record::Kind,
    lang: crate::record::Language,
    fields: fields::Fields,
    text: String,
) -> Record {
    Record {
        id,
        source,
        format,
        ordinal,
        kind,
        lang,
        title: fields.title,
        partner: fields.partners.first().map(|p| p.name.clone()),
        country: fields.partners.iter().find_map(|p| p.country.clone()),
        partners: fields.partners,
        period: fields.period,
        sections: fields.sections,
        facts: fields.facts,
        text,
        counterpart: None,
        warnings: fields.warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_whatever_size_the_walk_saw() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.txt");
        let text: Vec<u8> = (0..20_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        std::fs::write(&path, &text).unwrap();
        // Grown, shrunk or unchanged since the walk.
        for seen in [0, 1, 8_191, 19_999, 20_000, 20_001, 1_000_000] {
            assert_eq!(read_sized(&path, seen).unwrap(), text, "size seen {seen}");
        }
        std::fs::write(&path, b"").unwrap();
        assert_eq!(read_sized(&path, 10).unwrap(), b"");
    }

    #[test]
    fn a_file_that_vanished_after_the_walk_is_skipped_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone.txt");
        std::fs::write(&path, "Partner: X (Norway)\n").unwrap();
        let (found, _) = walk(&[dir.path().to_path_buf()], WalkOptions::default()).unwrap();
        std::fs::remove_file(&path).unwrap();
        let file = InputFile::from(found[0].clone());
        let skipped = file.bytes().unwrap_err();
        assert_eq!(skipped.reason, "vanished during the walk");
        assert!(skipped.path.ends_with("gone.txt"));
    }

    #[test]
    fn stored_records_read_back_as_they_were_indexed() {
        let mut all: Vec<Record> = embedded().0.iter().flat_map(records).collect();
        let generated = crate::generate::generate(crate::generate::GenOptions {
            records: 3_000,
            seed: 11,
        });
        all.extend(generated.parse());
        // Windows line ends, blank and indented lines inside a record, a label alone.
        all.extend(records(&SourceText {
            format: Default::default(),
            source: "odd.txt".into(),
            text: crate::ingest::decode::decode(
                b"Partner: Oslo Fusion (Norway)\r\n\r\n  Main results of the initiative:\r\n\
                  \tA  result.\r\n\r\n\r\nImplementation period:\r\nPartner: X\r\n",
            )
            .unwrap(),
        }));
        assert!(all.len() > 3_000);
        for record in &all {
            let json = StoredRecord::of(record).to_json();
            let stored = StoredRecord::from_parts(&json, &record.text).unwrap();
            assert_eq!(&restore(stored), record, "{}", record.id);
        }
    }

    #[test]
    fn embedded_corpus_gives_eleven_records() {
        let (texts, skipped) = embedded();
        assert!(skipped.is_empty());
        let counts: Vec<usize> = texts.iter().map(|t| records(t).len()).collect();
        assert_eq!(counts, vec![4, 4, 1, 1, 1]);
    }
}
