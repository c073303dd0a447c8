//! Pairing: which English record is the counterpart of a Lithuanian one?
//!
//! Pure functions over records: [`features`] extracts what pairing needs from each
//! record, [`score`] weighs the evidence for one candidate pair, [`assign`] picks
//! one-to-one pairs inside blocks of records that share a period, and [`spill`] does the
//! same for a corpus whose features wait on disk. Wrong pairs are worse than missing
//! ones: below [`score::THRESHOLD`] a record stays unpaired.

pub mod assign;
pub mod decisions;
pub mod evidence;
pub mod explain;
pub mod features;
pub mod glossary;
pub mod lexicon;
pub mod score;
pub mod spelling;
pub mod spill;
pub mod weights;

use serde::{Deserialize, Serialize};

use crate::record::{Counterpart, Record};
pub use evidence::Evidence;
pub use features::{Features, Side};
pub use score::THRESHOLD;

/// Version of features, scoring and assignment. Bump it when any of them changes: an index
/// whose pairs were made by another version is re-paired by its next `index` run.
pub const PAIRING_VERSION: u32 = 7;

/// A Lithuanian record and its English counterpart (indices into the input).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Index of the Lithuanian record.
    pub lt: usize,
    /// Index of the English record.
    pub en: usize,
    /// Score in [0, 1].
    pub score: f64,
    /// Why, strongest evidence first.
    pub evidence: Vec<Evidence>,
}

/// A chosen pair by the ids of its records, with its evidence: what the index stores
/// (as [`crate::index::StoredPair`]) and [`spill::FeatureSpill::pairs`] hands out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdPair {
    /// The Lithuanian record's id.
    pub lt: String,
    /// The English record's id.
    pub en: String,
    /// Score in [0, 1].
    pub score: f64,
    /// Why the two belong together, strongest evidence first.
    pub evidence: Vec<Evidence>,
}

/// The pairs of a set of records, chosen but without their evidence yet: evidence is
/// written out pair by pair ([`Pairing::pairs`]), so a million records never hold all
/// their pairs' evidence at once.
pub struct Pairing<'f> {
    features: &'f [Features],
    weights: weights::KeyWeights,
    matches: Vec<assign::Match>,
}

impl<'f> Pairing<'f> {
    /// Pairs records by their features; deterministic and independent of input order.
    pub fn new(features: &'f [Features]) -> Pairing<'f> {
        let mut weights = weights::KeyWeights::new(features);
        let matches = assign::assign(features, &mut weights);
        Pairing {
            features,
            weights,
            matches,
        }
    }

    /// Pairs found.
    pub fn len(&self) -> usize {
        self.matches.len()
    }

    /// True when no record was paired.
    pub fn is_empty(&self) -> bool {
        self.matches.is_empty()
    }

    /// The pairs with their evidence, sorted by Lithuanian id.
    pub fn pairs(&self) -> impl Iterator<Item = Pair> + '_ {
        self.matches.iter().map(|m| {
            let evidence = m.evidence(self.features, &self.weights);
            Pair {
                lt: m.lt,
                en: m.en,
                score: m.score,
                evidence,
            }
        })
    }
}

/// Pairs records by their features; deterministic and independent of input order.
pub fn pair(features: &[Features]) -> Vec<Pair> {
    Pairing::new(features).pairs().collect()
}

/// Pairs records (extracting their features first).
pub fn pair_records(records: &[Record]) -> Vec<Pair> {
    let features: Vec<Features> = records.iter().map(Features::of).collect();
    pair(&features)
}

/// Sets each record's `counterpart` from `pairs` (and clears it on the others).
pub fn apply(records: &mut [Record], pairs: &[Pair]) {
    for record in records.iter_mut() {
        record.counterpart = None;
    }
    for pair in pairs {
        let (lt_id, en_id) = (records[pair.lt].id.clone(), records[pair.en].id.clone());
        for (at, other) in [(pair.lt, en_id), (pair.en, lt_id)] {
            records[at].counterpart = Some(Counterpart {
                id: other,
                score: pair.score,
                evidence: pair.evidence.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest;

    fn sample_records() -> Vec<Record> {
        let (texts, _) = ingest::embedded();
        texts.iter().flat_map(ingest::records).collect()
    }

    #[test]
    fn the_samples_give_exactly_the_four_true_pairs() {
        let records = sample_records();
        let pairs = pair_records(&records);
        let found: Vec<(String, String)> = pairs
            .iter()
            .map(|p| (records[p.lt].id.clone(), records[p.en].id.clone()))
            .collect();
        let expected: Vec<(String, String)> = (1..=4)
            .map(|k| {
                (
                    format!("001_aa89047c32f4e6b6.txt#{k}"),
                    format!("000_d07f7dcf419cedbb.txt#{k}"),
                )
            })
            .collect();
        assert_eq!(found, expected, "{pairs:#?}");
        for p in &pairs {
            assert!(p.score >= THRESHOLD && p.score <= 1.0);
            assert!(
                matches!(p.evidence[0], Evidence::SamePeriod { .. }),
                "{:?}",
                p.evidence
            );
        }
    }

    #[test]
    fn apply_links_both_sides_and_leaves_projects_alone() {
        let mut records = sample_records();
        let pairs = pair_records(&records);
        apply(&mut records, &pairs);
        let by_id = |id: &str| records.iter().find(|r| r.id == id).unwrap();
        assert_eq!(
            by_id("001_aa89047c32f4e6b6.txt#2")
                .counterpart
                .as_ref()
                .map(|c| c.id.as_str()),
            Some("000_d07f7dcf419cedbb.txt#2")
        );
        assert_eq!(
            by_id("000_d07f7dcf419cedbb.txt#2")
                .counterpart
                .as_ref()
                .map(|c| c.id.as_str()),
            Some("001_aa89047c32f4e6b6.txt#2")
        );
        for page in [
            "002_1af3a662db35f4a9.txt#1",
            "003_10e1ffe6dd691d70.txt#1",
            "004_257f851f65888750.txt#1",
        ] {
            assert!(by_id(page).counterpart.is_none());
        }
    }
}

#[cfg(test)]
mod hard_corpus {
    use std::collections::HashSet;

    use super::*;
    use crate::generate::{generate, GenOptions};

    /// Precision and recall of pairing a generated corpus against its truth.
    pub fn precision_recall(seed: u64, size: usize) -> (f64, f64, usize) {
        let corpus = generate(GenOptions {
            records: size,
            seed,
        });
        let all: Vec<Record> = corpus.parse();
        let found: HashSet<(String, String)> = pair_records(&all)
            .into_iter()
            .map(|p| (all[p.lt].id.clone(), all[p.en].id.clone()))
            .collect();
        let truth: HashSet<(String, String)> = corpus.truth.into_iter().collect();
        let correct = found.intersection(&truth).count() as f64;
        (
            correct / found.len().max(1) as f64,
            correct / truth.len().max(1) as f64,
            truth.len(),
        )
    }

    #[test]
    fn precision_and_recall_are_at_least_098_on_hard_corpora() {
        for seed in [1, 2, 3, 42, 2024] {
            let (precision, recall, pairs) = precision_recall(seed, 3000);
            eprintln!(
                "seed {seed}: precision {precision:.4} recall {recall:.4} over {pairs} true pairs"
            );
            assert!(precision >= 0.98, "seed {seed}: precision {precision}");
            assert!(recall >= 0.98, "seed {seed}: recall {recall}");
        }
    }
}
