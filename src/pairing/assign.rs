//! Assignment: which candidates become pairs?
//!
//! 1. Records are blocked by their exact period, so the work grows with block sizes, not
//!    with the square of the corpus. Inside a block the one-to-one assignment with the
//!    largest total score is found exactly (Kuhn–Munkres); candidates under the
//!    threshold never pair. A block larger than [`EXACT_BLOCK_LIMIT`] on a side (a whole
//!    call sharing one period) would cost cubic time: there, as in step 2, only records
//!    sharing a partner name key are scored, and pairs are taken greedily.
//! 2. Records still unpaired meet the unpaired records of the other language whose
//!    periods overlap theirs *and* whose partner names share a name key (looked up in
//!    postings of the rarest keys, at most [`OVERLAP_CANDIDATES`] per record), at a lower
//!    period score; these are assigned greedily, best score first. Without the shared
//!    key, every one-sided record of a large corpus would be scored against thousands of
//!    others that merely happen to overlap in time.
//!
//! Ties are broken by record ids, so the result depends only on the records, never on
//! their order.

use std::collections::{BTreeMap, HashMap, HashSet};

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

use super::features::{items, Features, Side};
use super::score::{score, KeyWeights, PeriodMatch, Scored, THRESHOLD};
use super::Pair;

/// Largest block side assigned exactly; larger blocks are paired greedily.
pub const EXACT_BLOCK_LIMIT: usize = 48;

/// Most overlap candidates scored per unpaired Lithuanian record.
pub const OVERLAP_CANDIDATES: usize = 16;
/// Name keys (rarest first) whose postings are searched for overlap candidates.
const OVERLAP_KEYS: usize = 2;

/// Pairs `features` (indices into it), sorted by Lithuanian id.
pub fn assign(features: &[Features]) -> Vec<Pair> {
    let weights = KeyWeights::new(features);
    let mut pairs = Vec::new();
    let mut paired: HashSet<usize> = HashSet::new();

    // 1. Exact-period blocks.
    let mut blocks: BTreeMap<(i32, i32), (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, f) in features.iter().enumerate() {
        let Some(period) = f.period else { continue };
        match f.side {
            Side::Lt => blocks.entry(period).or_default().0.push(i),
            Side::En => blocks.entry(period).or_default().1.push(i),
            Side::Other => {}
        }
    }
    for (lts, ens) in blocks.values_mut() {
        if lts.is_empty() || ens.is_empty() {
            continue;
        }
        lts.sort_by(|a, b| features[*a].id.cmp(&features[*b].id));
        ens.sort_by(|a, b| features[*a].id.cmp(&features[*b].id));
        let block_pairs = if lts.len() > EXACT_BLOCK_LIMIT || ens.len() > EXACT_BLOCK_LIMIT {
            greedy(features, sparse_candidates(features, lts, ens, &weights))
        } else {
            assign_block(features, lts, ens, &weights)
        };
        for pair in block_pairs {
            paired.insert(pair.lt);
            paired.insert(pair.en);
            pairs.push(pair);
        }
    }

    // 2. Overlapping periods among the unpaired.
    pairs.extend(assign_overlaps(features, &paired, &weights));
    pairs.sort_by(|a, b| features[a.lt].id.cmp(&features[b.lt].id));
    pairs
}

/// The best one-to-one assignment inside one exact-period block.
fn assign_block(
    features: &[Features],
    lts: &[usize],
    ens: &[usize],
    weights: &KeyWeights,
) -> Vec<Pair> {
    let scored: Vec<Vec<Option<Scored>>> = lts
        .iter()
        .map(|&lt| {
            ens.iter()
                .map(|&en| {
                    score(&features[lt], &features[en], PeriodMatch::Exact, weights)
                        .filter(|s| s.score >= THRESHOLD)
                })
                .collect()
        })
        .collect();
    if lts.len() == 1 && ens.len() == 1 {
        return scored[0][0]
            .clone()
            .map(|s| make_pair(lts[0], ens[0], s))
            .into_iter()
            .collect();
    }
    // Kuhn–Munkres wants no more rows than columns: rows are the smaller side.
    let lt_rows = lts.len() <= ens.len();
    let (rows, columns) = if lt_rows {
        (lts.len(), ens.len())
    } else {
        (ens.len(), lts.len())
    };
    let weight = |r: usize, c: usize| -> i64 {
        let (l, e) = if lt_rows { (r, c) } else { (c, r) };
        scored[l][e]
            .as_ref()
            .map_or(0, |s| (s.score * 1_000_000.0) as i64)
    };
    let matrix = Matrix::from_fn(rows, columns, |(r, c)| weight(r, c));
    let (_, assignment) = kuhn_munkres(&matrix);
    let mut pairs = Vec::new();
    for (r, &c) in assignment.iter().enumerate() {
        let (l, e) = if lt_rows { (r, c) } else { (c, r) };
        if let Some(s) = &scored[l][e] {
            pairs.push(make_pair(lts[l], ens[e], s.clone()));
        }
    }
    pairs
}

