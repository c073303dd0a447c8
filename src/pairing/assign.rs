//! Assignment: which candidates become pairs?
//!
//! 1. Records are blocked by their exact period, so the work grows with block sizes, not
//!    with the square of the corpus. Inside a block the one-to-one assignment with the
//!    largest total score is found exactly (Kuhn–Munkres); candidates under the
//!    threshold, or whose partner names contradict each other ([`name_conflict`]: `Oslo`
//!    against `Bergen`, `music` against `sports`), never pair. A block larger than
//!    [`EXACT_BLOCK_LIMIT`] on a side (a whole call sharing one period) would cost cubic
//!    time: there, as in step 2, only records sharing a partner name key or place are
//!    scored, and pairs are taken greedily.
//! 2. Records still unpaired meet the unpaired records of the other language whose
//!    periods overlap theirs *and* whose partner names share a name key or a place
//!    (looked up in postings of the rarest keys, at most [`OVERLAP_CANDIDATES`] per
//!    record), at a lower period score, unless their names contradict each other; these
//!    are assigned greedily, best score first. Without the shared key, every one-sided
//!    record of a large corpus would be scored against thousands of others that merely
//!    happen to overlap in time.
//!
//! Between steps 1 and 2, a bilingual lexicon is learned from the certain pairs of step 1
//! ([`super::lexicon`]); steps 2 and 3 count its word pairs as shared keys.
//!
//! 3. Records still unpaired are close to the records of the other language, among those
//!    unpaired, whose partners share a country with theirs and whose period is the same or
//!    moved by at most [`SHIFT_DAYS`] at either end. Two records that are each other's
//!    only candidate pair if their score reaches [`ONLY_CANDIDATE_FLOOR`] and nothing
//!    speaks against them (no [`name_conflict`], no town one partner is in that the other
//!    record never names), with evidence saying how thin it is. A small group of records
//!    close to one another (two Icelandic partners the same week whose names share only
//!    translated words: `Islandijos universitetas`, `University of Iceland`) pairs by
//!    score, greedily, at the usual [`THRESHOLD`].
//!    (Partner names translated on one side only share no key, but such a pair is still
//!    alone in its week and country.)
//!
//! Ties are broken by record ids, so the result depends only on the records, never on
//! their order.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

use super::evidence::Evidence;
use super::features::{self, items, surface, Features, Side};
use super::lexicon::LexiconBuilder;
use super::score::{
    name_conflict, score, scored, scored_prepared, PeriodMatch, Prepared, SHIFT_DAYS, THRESHOLD,
};
use super::weights::KeyWeights;

/// Largest block side assigned exactly; larger blocks are paired greedily.
pub const EXACT_BLOCK_LIMIT: usize = 48;

/// Most overlap candidates scored per unpaired Lithuanian record.
pub const OVERLAP_CANDIDATES: usize = 16;
/// Name keys (rarest first) whose postings are searched for overlap candidates.
const OVERLAP_KEYS: usize = 2;

/// Lowest score of a pair of records that are each other's only candidate (step 3): the
/// shared country (0.10) and a close period count for 0.16–0.35, so something in the
/// names or the texts must add to them.
pub const ONLY_CANDIDATE_FLOOR: f64 = 0.25;

/// A chosen pair (indices into the features).
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Index of the Lithuanian record.
    pub lt: usize,
    /// Index of the English record.
    pub en: usize,
    /// Score in [0, 1].
    pub score: f64,
    /// How the periods relate.
    pub period: PeriodMatch,
    /// The evidence, when it was asked for and written with the scores (exact-period
    /// blocks assigned exactly, whose records' keys are weighed already).
    pub evidence: Option<Vec<Evidence>>,
    /// Paired in step 3: each was the other's only candidate.
    pub only_candidate: bool,
}

impl Match {
    /// The pair's evidence: as written with the score, or written now.
    pub fn evidence(&self, features: &[Features], weights: &KeyWeights) -> Vec<Evidence> {
        if let Some(evidence) = &self.evidence {
            return evidence.clone();
        }
        let mut evidence = scored(&features[self.lt], &features[self.en], self.period, weights)
            .map(|s| s.evidence)
            .unwrap_or_default();
        if self.only_candidate {
            evidence.push(Evidence::OnlyCandidate);
        }
        evidence
    }
}

