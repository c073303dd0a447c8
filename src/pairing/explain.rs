//! Explanations: for a record without a counterpart, the records of the other language
//! that came closest, with their evidence and what each lacked, so a person can see why
//! no pair was made and correct it (`bireport pairs link`).

use serde::Serialize;

use super::evidence::{serialize_with_text, Evidence};
use super::features::{Features, Side};
use super::score::{name_conflict, scored_prepared, PeriodMatch, Prepared, THRESHOLD};
use super::weights::KeyWeights;

/// A record of the other language that could have been the counterpart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The candidate's id.
    pub id: String,
    /// Its score against the record, in [0, 1].
    pub score: f64,
    /// What speaks for the pair, strongest first.
    #[serde(serialize_with = "serialize_with_text")]
    pub evidence: Vec<Evidence>,
    /// What fell short.
    pub missing: Vec<String>,
}

/// Why a record has no candidates at all, or `None` when it may have some.
pub fn no_candidates_reason(record: &Features) -> Option<&'static str> {
    match (record.side, record.period) {
        (Side::Other, _) => Some("only Lithuanian and English initiatives are paired"),
        (_, None) => Some("the record has no implementation period bireport could read"),
        _ => None,
    }
}

/// The best `limit` candidates for `features[target]` among the records of the other
/// language whose periods share a day with its own or are it moved (up to
/// [`super::score::MOVED_DAYS`]), strongest first (ties by id).
/// `note` adds what else stands against a candidate (its id given): that it is paired
/// already, or that a person ruled the pair out.
pub fn candidates(
    features: &[Features],
    weights: &KeyWeights,
    target: usize,
    note: impl Fn(&str) -> Option<String>,
    limit: usize,
) -> Vec<Candidate> {
    let record = &features[target];
    let prepared = Prepared::new(record, weights);
    let mut found: Vec<Candidate> = features
        .iter()
        .filter_map(|other| candidate(&prepared, other, weights))
        .collect();
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    found.truncate(limit);
    // Only the candidates shown are looked up.
    for candidate in &mut found {
        candidate.missing.extend(note(&candidate.id));
    }
    found
}

/// `other` as a candidate for the prepared record: `None` unless it is of the other
/// language, its period shares a day with the record's (or is it moved), and its country
/// does not rule it out. What the caller knows against it (paired already, unlinked) is added later.
fn candidate(prepared: &Prepared, other: &Features, weights: &KeyWeights) -> Option<Candidate> {
    let record = prepared.features();
    let record_is_lt = match (record.side, other.side) {
        (Side::Lt, Side::En) => true,
        (Side::En, Side::Lt) => false,
        _ => return None,
    };
    let (period, other_period) = (record.period?, other.period?);
    let other_prepared = Prepared::new(other, weights);
    let (lt, en, relation) = if record_is_lt {
        (
            prepared,
            &other_prepared,
            PeriodMatch::between(period, other_period)
                .or_else(|| PeriodMatch::moved(period, other_period))?,
        )
    } else {
        (
            &other_prepared,
            prepared,
            PeriodMatch::between(other_period, period)
                .or_else(|| PeriodMatch::moved(other_period, period))?,
        )
    };
    let scored = scored_prepared(lt, en, relation)?;
    let mut missing = Vec::new();
    if scored.score < THRESHOLD {
        missing.push(format!(
            "{:.2} below the threshold {THRESHOLD}",
            THRESHOLD - scored.score
        ));
    }
    match relation {
        PeriodMatch::Overlap { shared, union, .. } => {
            missing.push(format!("period overlaps {shared} of {union} days"));
        }
        PeriodMatch::Moved { .. } => missing.push("the periods share no day".to_string()),
        PeriodMatch::Exact => {}
    }
    if record.country().is_none() || other.country().is_none() {
        missing.push("a partner country is unknown".to_string());
    }
    if !scored.evidence.iter().any(Evidence::is_about_partners) {
        missing.push("the partner names share nothing".to_string());
    }
    if let Some((word, side)) = name_conflict(lt, en, weights) {
        let (has, lacks) = match side {
            Side::Lt => ("Lithuanian", "English"),
            _ => ("English", "Lithuanian"),
        };
        missing.push(format!(
            "the {has} partner name has {word}, the {lacks} one does not"
        ));
    }
    Some(Candidate {
        id: other.id().to_string(),
        score: scored.score,
        evidence: scored.evidence,
        missing,
    })
}

