//! One indexing run, stage by stage: open a session and see what the last commit offers
//! ([`Plan`]); read the files on the worker pool and apply each file's outcome to the
//! index ([`Run::apply`]); remove the files that are gone; commit with the pairs.

use std::collections::BTreeSet;
use std::path::Path;

use super::pairs::PairingInput;
use super::read::{process_file, FileOutcome, ProcessedFile};
use super::workers::run_parallel;
use super::{IndexOptions, IndexReport, Input, Progress};
use crate::error::{Error, Result};
use crate::index::pairs::PairStoreWriter;
use crate::index::{CommitSummary, IndexSession, PairsJob};
use crate::ingest::{InputFile, Skipped};
use crate::pairing::decisions::Decisions;
use crate::pairing::{self};

/// [`super::build_index_with`], with its errors as they came.
pub(super) fn index_input(
    dir: &Path,
    input: &Input,
    options: IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    // Resolve the input first: a missing path is the user's mistake and creates nothing.
    let (files, skipped) = input.files(options.walk)?;
    let session = IndexSession::begin(dir, options.write)?;
    progress.start(files.len(), files.iter().map(|f| f.size).sum());
    let plan = Plan::new(dir, session, &files)?;
    let mut run = Run {
        files: &files,
        progress,
        report: IndexReport::default(),
        skipped,
        seen: BTreeSet::new(),
        session: plan.session,
        pairing: plan.pairing,
        features_current: plan.features_current,
    };
    run.report.warnings = plan.warnings;
    let previous_hashes = plan.previous_hashes;
    let fields = run.session.fields();
    run_parallel(
        &files,
        options.write.threads,
        |at, file| process_file(file, previous_hashes[at].as_deref(), &fields),
        |at, panic| {
            let during = format!("reading {}", files[at].display_path());
            FileOutcome::Crashed(Error::from_panic(during, &*panic))
        },
        |at, outcome| run.apply(at, outcome),
    )?;
    run.remove_gone();
    progress.committing();
    run.commit(plan.decisions, plan.glossary, dir)
}

/// What the last commit offers a run, decided before any file is read.
struct Plan {
    session: IndexSession,
    /// The features waiting for pairing, with the person's decisions.
    pairing: PairingInput,
    decisions: Decisions,
    /// The user's glossary's fingerprint.
    glossary: Option<String>,
    /// Whether the stored pairing features were made by this version with this glossary:
    /// if not, every file is read again.
    features_current: bool,
    /// Each file's content hash in the last commit, where its stored features can be
    /// kept.
    previous_hashes: Vec<Option<String>>,
    /// Stores of the last commit that cannot be used.
    warnings: Vec<String>,
}

impl Plan {
    fn new(dir: &Path, mut session: IndexSession, files: &[InputFile]) -> Result<Plan> {
        let mut warnings = Vec::new();
        if let Some(problem) = session.store_problem() {
            warnings.push(format!(
                "the last commit's incremental store cannot be used ({problem}): every file is read again"
            ));
        }
        if let Some(problem) = session.pairs_problem() {
            warnings.push(format!(
                "the last commit's pair store cannot be used ({problem}): pairs are computed again"
            ));
        }
        let decisions = Decisions::load(dir)?;
        if session.previous().decisions != decisions.fingerprint() {
            session.mark_changed();
        }
        let pairing = PairingInput::new(dir, decisions.clone())?;
        // Stored pairing features of another version, or made with other glossary terms,
        // are stale: such files are re-read.
        let glossary = pairing::glossary::fingerprint();
        let features_current = session.previous().pairing_version == pairing::PAIRING_VERSION
            && session.previous().glossary == glossary;
        if !features_current {
            session.mark_changed();
        }
        let previous_hashes = files
            .iter()
            .map(|file| {
                session
                    .indexed()
                    .get(&file.source)
                    .filter(|_| features_current)
                    .map(|f| f.content_hash.clone())
            })
            .collect();
        Ok(Plan {
            session,
            pairing,
            decisions,
            glossary,
            features_current,
            previous_hashes,
            warnings,
        })
    }
}