/// A candidate pair above the threshold.
type Candidate = (usize, usize, f64, PeriodMatch);

/// Pairs `features` (indices into it), sorted by Lithuanian id. Blocks and overlap
/// candidates are scored on all cores; the result does not depend on how many.
pub fn assign(features: &[Features], weights: &mut KeyWeights) -> Vec<Match> {
    let mut pairs = Vec::new();
    let mut paired = vec![false; features.len()];

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
    let blocks: Vec<(Vec<usize>, Vec<usize>)> = blocks
        .into_values()
        .filter(|(lts, ens)| !lts.is_empty() && !ens.is_empty())
        .collect();
    // Evidence is written now, before the lexicon is learned, as the spilled pairing does.
    let mut lexicon = LexiconBuilder::default();
    for pair in assign_blocks(features, &blocks, weights, true) {
        paired[pair.lt] = true;
        paired[pair.en] = true;
        lexicon.add(&features[pair.lt], &features[pair.en], pair.score);
        pairs.push(pair);
    }
    weights.learn(lexicon.build());
    let weights = &*weights;

    // 2. Overlapping periods among the unpaired.
    for pair in assign_overlaps(features, &paired, weights) {
        paired[pair.lt] = true;
        paired[pair.en] = true;
        pairs.push(pair);
    }

    // 3. Each other's only candidate.
    pairs.extend(assign_only_candidates(features, &paired, weights));
    pairs.sort_by(|a, b| features[a.lt].id().cmp(features[b.lt].id()));
    pairs
}

/// Step 1 for some exact-period blocks, each (Lithuanian, English) indices into
/// `features`: the pairs inside each block, on all cores; `with_evidence` writes the
/// evidence of pairs from blocks assigned exactly while their keys are weighed.
pub fn assign_blocks(
    features: &[Features],
    blocks: &[(Vec<usize>, Vec<usize>)],
    weights: &KeyWeights,
    with_evidence: bool,
) -> Vec<Match> {
    let assigned = parallel_map(blocks, |(lts, ens)| {
        let (mut lts, mut ens) = (lts.clone(), ens.clone());
        lts.sort_by(|a, b| features[*a].id().cmp(features[*b].id()));
        ens.sort_by(|a, b| features[*a].id().cmp(features[*b].id()));
        if lts.len() > EXACT_BLOCK_LIMIT || ens.len() > EXACT_BLOCK_LIMIT {
            greedy(features, sparse_candidates(features, &lts, &ens, weights))
        } else {
            assign_block(features, &lts, &ens, weights, with_evidence)
        }
    });
    assigned.into_iter().flatten().collect()
}

/// `f` of every item, in order, computed on all cores (items taken one at a time, so
/// uneven items balance out).
pub(super) fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads == 1 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(items.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(at) else { break };
                        out.push((at, f(item)));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e))
            })
            .collect()
    });
    done.sort_unstable_by_key(|(at, _)| *at);
    done.into_iter().map(|(_, r)| r).collect()
}

/// The best one-to-one assignment inside one exact-period block.
fn assign_block(
    features: &[Features],
    lts: &[usize],
    ens: &[usize],
    weights: &KeyWeights,
    with_evidence: bool,
) -> Vec<Match> {
    let prepare = |list: &[usize]| -> Vec<Prepared> {
        list.iter()
            .map(|&i| Prepared::new(&features[i], weights))
            .collect()
    };
    let (lts_prepared, ens_prepared) = (prepare(lts), prepare(ens));
    let scored: Vec<Vec<Option<f64>>> = lts_prepared
        .iter()
        .map(|lt| {
            ens_prepared
                .iter()
                .map(|en| {
                    score(lt, en, PeriodMatch::Exact)
                        .filter(|s| *s >= THRESHOLD && name_conflict(lt, en, weights).is_none())
                })
                .collect()
        })
        .collect();
    // The pair of the `l`th Lithuanian and `e`th English record, scored `s`.
    let pair = |l: usize, e: usize, s: f64| {
        let evidence = with_evidence.then(|| {
            scored_prepared(&lts_prepared[l], &ens_prepared[e], PeriodMatch::Exact)
                .map(|s| s.evidence)
                .unwrap_or_default()
        });
        Match {
            evidence,
            ..make_pair(lts[l], ens[e], s, PeriodMatch::Exact)
        }
    };
    if lts.len() == 1 && ens.len() == 1 {
        return scored[0][0].map(|s| pair(0, 0, s)).into_iter().collect();
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
        scored[l][e].map_or(0, |s| (s * 1_000_000.0) as i64)
    };
    let matrix = Matrix::from_fn(rows, columns, |(r, c)| weight(r, c));
    let (_, assignment) = kuhn_munkres(&matrix);
    let mut pairs = Vec::new();
    for (r, &c) in assignment.iter().enumerate() {
        let (l, e) = if lt_rows { (r, c) } else { (c, r) };
        if let Some(s) = scored[l][e] {
            pairs.push(pair(l, e, s));
        }
    }
    pairs
}