/// How many days before a record's start the periods of its candidates may start, for the
/// review (which looks at every unpaired record, so it cannot look at all the others).
const REVIEW_REACH: i32 = 62;

/// Scores within this much above the threshold are shown for review.
pub const REVIEW_MARGIN: f64 = 0.15;

/// A pair or candidate for a person to confirm or correct (`bireport pairs --review`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    /// The Lithuanian record's id.
    pub lt: String,
    /// The English record's id.
    pub en: String,
    /// The machine's score.
    pub score: f64,
    /// What speaks for the pair.
    #[serde(serialize_with = "serialize_with_text")]
    pub evidence: Vec<Evidence>,
    /// What fell short (rejected candidates only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// What `bireport pairs --review` lists, strongest first in each part.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Review {
    /// Pairs the machine made with a score under the threshold plus [`REVIEW_MARGIN`]
    /// (each other's only candidates among them), not made by hand.
    pub near: Vec<ReviewItem>,
    /// For Lithuanian records left unpaired, their best candidate among the English records
    /// left unpaired whose periods start at most 62 days before theirs.
    pub rejected: Vec<ReviewItem>,
}

/// The pairs and candidates a person should look at: `pairs` are the chosen pairs,
/// (Lithuanian id, English id, score, evidence); `hand_made` says which a person linked.
pub fn review(
    features: &[Features],
    weights: &KeyWeights,
    pairs: &[super::IdPair],
    hand_made: impl Fn(&super::IdPair) -> bool,
) -> Review {
    let mut near: Vec<ReviewItem> = pairs
        .iter()
        .filter(|p| p.score < THRESHOLD + REVIEW_MARGIN && !hand_made(p))
        .map(|p| ReviewItem {
            lt: p.lt.clone(),
            en: p.en.clone(),
            score: p.score,
            evidence: p.evidence.clone(),
            missing: Vec::new(),
        })
        .collect();
    near.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.lt.cmp(&b.lt)));

    let paired: std::collections::HashSet<&str> = pairs
        .iter()
        .flat_map(|p| [p.lt.as_str(), p.en.as_str()])
        .collect();
    let open = |f: &&Features, side: Side| {
        f.side == side && f.period.is_some() && !paired.contains(f.id())
    };
    // Unpaired English records by period start: a Lithuanian record looks only at those
    // starting from [`REVIEW_REACH`] days before its own start to its end.
    let mut english: Vec<&Features> = features.iter().filter(|f| open(f, Side::En)).collect();
    english.sort_by_key(|f| (f.period, f.id().to_string()));
    let mut rejected = Vec::new();
    for record in features.iter().filter(|f| open(f, Side::Lt)) {
        let Some((start, end)) = record.period else {
            continue;
        };
        let from =
            english.partition_point(|f| f.period.is_some_and(|p| p.0 < start - REVIEW_REACH));
        let upto = english.partition_point(|f| f.period.is_some_and(|p| p.0 <= end));
        let prepared = Prepared::new(record, weights);
        let best = english[from..upto.max(from)]
            .iter()
            .filter_map(|other| candidate(&prepared, other, weights))
            .max_by(|a, b| a.score.total_cmp(&b.score).then_with(|| b.id.cmp(&a.id)));
        if let Some(best) = best {
            rejected.push(ReviewItem {
                lt: record.id().to_string(),
                en: best.id,
                score: best.score,
                evidence: best.evidence,
                missing: best.missing,
            });
        }
    }
    rejected.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.lt.cmp(&b.lt)));
    Review { near, rejected }
}
