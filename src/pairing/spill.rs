//! Spill: pairing a corpus without holding every record's features in memory.
//!
//! Indexing extracts pairing features record by record, but pairs can only be chosen once
//! every record has been seen. [`FeatureSpill`] writes each record's features to an
//! unnamed temporary file as they come and keeps, per record, only where they are and the
//! two things that group records: language side and period (24 bytes), plus the key
//! counts the scores need. Pairing then reads features back a batch of exact-period blocks
//! at a time, and for the later steps only the records still unpaired. The choices are
//! those of [`super::Pairing`] over the same records (same steps, same tie-breaking by
//! ids); only the order in which pairs come out differs. Indexing also hands the spill a
//! person's decisions ([`FeatureSpill::with_decisions`]): linked records are paired first,
//! as linked, and unlinked pairs are dropped from every step's choices.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::assign::{assign_blocks, assign_only_candidates, assign_overlaps, parallel_map, Match};
use super::decisions::Decisions;
use super::evidence::Evidence;
use super::features::{Features, Side};
use super::lexicon::{Lexicon, LexiconBuilder};
use super::score::{scored, PeriodMatch};
use super::weights::{KeyCounts, KeyWeights};
use super::IdPair;

/// Records whose features one batch of exact-period blocks reads back at most (a block
/// larger than this is a batch of its own).
pub const BATCH_RECORDS: usize = 50_000;

/// Where one record's features are in the spill file, and how it groups (24 bytes).
#[derive(Debug, Clone, Copy)]
struct Entry {
    offset: u64,
    len: u32,
    /// First and last day, [`NO_PERIOD`] for none.
    period: (i32, i32),
    side: Side,
    /// Linked by a person ([`Decisions`]): paired as they said, not by the machine.
    linked: bool,
}

/// The period of a record without one (no Julian day is this far back).
const NO_PERIOD: (i32, i32) = (i32::MIN, i32::MIN);

impl Entry {
    fn has_period(&self) -> bool {
        self.period != NO_PERIOD
    }
}

/// Pairing features written to a temporary file as they are extracted.
pub struct FeatureSpill {
    file: File,
    writer: BufWriter<File>,
    written: u64,
    entries: Vec<Entry>,
    counts: KeyCounts,
    batch_records: usize,
    decisions: Decisions,
    /// The ids `decisions` links.
    linked_ids: std::collections::HashSet<String>,
}

impl FeatureSpill {
    /// A spill in an unnamed temporary file in `dir` (removed when dropped, also if the
    /// process is killed).
    pub fn new_in(dir: &Path) -> io::Result<FeatureSpill> {
        let file = tempfile::tempfile_in(dir)?;
        let writer = BufWriter::with_capacity(1 << 20, file.try_clone()?);
        Ok(FeatureSpill {
            file,
            writer,
            written: 0,
            entries: Vec::new(),
            counts: KeyCounts::default(),
            batch_records: BATCH_RECORDS,
            decisions: Decisions::default(),
            linked_ids: Default::default(),
        })
    }

    /// Pairs as a person decided ([`Decisions`]): linked records are paired as linked,
    /// unlinked pairs are never made. Set before any record is pushed.
    pub fn with_decisions(mut self, decisions: Decisions) -> FeatureSpill {
        debug_assert!(self.entries.is_empty());
        self.linked_ids = decisions
            .links()
            .flat_map(|(lt, en)| [lt.to_string(), en.to_string()])
            .collect();
        self.decisions = decisions;
        self
    }

    /// Adds one record's features; `encoded` is their [`Features::encode`] (which
    /// indexing has already made for the record's document).
    pub fn push(&mut self, features: &Features, encoded: &[u8]) -> io::Result<()> {
        debug_assert_eq!(encoded, features.encode().as_slice());
        self.counts.add(features);
        let id = features.id().as_bytes();
        let len = 4 + id.len() + encoded.len();
        self.writer.write_all(&(id.len() as u32).to_le_bytes())?;
        self.writer.write_all(id)?;
        self.writer.write_all(encoded)?;
        self.entries.push(Entry {
            offset: self.written,
            len: len as u32,
            side: features.side,
            period: features.period.unwrap_or(NO_PERIOD),
            linked: self.linked_ids.contains(features.id()),
        });
        self.written += len as u64;
        Ok(())
    }