/// Step 2: greedy pairing of unpaired records whose periods overlap.
pub fn assign_overlaps(features: &[Features], paired: &[bool], weights: &KeyWeights) -> Vec<Match> {
    let unpaired = |side: Side| -> Vec<usize> {
        let mut list: Vec<usize> = (0..features.len())
            .filter(|&i| !paired[i] && features[i].side == side && features[i].period.is_some())
            .collect();
        list.sort_by(|&a, &b| features[a].id().cmp(features[b].id()));
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
) -> Vec<Candidate> {
    if lts.is_empty() || ens.is_empty() {
        return Vec::new();
    }
    // Postings: name key → English records, sorted by period start.
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for &en in ens {
        for key in posting_keys(&features[en]) {
            postings.entry(key).or_default().push(en);
        }
    }
    for list in postings.values_mut() {
        list.sort_by(|&a, &b| {
            (features[a].period, &features[a].id()).cmp(&(features[b].period, &features[b].id()))
        });
    }
    // Each record's keys weighed once, however many candidates it is scored with.
    let mut prepared: Vec<Option<Prepared>> = (0..features.len()).map(|_| None).collect();
    for &i in lts.iter().chain(ens) {
        prepared[i] = Some(Prepared::new(&features[i], weights));
    }
    let candidates_of = |lt: usize| -> Vec<Candidate> {
        let mut candidates = Vec::new();
        let Some(lt_prepared) = &prepared[lt] else {
            return candidates;
        };
        let Some((start, end)) = features[lt].period else {
            return candidates;
        };
        let mut keys: Vec<&str> = posting_keys(&features[lt])
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
                let Some(period) = PeriodMatch::between((start, end), (en_start, en_end)) else {
                    continue;
                };
                if !seen.insert(en) {
                    continue;
                }
                let Some(en_prepared) = &prepared[en] else {
                    continue;
                };
                if let Some(s) = score(lt_prepared, en_prepared, period) {
                    if s >= THRESHOLD && name_conflict(lt_prepared, en_prepared, weights).is_none()
                    {
                        candidates.push((lt, en, s, period));
                    }
                }
                if seen.len() >= OVERLAP_CANDIDATES {
                    break;
                }
            }
        }
        candidates
    };
    // Small lists are not worth the threads (every large block passes through here).
    if lts.len() < 256 {
        return lts.iter().flat_map(|&lt| candidates_of(lt)).collect();
    }
    let chunks: Vec<&[usize]> = lts.chunks(lts.len().div_ceil(64)).collect();
    parallel_map(&chunks, |chunk| {
        chunk
            .iter()
            .flat_map(|&lt| candidates_of(lt))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The keys under which a record is found as an overlap candidate: its partners' name keys
/// and places.
fn posting_keys(f: &Features) -> impl Iterator<Item = &str> {
    items(f.names()).chain(items(f.concepts()).filter(|c| crate::place::is_place_name(c)))
}

/// One-to-one pairs from candidates, best score first, ties by ids.
fn greedy(features: &[Features], mut candidates: Vec<Candidate>) -> Vec<Match> {
    candidates.sort_by(|a, b| {
        b.2.total_cmp(&a.2)
            .then_with(|| features[a.0].id().cmp(features[b.0].id()))
            .then_with(|| features[a.1].id().cmp(features[b.1].id()))
    });
    let mut taken = HashSet::new();
    let mut pairs = Vec::new();
    for (lt, en, s, period) in candidates {
        if taken.contains(&lt) || taken.contains(&en) {
            continue;
        }
        taken.insert(lt);
        taken.insert(en);
        pairs.push(make_pair(lt, en, s, period));
    }
    pairs
}

fn make_pair(lt: usize, en: usize, score: f64, period: PeriodMatch) -> Match {
    Match {
        lt,
        en,
        score,
        period,
        evidence: None,
        only_candidate: false,
    }
}

/// A town `this` record's partner is in (`Stavangerio universitetas`) that the `other`
/// record names nowhere, neither in its partners nor in its text. A report of a visit to a
/// partner in Stavanger names Stavanger; when the only evidence is a shared week and
/// country, a town the other side never mentions speaks against the pair. The place table
/// does not know every form a town takes (`Gardabairo` for `Garðabær`, `Ruglio` for
/// `Ruggell`), so any name of the other record that starts as the town does counts as
/// naming it.
fn unnamed_town<'f>(this: &'f Features, other: &Features) -> Option<&'f str> {
    /// Letters of a name's key that must match the town's.
    const SAME_START: usize = 3;
    let named_by_other = |town: &str| {
        let town_key = features::name_key(town);
        let starts_as_town = |key: &str| {
            key.chars()
                .take(SAME_START)
                .eq(town_key.chars().take(SAME_START))
        };
        items(other.concepts()).any(|concept| concept == town)
            || items(other.names()).any(starts_as_town)
            || items(other.text_names()).any(|key| {
                starts_as_town(key)
                    || crate::place::of_word(surface(other.text_names(), key))
                        .is_some_and(|place| place.name == town)
            })
    };
    items(this.concepts())
        .find(|&concept| crate::place::is_place_name(concept) && !named_by_other(concept))
}

