//! A user's glossary terms (`index --glossary FILE`): read and checked before any command
//! runs, kept beside the index after a successful `index`, and read from there by every
//! later command on that index.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use bireport::error::Error;
use bireport::pairing::glossary;

/// Adds the terms of `file` (given) or of the index's kept glossary to the glossary.
pub fn load(index_dir: &Path, file: Option<&Path>) -> anyhow::Result<()> {
    let kept = index_dir.join(glossary::FILE_NAME);
    let path = match file {
        Some(path) => path,
        None if kept.is_file() => kept.as_path(),
        None => return Ok(()),
    };
    let text = std::fs::read_to_string(path)
        .map_err(|err| Error::io(path, err))
        .with_context(|| "reading the glossary")?;
    glossary::check(&text)
        .map_err(|bad| bad.to_string())
        .map_err(|reason| match file {
            Some(_) => Error::InvalidArgument {
                flag: "--glossary",
                value: path.display().to_string(),
                reason,
            },
            // The copy kept beside the index, damaged since.
            None => Error::InvalidData {
                path: path.to_path_buf(),
                reason,
            },
        })?;
    if !glossary::add_terms(text) {
        anyhow::bail!("the glossary was read before its terms could be added");
    }
    Ok(())
}

/// Keeps the glossary `file` beside the index in `index_dir` (whole or not at all).
pub fn keep(index_dir: &Path, file: &Path) -> anyhow::Result<()> {
    let text = std::fs::read(file).map_err(|err| Error::io(file, err))?;
    let mut temporary =
        tempfile::NamedTempFile::new_in(index_dir).map_err(|err| Error::io(index_dir, err))?;
    temporary
        .write_all(&text)
        .map_err(|err| Error::io(temporary.path(), err))?;
    let kept = index_dir.join(glossary::FILE_NAME);
    temporary
        .persist(&kept)
        .map_err(|err| Error::io(&kept, err.error))?;
    Ok(())
}