    /// Records added.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no record was added.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads back the features of records `indices`, in that order. Records close together
    /// in the file are read with one read (a batch of blocks holds a good share of all
    /// records; a record alone costs a system call), and runs are read and decoded on
    /// all cores.
    fn read_all(&self, indices: &[usize]) -> io::Result<Vec<Features>> {
        // Positions in `indices`, in file order, cut into runs that span at most READ_SPAN.
        let mut order: Vec<usize> = (0..indices.len()).collect();
        order.sort_unstable_by_key(|&i| self.entries[indices[i]].offset);
        let mut runs: Vec<&[usize]> = Vec::new();
        let mut start = 0;
        for end in 1..=order.len() {
            let run_start = self.entries[indices[order[start]]].offset;
            let fits = order.get(end).is_some_and(|&next| {
                let next = self.entries[indices[next]];
                next.offset + u64::from(next.len) - run_start <= READ_SPAN
            });
            if !fits {
                runs.push(&order[start..end]);
                start = end;
            }
        }
        let mut read: Vec<Option<Features>> = (0..indices.len()).map(|_| None).collect();
        for (run, features) in runs
            .iter()
            .zip(parallel_map(&runs, |run| self.read_run(indices, run)))
        {
            for (&position, f) in run.iter().zip(features?) {
                read[position] = Some(f);
            }
        }
        read.into_iter().map(|f| f.ok_or_else(damaged)).collect()
    }

    /// Reads the records `indices[i]` for each `i` of `run` (in file order) with one read.
    fn read_run(&self, indices: &[usize], run: &[usize]) -> io::Result<Vec<Features>> {
        let entry = |i: &usize| self.entries[indices[*i]];
        let (Some(first), Some(last)) = (run.first().map(entry), run.last().map(entry)) else {
            return Ok(Vec::new());
        };
        let mut bytes = vec![0; (last.offset + u64::from(last.len) - first.offset) as usize];
        read_at(&self.file, &mut bytes, first.offset)?;
        run.iter()
            .map(|i| {
                let e = entry(i);
                let at = (e.offset - first.offset) as usize;
                decode_record(&bytes[at..at + e.len as usize])
            })
            .collect()
    }

    /// Chooses the pairs and hands each, with its evidence, to `emit`; returns how many,
    /// and the lexicon learned on the way. Reading the spill back fails with `io_error` of
    /// the I/O error.
    pub fn pairs<E>(
        mut self,
        io_error: impl Fn(io::Error) -> E,
        mut emit: impl FnMut(IdPair) -> Result<(), E>,
    ) -> Result<(usize, Lexicon), E> {
        self.writer.flush().map_err(&io_error)?;
        let mut weights = std::mem::take(&mut self.counts).weights();
        let mut lexicon = LexiconBuilder::default();
        let mut paired = vec![false; self.entries.len()];
        let mut count = 0;

        // 0. What a person linked.
        let linked: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.entries[i].linked)
            .collect();
        let local = self.read_all(&linked).map_err(&io_error)?;
        let made = self.emit_links(&local, &weights, &mut emit)?;
        count += made.len() / 2;
        // A link whose other record is not indexed waits for it; the machine pairs this one.
        for (&global, f) in linked.iter().zip(&local) {
            self.entries[global].linked = made.contains(f.id());
        }

        // 1. Exact-period blocks, a batch of blocks at a time.
        let mut grouped: Vec<usize> = (0..self.entries.len())
            .filter(|&i| {
                let entry = &self.entries[i];
                entry.has_period() && entry.side != Side::Other && !entry.linked
            })
            .collect();
        grouped.sort_by_key(|&i| self.entries[i].period);
        let mut batch: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
        let mut batch_records = 0;
        for block in grouped.chunk_by(|&a, &b| self.entries[a].period == self.entries[b].period) {
            let (lts, ens): (Vec<usize>, Vec<usize>) = block
                .iter()
                .partition(|&&i| self.entries[i].side == Side::Lt);
            if lts.is_empty() || ens.is_empty() {
                continue;
            }
            batch_records += block.len();
            batch.push((lts, ens));
            if batch_records >= self.batch_records {
                count += self
                    .pair_blocks(&batch, &weights, &mut paired, &mut lexicon, &mut emit)
                    .map_err(|e| e.into(&io_error))?;
                batch.clear();
                batch_records = 0;
            }
        }
        count += self
            .pair_blocks(&batch, &weights, &mut paired, &mut lexicon, &mut emit)
            .map_err(|e| e.into(&io_error))?;
        weights.learn(lexicon.build());