/// A run under way: the session, what it has counted, and which sources stay.
struct Run<'a> {
    files: &'a [InputFile],
    progress: &'a dyn Progress,
    session: IndexSession,
    pairing: PairingInput,
    features_current: bool,
    report: IndexReport,
    skipped: Vec<Skipped>,
    /// Sources the index keeps after the run; the others' records are removed.
    seen: BTreeSet<String>,
}

impl Run<'_> {
    /// Applies what reading `files[at]` gave to the index and the counts.
    fn apply(&mut self, at: usize, outcome: FileOutcome) -> Result<()> {
        let file = &self.files[at];
        self.progress.file_done(file.size);
        let previously = self.session.indexed().get(&file.source).map(|f| f.records);
        let outcome = match outcome {
            FileOutcome::Unchanged if self.pairing.keep(&self.session, &file.source) => {
                self.seen.insert(file.source.clone());
                self.report.unchanged += 1;
                self.report.files += 1;
                self.report.records += previously.unwrap_or(0);
                return Ok(());
            }
            // Same bytes, but the stored features cannot be read: process it again.
            FileOutcome::Unchanged => process_file(file, None, &self.session.fields()),
            other => other,
        };
        match outcome {
            FileOutcome::Unreadable(skip) => {
                // An unreadable file keeps what the index already has of it.
                if previously.is_some()
                    && self.features_current
                    && self.pairing.keep(&self.session, &file.source)
                {
                    self.seen.insert(file.source.clone());
                }
                self.skipped.push(skip);
            }
            // Not `seen`: any old records of it are removed.
            FileOutcome::Rejected(skip) => self.skipped.push(skip),
            FileOutcome::Indexed(processed) => {
                index_file(
                    &mut self.session,
                    &mut self.report,
                    &mut self.pairing,
                    file,
                    processed,
                    previously.is_some(),
                )?;
                self.seen.insert(file.source.clone());
            }
            FileOutcome::Unchanged => {} // not returned without a previous hash
            FileOutcome::Crashed(err) => return Err(err),
        }
        Ok(())
    }

    /// Removes the records of every source the run did not keep.
    fn remove_gone(&mut self) {
        let gone: Vec<String> = (self.session.indexed().keys())
            .filter(|source| !self.seen.contains(*source))
            .cloned()
            .collect();
        for source in &gone {
            self.session.remove_source(source);
        }
        self.report.removed = gone.len();
    }

    /// Commits with the pairs and saves the person's decisions beside the index.
    fn commit(
        mut self,
        decisions: Decisions,
        glossary: Option<String>,
        dir: &Path,
    ) -> Result<IndexReport> {
        // Features are read back a batch of blocks at a time and evidence is written pair
        // by pair, while the commit finishes the segments (a commit without changes runs
        // neither); the spill file goes before the commit.
        let pairing = self.pairing;
        let pairs_job: PairsJob<'static> =
            Box::new(move |store: &mut PairStoreWriter| pairing.write_pairs(store).map(drop));
        self.session.commit(
            CommitSummary {
                pairing_version: pairing::PAIRING_VERSION,
                files: self.report.files,
                records: self.report.records,
                decisions: decisions.fingerprint(),
                glossary,
            },
            pairs_job,
        )?;
        // A rebuild swaps in a new directory: the person's decisions go with it.
        decisions.save(dir)?;
        self.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        self.report.skipped = self.skipped;
        Ok(self.report)
    }
}

/// Hands one file's documents to the writer and counts it.
fn index_file(
    session: &mut IndexSession,
    report: &mut IndexReport,
    pairing: &mut PairingInput,
    file: &InputFile,
    processed: ProcessedFile,
    existed: bool,
) -> Result<()> {
    let ProcessedFile {
        content_hash,
        documents,
        features,
        warnings,
    } = processed;
    report.warnings.extend(warnings);
    report.records += documents.len();
    report.files += 1;
    if existed {
        report.updated += 1;
    } else {
        report.added += 1;
    }
    let entries = features
        .iter()
        .map(|(f, encoded)| (f.id(), encoded.as_slice()));
    session.replace_source(&file.source, &content_hash, documents, entries)?;
    pairing.add(&features)
}
