//! The pairing stage: the features of every record of the coming commit wait in a spill
//! file until the commit pairs them; and an index's records paired again after a
//! person's decision (`bireport pairs link`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Kept, Result};
use crate::index::pairs::PairStoreWriter;
use crate::index::{CommitSummary, IndexSession, PairsJob, WriteOptions};
use crate::pairing::decisions::Decisions;
use crate::pairing::lexicon;
use crate::pairing::spill::FeatureSpill;
use crate::pairing::{self, Features};

/// Saves the person's `decisions` (replacing `previous`, `bireport pairs link`) and
/// pairs the records of the index in `dir` again ([`repair_pairs`]); returns the number of pairs. When pairing again fails, the decisions
/// file goes back to `previous`, so the failed run changes nothing.
pub fn decide(dir: &Path, previous: &Decisions, decisions: &Decisions) -> Result<usize> {
    let result = decisions.save(dir).and_then(|()| repair_pairs(dir));
    if result.is_err() {
        let _ = previous.save(dir);
    }
    result.map_err(|err| err.writing_index(dir, Kept::Previous, || pairs_mb(dir)))
}

/// About how many megabytes pairing again writes: another pair store as large as the
/// ones in `dir`.
fn pairs_mb(dir: &Path) -> u64 {
    let bytes: u64 = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("pairs-"))
        .filter_map(|entry| entry.metadata().ok())
        .map(|meta| meta.len())
        .max()
        .unwrap_or(0);
    (bytes / 1_000_000).max(1)
}

/// Pairs the records of the index in `dir` again, from the features its last commit
/// keeps, following the person's decisions as saved; returns the number of pairs.
fn repair_pairs(dir: &Path) -> Result<usize> {
    let mut session = IndexSession::begin(dir, WriteOptions::default())?;
    if session.previous().pairing_version != pairing::PAIRING_VERSION {
        return Err(Error::DamagedIndex {
            dir: dir.to_path_buf(),
            reason: "its pairs were made by another version of bireport".to_string(),
        });
    }
    let decisions = Decisions::load(dir)?;
    let fingerprint = decisions.fingerprint();
    let mut pairing = PairingInput::new(dir, decisions)?;
    let sources: Vec<String> = session.indexed().keys().cloned().collect();
    for source in &sources {
        if !pairing.keep(&session, source) {
            return Err(Error::DamagedIndex {
                dir: dir.to_path_buf(),
                reason: format!("the pairing features of {source} cannot be read"),
            });
        }
    }
    session.mark_changed();
    let previous = session.previous().clone();
    let count = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    let pairs_job: PairsJob<'static> = Box::new(move |store: &mut PairStoreWriter| {
        let made = pairing.write_pairs(store)?;
        counted.store(made, Ordering::Relaxed);
        Ok(())
    });
    session.commit(
        CommitSummary {
            pairing_version: pairing::PAIRING_VERSION,
            files: previous.files,
            records: previous.records,
            decisions: fingerprint,
            glossary: previous.glossary.clone(),
        },
        pairs_job,
    )?;
    Ok(count.load(Ordering::Relaxed))
}

/// Pairing features of every record the new commit will hold: extracted from records
/// read in this run, decoded from the incremental store for files left unchanged. They
/// wait in a spill file next to the index rather than in memory ([`pairing::spill`]).
pub(super) struct PairingInput {
    dir: PathBuf,
    spill: FeatureSpill,
    /// The first failure to write the spill, reported before pairing.
    failed: Option<std::io::Error>,
}

impl PairingInput {
    pub(super) fn new(dir: &Path, decisions: Decisions) -> Result<PairingInput> {
        Ok(PairingInput {
            dir: dir.to_path_buf(),
            spill: FeatureSpill::new_in(dir)
                .map_err(|err| Error::io(dir, err))?
                .with_decisions(decisions),
            failed: None,
        })
    }

    /// Takes the stored features of `source`'s records; false (and takes nothing) if any
    /// of them cannot be read, so the caller re-reads the file instead.
    pub(super) fn keep(&mut self, session: &IndexSession, source: &str) -> bool {
        let Some(stored) = session.indexed_features(source) else {
            return false;
        };
        let decoded: Option<Vec<Features>> = stored
            .iter()
            .map(|(id, bytes)| Features::decode(id, bytes))
            .collect();
        match decoded {
            Some(features) => {
                for (f, (_, encoded)) in features.iter().zip(stored) {
                    if let Err(err) = self.spill.push(f, encoded) {
                        self.failed.get_or_insert(err);
                    }
                }
                true
            }
            None => false,
        }
    }

    pub(super) fn add(&mut self, features: &[(Features, Vec<u8>)]) -> Result<()> {
        if let Some(err) = self.failed.take() {
            return Err(Error::io(&self.dir, err));
        }
        for (f, encoded) in features {
            self.spill
                .push(f, encoded)
                .map_err(|err| Error::io(&self.dir, err))?;
        }
        Ok(())
    }

    /// Chooses the pairs and writes them to `store`; returns how many.
    pub(super) fn write_pairs(self, store: &mut PairStoreWriter) -> Result<usize> {
        if let Some(err) = self.failed {
            return Err(Error::io(&self.dir, err));
        }
        let dir = self.dir;
        let io = |err| Error::io(&dir, err);
        let (count, lexicon) = self.spill.pairs(io, |pair| store.add(&pair).map_err(io))?;
        lexicon::save(&dir, &lexicon)?;
        Ok(count)
    }
}
