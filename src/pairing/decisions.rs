//! Decisions: a person's corrections to pairing (`bireport pairs link` / `unlink`), kept
//! beside the index in `decisions.tsv` and applied by every pairing run after them, so
//! the machine never overrides them and re-indexing (also `--rebuild`) keeps them.
//!
//! The file is plain text a person can read and edit: one decision a line,
//! `link<TAB>LT_ID<TAB>EN_ID` or `unlink<TAB>LT_ID<TAB>EN_ID`, `#` lines are comments. It is
//! written to a temporary file and renamed over the old one, so it is whole or unchanged.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file's name inside the index directory.
pub const FILE_NAME: &str = "decisions.tsv";

const HEADER: &str = "# bireport pairing decisions: link|unlink<TAB>Lithuanian id<TAB>English id\n";

/// A person's pairing decisions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decisions {
    /// (Lithuanian id, English id) pairs that must be made; no id appears twice.
    links: BTreeSet<(String, String)>,
    /// (Lithuanian id, English id) pairs that must never be made.
    unlinks: BTreeSet<(String, String)>,
}

/// What a new decision changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The decision is new.
    Made,
    /// The same decision was there already.
    Unchanged,
}

impl Decisions {
    /// The decisions kept in `dir`; none when the file does not exist.
    pub fn load(dir: &Path) -> Result<Decisions> {
        let path = path(dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(err) => return Err(Error::io(&path, err)),
        };
        let mut decisions = Decisions::default();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let columns: Vec<&str> = line.split('\t').map(str::trim).collect();
            let bad = || Error::InvalidData {
                path: path.clone(),
                reason: format!(
                    "line {} is not `link|unlink<TAB>LT_ID<TAB>EN_ID`: {line:?}",
                    number + 1
                ),
            };
            let [action, lt, en] = columns[..] else {
                return Err(bad());
            };
            match action {
                "link" => decisions.link(lt, en),
                "unlink" => decisions.unlink(lt, en),
                _ => return Err(bad()),
            };
        }
        Ok(decisions)
    }

    /// Writes the decisions to `dir` (whole or not at all); removes the file when there
    /// are none.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let path = path(dir);
        if self.is_empty() {
            return match std::fs::remove_file(&path) {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                    Err(Error::io(&path, err))
                }
                _ => Ok(()),
            };
        }
        let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|err| Error::io(dir, err))?;
        file.write_all(self.to_text().as_bytes())
            .and_then(|()| file.as_file().sync_all())
            .map_err(|err| Error::io(file.path(), err))?;
        file.persist(&path)
            .map_err(|err| Error::io(&path, err.error))?;
        Ok(())
    }

    /// The file's text.
    fn to_text(&self) -> String {
        let mut text = HEADER.to_string();
        for (action, list) in [("link", &self.links), ("unlink", &self.unlinks)] {
            for (lt, en) in list {
                text.push_str(&format!("{action}\t{lt}\t{en}\n"));
            }
        }
        text
    }

    /// A fingerprint of the decisions: pairs made under other decisions are made again.
    pub fn fingerprint(&self) -> Option<String> {
        (!self.is_empty()).then(|| {
            format!(
                "{:032x}",
                xxhash_rust::xxh3::xxh3_128(self.to_text().as_bytes())
            )
        })
    }

    /// True when there is no decision.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty() && self.unlinks.is_empty()
    }

    /// `lt` and `en` are counterparts: any other link of either goes, and so does an
    /// unlink of the two.
    pub fn link(&mut self, lt: &str, en: &str) -> Change {
        let pair = (lt.to_string(), en.to_string());
        if self.links.contains(&pair) {
            return Change::Unchanged;
        }
        self.links.retain(|(l, e)| l != lt && e != en);
        self.unlinks.remove(&pair);
        self.links.insert(pair);
        Change::Made
    }

    /// `lt` and `en` are not counterparts: a link of the two goes.
    pub fn unlink(&mut self, lt: &str, en: &str) -> Change {
        let pair = (lt.to_string(), en.to_string());
        if self.unlinks.contains(&pair) {
            return Change::Unchanged;
        }
        self.links.remove(&pair);
        self.unlinks.insert(pair);
        Change::Made
    }

    /// The pairs a person made, (Lithuanian id, English id).
    pub fn links(&self) -> impl Iterator<Item = (&str, &str)> {
        self.links.iter().map(|(l, e)| (l.as_str(), e.as_str()))
    }

    /// Whether a person linked `id` to a record.
    pub fn is_linked(&self, id: &str) -> bool {
        self.links.iter().any(|(l, e)| l == id || e == id)
    }

    /// Whether a person ruled out pairing `lt` with `en`.
    pub fn is_unlinked(&self, lt: &str, en: &str) -> bool {
        self.unlinks.iter().any(|(l, e)| l == lt && e == en)
    }
}

/// The decisions file of the index in `dir`.
pub fn path(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_round_trip_and_a_new_link_replaces_the_old_ones_of_its_records() {
        let dir = tempfile::tempdir().unwrap();
        let mut decisions = Decisions::default();
        assert_eq!(decisions.link("lt#1", "en#1"), Change::Made);
        assert_eq!(decisions.link("lt#1", "en#1"), Change::Unchanged);
        assert_eq!(decisions.unlink("lt#2", "en#2"), Change::Made);
        // A record has one counterpart: linking en#1 elsewhere drops lt#1's link.
        assert_eq!(decisions.link("lt#3", "en#1"), Change::Made);
        assert!(!decisions.is_linked("lt#1"));
        assert!(decisions.is_linked("en#1"));
        // Linking an unlinked pair lifts the unlink; unlinking a linked pair drops the link.
        decisions.link("lt#2", "en#2");
        assert!(!decisions.is_unlinked("lt#2", "en#2"));
        decisions.unlink("lt#3", "en#1");
        assert!(!decisions.is_linked("lt#3"));
        assert!(decisions.is_unlinked("lt#3", "en#1"));
        decisions.save(dir.path()).unwrap();
        assert_eq!(Decisions::load(dir.path()).unwrap(), decisions);
        assert_eq!(
            std::fs::read_to_string(path(dir.path())).unwrap(),
            format!("{HEADER}link\tlt#2\ten#2\nunlink\tlt#3\ten#1\n")
        );
        Decisions::default().save(dir.path()).unwrap();
        assert!(!path(dir.path()).exists());
        assert_eq!(Decisions::load(dir.path()).unwrap(), Decisions::default());
    }

    #[test]
    fn a_damaged_file_is_refused_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(path(dir.path()), "link\tlt#1\n").unwrap();
        let err = Decisions::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("line 1"), "{err}");
        assert!(err.contains("decisions.tsv"), "{err}");
    }
}