/// Greedy pairing of unpaired records whose periods overlap.
fn assign_overlaps(
    features: &[Features],
    paired: &HashSet<usize>,
    weights: &KeyWeights,
) -> Vec<Pair> {
    let unpaired = |side: Side| -> Vec<usize> {
        let mut list: Vec<usize> = (0..features.len())
            .filter(|i| {
                !paired.contains(i) && features[*i].side == side && features[*i].period.is_some()
            })
            .collect();
        list.sort_by(|&a, &b| features[a].id.cmp(&features[b].id));
        list
    };
    let (lts, ens) = (unpaired(Side::Lt), unpaired(Side::En));
    greedy(features, sparse_candidates(features, &lts, &ens, weights))
}

/// Candidate pairs above the threshold among `lts` × `ens`, scoring only records whose
/// partner names share a name key (postings of each Lithuanian record's rarest keys, at
/// most [`OVERLAP_CANDIDATES`] a record) and whose periods overlap.
fn sparse_candidates(
    features: &[Features],
    lts: &[usize],
    ens: &[usize],
    weights: &KeyWeights,
) -> Vec<(usize, usize, Scored)> {
    if lts.is_empty() || ens.is_empty() {
        return Vec::new();
    }
    // Postings: name key → English records, sorted by period start.
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for &en in ens {
        for key in items(&features[en].names) {
            postings.entry(key).or_default().push(en);
        }
    }
    for list in postings.values_mut() {
        list.sort_by(|&a, &b| {
            (features[a].period, &features[a].id).cmp(&(features[b].period, &features[b].id))
        });
    }
    let mut candidates = Vec::new();
    for &lt in lts {
        let Some((start, end)) = features[lt].period else {
            continue;
        };
        let mut keys: Vec<&str> = items(&features[lt].names)
            .filter(|k| postings.contains_key(k))
            .collect();
        keys.sort_by_key(|k| (postings[k].len(), *k));
        let mut seen = HashSet::new();
        for key in keys.into_iter().take(OVERLAP_KEYS) {
            let list = &postings[key];
            // Records starting after `end` cannot overlap; scan back from there.
            let upto = list.partition_point(|&e| features[e].period.is_some_and(|p| p.0 <= end));
            for &en in list[..upto].iter().rev().take(OVERLAP_CANDIDATES * 4) {
                let Some((en_start, en_end)) = features[en].period else {
                    continue;
                };
                let shared = i64::from(end.min(en_end) - start.max(en_start) + 1);
                if shared <= 0 || !seen.insert(en) {
                    continue;
                }
                let period = if (start, end) == (en_start, en_end) {
                    PeriodMatch::Exact
                } else {
                    let union = i64::from(end.max(en_end) - start.min(en_start) + 1);
                    PeriodMatch::Overlap { shared, union }
                };
                if let Some(s) = score(&features[lt], &features[en], period, weights) {
                    if s.score >= THRESHOLD {
                        candidates.push((lt, en, s));
                    }
                }
                if seen.len() >= OVERLAP_CANDIDATES {
                    break;
                }
            }
        }
    }
    candidates
}

/// One-to-one pairs from candidates, best score first, ties by ids.
fn greedy(features: &[Features], mut candidates: Vec<(usize, usize, Scored)>) -> Vec<Pair> {
    candidates.sort_by(|a, b| {
        b.2.score
            .total_cmp(&a.2.score)
            .then_with(|| features[a.0].id.cmp(&features[b.0].id))
            .then_with(|| features[a.1].id.cmp(&features[b.1].id))
    });
    let mut taken = HashSet::new();
    let mut pairs = Vec::new();
    for (lt, en, s) in candidates {
        if taken.contains(&lt) || taken.contains(&en) {
            continue;
        }
        taken.insert(lt);
        taken.insert(en);
        pairs.push(make_pair(lt, en, s));
    }
    pairs
}

fn make_pair(lt: usize, en: usize, scored: Scored) -> Pair {
    Pair {
        lt,
        en,
        score: scored.score,
        evidence: scored.evidence,
    }
}
