//! Explanations: for a record without a counterpart, the records of the other language
//! that came closest, with their evidence and what each lacked, so a person can see why
//! no pair was made and correct it (`bireport pairs link`).

use serde::Serialize;

use super::features::{Features, Side};
use super::score::{scored_prepared, KeyWeights, PeriodMatch, Prepared, THRESHOLD};

/// A record of the other language that could have been the counterpart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The candidate's id.
    pub id: String,
    /// Its score against the record, in [0, 1].
    pub score: f64,
    /// What speaks for the pair, strongest first.
    pub evidence: Vec<String>,
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
/// language whose periods share a day with its own, strongest first (ties by id).
/// `partner_of` says which record a candidate is paired with already, if any.
pub fn candidates(
    features: &[Features],
    weights: &KeyWeights,
    target: usize,
    partner_of: impl Fn(&str) -> Option<String>,
    limit: usize,
) -> Vec<Candidate> {
    let record = &features[target];
    let Some(period) = record.period else {
        return Vec::new();
    };
    let other_side = match record.side {
        Side::Lt => Side::En,
        Side::En => Side::Lt,
        Side::Other => return Vec::new(),
    };
    let prepared = Prepared::new(record, weights);
    let mut found: Vec<Candidate> = Vec::new();
    for other in features.iter().filter(|f| f.side == other_side) {
        let Some(other_period) = other.period else {
            continue;
        };
        let (lt_period, en_period) = if record.side == Side::Lt {
            (period, other_period)
        } else {
            (other_period, period)
        };
        let Some(relation) = PeriodMatch::between(lt_period, en_period) else {
            continue;
        };
        let other_prepared = Prepared::new(other, weights);
        let (lt, en) = if record.side == Side::Lt {
            (&prepared, &other_prepared)
        } else {
            (&other_prepared, &prepared)
        };
        let Some(scored) = scored_prepared(lt, en, relation) else {
            continue;
        };
        let mut missing = Vec::new();
        if scored.score < THRESHOLD {
            missing.push(format!(
                "{:.2} below the threshold {THRESHOLD}",
                THRESHOLD - scored.score
            ));
        }
        if let PeriodMatch::Overlap { shared, union, .. } = relation {
            missing.push(format!("period overlaps {shared} of {union} days"));
        }
        if record.country().is_none() || other.country().is_none() {
            missing.push("a partner country is unknown".to_string());
        }
        if !scored.evidence.iter().any(|e| is_partner_evidence(e)) {
            missing.push("the partner names share nothing".to_string());
        }
        if let Some(partner) = partner_of(other.id()) {
            missing.push(format!("already paired with {partner}"));
        }
        found.push(Candidate {
            id: other.id().to_string(),
            score: scored.score,
            evidence: scored.evidence,
            missing,
        });
    }
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    found.truncate(limit);
    found
}

/// Whether an evidence line is about the partner names.
fn is_partner_evidence(line: &str) -> bool {
    [
        "glossary:",
        "partner",
        "similar partner",
        "one partner name",
        "learned:",
    ]
    .iter()
    .any(|start| line.starts_with(start))
}