/// Step 3: unpaired records that are each other's only candidate (see the module doc).
pub fn assign_only_candidates(
    features: &[Features],
    paired: &[bool],
    weights: &KeyWeights,
) -> Vec<Match> {
    let open = |i: usize, side: Side| {
        !paired[i] && features[i].side == side && features[i].period.is_some()
    };
    // English records by country, sorted by period start.
    let mut by_country: HashMap<&str, Vec<usize>> = HashMap::new();
    for i in (0..features.len()).filter(|&i| open(i, Side::En)) {
        for country in features[i].countries() {
            by_country.entry(country).or_default().push(i);
        }
    }
    for list in by_country.values_mut() {
        list.sort_by_key(|&i| (features[i].period, i));
    }
    // Each Lithuanian record's close English records.
    let mut candidates: Vec<(usize, Vec<usize>)> = Vec::new();
    for lt in (0..features.len()).filter(|&i| open(i, Side::Lt)) {
        let Some((start, end)) = features[lt].period else {
            continue;
        };
        let mut close: Vec<usize> = Vec::new();
        for country in features[lt].countries() {
            let Some(list) = by_country.get(country) else {
                continue;
            };
            let from = list
                .partition_point(|&e| features[e].period.is_some_and(|p| p.0 < start - SHIFT_DAYS));
            for &en in &list[from..] {
                let Some(period) = features[en].period else {
                    continue;
                };
                if period.0 > start + SHIFT_DAYS {
                    break;
                }
                let near = matches!(
                    PeriodMatch::between((start, end), period),
                    Some(PeriodMatch::Exact | PeriodMatch::Overlap { close: true, .. })
                );
                if near && !close.contains(&en) {
                    close.push(en);
                }
            }
        }
        candidates.push((lt, close));
    }
    let close_to: HashMap<usize, &[usize]> = candidates
        .iter()
        .map(|(lt, close)| (*lt, close.as_slice()))
        .collect();
    let mut pairs = Vec::new();
    for (lts, ens) in close_groups(&candidates, CLOSE_GROUP_LIMIT) {
        match (&lts[..], &ens[..]) {
            (&[lt], &[en]) => pairs.extend(only_candidates(features, lt, en, weights)),
            _ => {
                let scored = lts
                    .iter()
                    .flat_map(|&lt| close_to[&lt].iter().map(move |&en| (lt, en)))
                    .filter_map(|(lt, en)| {
                        let (s, period) = unopposed_score(features, lt, en, weights)?;
                        (s >= THRESHOLD).then_some((lt, en, s, period))
                    })
                    .collect();
                pairs.extend(greedy(features, scored));
            }
        }
    }
    pairs
}