        // 2. Overlapping periods among the records still unpaired.
        let unpaired: Vec<usize> = grouped.into_iter().filter(|&i| !paired[i]).collect();
        let local = self.read_all(&unpaired).map_err(&io_error)?;
        let mut matches = self.allowed(
            &local,
            assign_overlaps(&local, &vec![false; local.len()], &weights),
        );
        // 3. Each other's only candidate, among the records still unpaired.
        let mut paired_here = vec![false; local.len()];
        for m in &matches {
            paired_here[m.lt] = true;
            paired_here[m.en] = true;
        }
        matches.extend(self.allowed(
            &local,
            assign_only_candidates(&local, &paired_here, &weights),
        ));
        count += emit_matches(&local, matches, &weights, &mut emit)?;
        Ok((count, weights.lexicon().clone()))
    }

    /// The matches a person did not rule out.
    fn allowed(&self, features: &[Features], mut matches: Vec<Match>) -> Vec<Match> {
        if !self.decisions.is_empty() {
            matches.retain(|m| {
                !self
                    .decisions
                    .is_unlinked(features[m.lt].id(), features[m.en].id())
            });
        }
        matches
    }

    /// Emits the pairs a person linked whose records are both indexed (`features` are the
    /// linked records), each with `linked by hand` and what the machine would have said of
    /// it; returns the ids of the records paired (two a pair).
    fn emit_links<'f, E>(
        &self,
        features: &'f [Features],
        weights: &KeyWeights,
        emit: &mut impl FnMut(IdPair) -> Result<(), E>,
    ) -> Result<std::collections::HashSet<&'f str>, E> {
        let by_id: std::collections::HashMap<&str, &Features> =
            features.iter().map(|f| (f.id(), f)).collect();
        let mut made = std::collections::HashSet::new();
        for (lt, en) in self.decisions.links() {
            let (Some(lt), Some(en)) = (by_id.get(lt), by_id.get(en)) else {
                continue; // A record no longer indexed: the decision waits for it.
            };
            let machine = match (lt.period, en.period) {
                (Some(a), Some(b)) => {
                    PeriodMatch::between(a, b).and_then(|period| scored(lt, en, period, weights))
                }
                _ => None,
            };
            let (score, mut evidence) = machine.map(|s| (s.score, s.evidence)).unwrap_or_default();
            evidence.insert(0, Evidence::LinkedByHand);
            emit(IdPair {
                lt: lt.id().to_string(),
                en: en.id().to_string(),
                score,
                evidence,
            })?;
            made.insert(lt.id());
            made.insert(en.id());
        }
        Ok(made)
    }

    /// Pairs inside a batch of blocks (global indices), marking and emitting the pairs.
    fn pair_blocks<E>(
        &self,
        blocks: &[(Vec<usize>, Vec<usize>)],
        weights: &KeyWeights,
        paired: &mut [bool],
        lexicon: &mut LexiconBuilder,
        emit: &mut impl FnMut(IdPair) -> Result<(), E>,
    ) -> Result<usize, Failure<E>> {
        // The batch's records, read once; blocks renumbered into them.
        let mut global = Vec::new();
        let mut local_blocks = Vec::with_capacity(blocks.len());
        for (lts, ens) in blocks {
            let mut renumber = |side: &[usize]| -> Vec<usize> {
                side.iter()
                    .map(|&g| {
                        global.push(g);
                        global.len() - 1
                    })
                    .collect()
            };
            let lts = renumber(lts);
            let ens = renumber(ens);
            local_blocks.push((lts, ens));
        }
        let local = self.read_all(&global).map_err(Failure::Io)?;
        let matches = self.allowed(&local, assign_blocks(&local, &local_blocks, weights, true));
        for m in &matches {
            paired[global[m.lt]] = true;
            paired[global[m.en]] = true;
            lexicon.add(&local[m.lt], &local[m.en], m.score);
        }
        emit_matches(&local, matches, weights, emit).map_err(Failure::Emit)
    }
}

/// Why pairing a batch stopped: reading the spill, or the caller's `emit`.
enum Failure<E> {
    Io(io::Error),
    Emit(E),
}

impl<E> Failure<E> {
    fn into(self, io_error: impl Fn(io::Error) -> E) -> E {
        match self {
            Failure::Io(err) => io_error(err),
            Failure::Emit(err) => err,
        }
    }
}