/// Largest side of a group of unpaired records close to one another (step 3) that is
/// assigned by score: beyond it, a whole week of a country's records would be scored
/// against each other.
const CLOSE_GROUP_LIMIT: usize = 4;

/// The Lithuanian and English records of each group that closeness connects (a record,
/// the records close to it, the records close to those…), each side in index order; only
/// groups of at most `limit` records a side. A record close to more than `limit` others
/// makes its whole group too large, so it is not joined at all, only its English records
/// marked: a week of a large corpus would otherwise join thousands.
fn close_groups(candidates: &[(usize, Vec<usize>)], limit: usize) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut crowded: HashSet<usize> = HashSet::new();
    let mut parent: HashMap<usize, usize> = HashMap::new();
    // Union–find with path halving.
    fn root(parent: &mut HashMap<usize, usize>, mut at: usize) -> usize {
        while let Some(&up) = parent.get(&at).filter(|&&up| up != at) {
            let grand = parent[&up];
            parent.insert(at, grand);
            at = grand;
        }
        at
    }
    for (lt, close) in candidates {
        if close.len() > limit {
            crowded.extend(close);
            continue;
        }
        parent.entry(*lt).or_insert(*lt);
        for &en in close {
            parent.entry(en).or_insert(en);
            let (a, b) = (root(&mut parent, *lt), root(&mut parent, en));
            if a != b {
                parent.insert(a.max(b), a.min(b));
            }
        }
    }
    let mut groups: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (lt, close) in candidates {
        if close.is_empty() || close.len() > limit {
            continue;
        }
        let group = groups.entry(root(&mut parent, *lt)).or_default();
        group.0.push(*lt);
        group.1.extend_from_slice(close);
    }
    groups
        .into_values()
        .map(|(mut lts, mut ens)| {
            lts.sort_unstable();
            ens.sort_unstable();
            ens.dedup();
            (lts, ens)
        })
        .filter(|(lts, ens)| {
            lts.len() <= limit && ens.len() <= limit && !ens.iter().any(|en| crowded.contains(en))
        })
        .collect()
}

/// Two records, each the other's only candidate: a pair if their score reaches
/// [`ONLY_CANDIDATE_FLOOR`] and nothing speaks against it.
fn only_candidates(
    features: &[Features],
    lt: usize,
    en: usize,
    weights: &KeyWeights,
) -> Option<Match> {
    if unnamed_town(&features[lt], &features[en]).is_some()
        || unnamed_town(&features[en], &features[lt]).is_some()
    {
        return None;
    }
    let (s, period) = unopposed_score(features, lt, en, weights)?;
    (s >= ONLY_CANDIDATE_FLOOR).then(|| Match {
        only_candidate: true,
        ..make_pair(lt, en, s, period)
    })
}

/// The score of two records whose periods share a day, and how the periods relate;
/// `None` when their names contradict each other.
fn unopposed_score(
    features: &[Features],
    lt: usize,
    en: usize,
    weights: &KeyWeights,
) -> Option<(f64, PeriodMatch)> {
    let period = PeriodMatch::between(features[lt].period?, features[en].period?)?;
    let (lt_prepared, en_prepared) = (
        Prepared::new(&features[lt], weights),
        Prepared::new(&features[en], weights),
    );
    if name_conflict(&lt_prepared, &en_prepared, weights).is_some() {
        return None;
    }
    Some((score(&lt_prepared, &en_prepared, period)?, period))
}

#[cfg(test)]
mod tests {
    use super::close_groups;

    #[test]
    fn closeness_groups_records_through_shared_candidates() {
        // Lithuanian 0 and 1 share English 10; 2 has 11 alone; 3 has no candidate; 4 and 5
        // reach 12 and 13 crosswise; 6 is close to five, more than the limit, so 7, which
        // shares one of them, is in a group too large as well.
        let candidates = vec![
            (0, vec![10]),
            (1, vec![10, 14]),
            (2, vec![11]),
            (3, vec![]),
            (4, vec![12, 13]),
            (5, vec![13]),
            (6, vec![20, 21, 22, 23, 24]),
            (7, vec![24]),
        ];
        assert_eq!(
            close_groups(&candidates, 4),
            vec![
                (vec![0, 1], vec![10, 14]),
                (vec![2], vec![11]),
                (vec![4, 5], vec![12, 13]),
            ]
        );
    }
}