/// Emits `matches` (indices into `features`) with their evidence.
fn emit_matches<E>(
    features: &[Features],
    mut matches: Vec<Match>,
    weights: &KeyWeights,
    emit: &mut impl FnMut(IdPair) -> Result<(), E>,
) -> Result<usize, E> {
    // Evidence not written with the scores, on all cores; the pairs still reach `emit` in
    // order.
    let missing: Vec<usize> = (0..matches.len())
        .filter(|&i| matches[i].evidence.is_none())
        .collect();
    let written = parallel_map(&missing, |&i| matches[i].evidence(features, weights));
    for (i, evidence) in missing.into_iter().zip(written) {
        matches[i].evidence = Some(evidence);
    }
    let count = matches.len();
    for m in matches {
        let (lt, en) = (&features[m.lt], &features[m.en]);
        emit(IdPair {
            lt: lt.id().to_string(),
            en: en.id().to_string(),
            score: m.score,
            evidence: m.evidence.unwrap_or_default(),
        })?;
    }
    Ok(count)
}

/// Bytes one read of the spill spans at most.
const READ_SPAN: u64 = 64 * 1024;

fn damaged() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "damaged pairing spill")
}

/// One record as [`FeatureSpill::push`] wrote it: its id's length and id, then its features.
fn decode_record(bytes: &[u8]) -> io::Result<Features> {
    let id_len = u32::from_le_bytes(
        bytes
            .get(..4)
            .ok_or_else(damaged)?
            .try_into()
            .map_err(|_| damaged())?,
    ) as usize;
    let id = std::str::from_utf8(bytes.get(4..4 + id_len).ok_or_else(damaged)?)
        .map_err(|_| damaged())?;
    Features::decode(id, &bytes[4 + id_len..]).ok_or_else(damaged)
}

/// Reads exactly `buf.len()` bytes at `offset`.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(buf, offset)
}

/// Reads exactly `buf.len()` bytes at `offset`.
#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    let mut done = 0;
    while done < buf.len() {
        let n = file.seek_read(&mut buf[done..], offset + done as u64)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        done += n;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{self, GenOptions};
    use crate::pairing::Pair;

    /// What [`crate::pairing::Pairing`] chooses, as [`IdPair`]s sorted by ids.
    fn id_pairs_in_memory(features: &[Features]) -> Vec<IdPair> {
        let mut pairs: Vec<IdPair> = crate::pairing::Pairing::new(features)
            .pairs()
            .map(
                |Pair {
                     lt,
                     en,
                     score,
                     evidence,
                 }| IdPair {
                    lt: features[lt].id().to_string(),
                    en: features[en].id().to_string(),
                    score,
                    evidence,
                },
            )
            .collect();
        pairs.sort_by(|a, b| a.lt.cmp(&b.lt).then_with(|| a.en.cmp(&b.en)));
        pairs
    }

    fn spilled(features: &[Features], batch_records: usize) -> Vec<IdPair> {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = FeatureSpill::new_in(dir.path()).unwrap();
        spill.batch_records = batch_records;
        for f in features {
            spill.push(f, &f.encode()).unwrap();
        }
        assert_eq!(spill.len(), features.len());
        let mut pairs = Vec::new();
        let (count, _) = spill
            .pairs(
                |err| err,
                |pair| -> io::Result<()> {
                    pairs.push(pair);
                    Ok(())
                },
            )
            .unwrap();
        assert_eq!(count, pairs.len());
        pairs.sort_by(|a, b| a.lt.cmp(&b.lt).then_with(|| a.en.cmp(&b.en)));
        pairs
    }

    #[test]
    fn spilled_pairing_chooses_what_pairing_in_memory_chooses() {
        for seed in [1, 7, 42] {
            let records = generate::generate(GenOptions {
                records: 3_000,
                seed,
            })
            .parse();
            let features: Vec<Features> = records.iter().map(Features::of).collect();
            let expected = id_pairs_in_memory(&features);
            assert!(expected.len() > 500, "seed {seed}: {}", expected.len());
            // One batch, many small batches, and a batch per block.
            for batch in [BATCH_RECORDS, 200, 1] {
                assert_eq!(
                    spilled(&features, batch),
                    expected,
                    "seed {seed}, batch {batch}"
                );
            }
        }
    }

    #[test]
    fn a_record_costs_24_bytes_of_memory() {
        assert_eq!(std::mem::size_of::<Entry>(), 24);
    }

    #[test]
    fn nothing_to_pair_pairs_nothing() {
        assert!(spilled(&[], BATCH_RECORDS).is_empty());
    }
}
