//! Scoring: how sure are we that a Lithuanian and an English record are one initiative?
//!
//! A score in [0, 1] from four kinds of evidence:
//! - period: the same dates (1); dates that moved by a few days at either end, as a plan
//!   written before the visit and a report written after it do, by the share of days they
//!   have in common (at most 0.9); other overlapping dates at most ½, by shared days;
//! - country: a partner country in common (1), unknown (½); partners with no country in
//!   common rule the pair out;
//! - partner names: shared glossary concepts and name keys, each weighted by how rare it
//!   is in the corpus (a shared `bergen` says much, a shared `municipality` little); a
//!   name key without an exact match counts in part for a similar one (character
//!   trigrams: `kopavog` ≈ `kopavogur`), and keys on one side only count against the
//!   pair, unless a distinctive name is shared and one side's name is wholly contained in
//!   the other's (`Hugarafl` and `Hugarafl – User-led Mental Health Organisation`): then
//!   the containment counts ([`CONTAINED`]);
//! - the texts: shared proper names, acronyms and numbers, weighted the same way.
//!
//! `score = 0.25·period + 0.10·country + 0.50·partner + 0.15·text`; a pair needs
//! [`THRESHOLD`], which same period and country alone (0.35) do not reach: partner or
//! text evidence must add at least 0.2.

use std::borrow::Cow;
use std::sync::OnceLock;

use time::Date;

use super::evidence::{DateSpan, Day, Evidence, Name, SharedWord, Word, WordPair};
use super::features::{items, surface, trigrams, Features, Side};
use super::glossary;
use super::lexicon::Lexicon;
use super::weights::KeyWeights;
use crate::country;
use crate::place;

/// Lowest score of a pair.
pub const THRESHOLD: f64 = 0.55;

const PERIOD_WEIGHT: f64 = 0.25;
const COUNTRY_WEIGHT: f64 = 0.10;
const PARTNER_WEIGHT: f64 = 0.50;
const TEXT_WEIGHT: f64 = 0.15;
/// Name keys at least this similar (trigram Dice) count as partly shared.
const SIMILAR_NAME: f64 = 0.6;
/// What a partner name wholly contained in the other side's is worth, times the share of
/// it that is contained.
pub const CONTAINED: f64 = 0.8;
/// Days by which either end of two periods may differ for the periods to count as one
/// visit planned and reported: the summary is written before the visit, the report after.
pub const SHIFT_DAYS: i32 = 3;
/// Days by which a whole visit may have moved (the plan said one week, the report another)
/// for two periods that share no day to be shown as one visit's candidates. Never paired
/// by the machine: on a million generated records, most pairs made so were two visits to
/// one town's namesakes; a person links them (`pairs link`).
pub const MOVED_DAYS: i32 = 14;

/// How two records' periods relate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PeriodMatch {
    /// The same start and end.
    Exact,
    /// Overlapping: days shared and days covered by either; `close` when neither end moved
    /// by more than [`SHIFT_DAYS`].
    Overlap {
        shared: i64,
        union: i64,
        close: bool,
    },
    /// No day shared, but the same visit moved: as long (within [`SHIFT_DAYS`]) and
    /// starting at most [`MOVED_DAYS`] earlier or later (`days`, English start minus
    /// Lithuanian start).
    Moved { days: i32 },
}

impl PeriodMatch {
    /// How two periods (Julian days, first and last) relate; `None` when they share no day.
    pub fn between(lt: (i32, i32), en: (i32, i32)) -> Option<PeriodMatch> {
        if lt == en {
            return Some(PeriodMatch::Exact);
        }
        let shared = i64::from(lt.1.min(en.1)) - i64::from(lt.0.max(en.0)) + 1;
        if shared <= 0 {
            return None;
        }
        let union = i64::from(lt.1.max(en.1)) - i64::from(lt.0.min(en.0)) + 1;
        let close = (lt.0 - en.0).abs() <= SHIFT_DAYS && (lt.1 - en.1).abs() <= SHIFT_DAYS;
        Some(PeriodMatch::Overlap {
            shared,
            union,
            close,
        })
    }

    /// The plan moved: two periods sharing no day that are one visit planned for one week
    /// and held in another ([`PeriodMatch::Moved`]); `None` otherwise.
    pub fn moved(lt: (i32, i32), en: (i32, i32)) -> Option<PeriodMatch> {
        let apart = lt.1 < en.0 || en.1 < lt.0;
        let days = en.0 - lt.0;
        let same_length = ((lt.1 - lt.0) - (en.1 - en.0)).abs() <= SHIFT_DAYS;
        (apart && days.abs() <= MOVED_DAYS && same_length).then_some(PeriodMatch::Moved { days })
    }

    /// The period's part of a score, in [0, 1].
    fn value(self) -> f64 {
        match self {
            PeriodMatch::Exact => 1.0,
            // Less than any overlap of a close period: a candidate on its names alone.
            PeriodMatch::Moved { .. } => 0.3,
            PeriodMatch::Overlap {
                shared,
                union,
                close,
            } => {
                let share = shared as f64 / union.max(1) as f64;
                if close {
                    0.9 * share
                } else {
                    0.5 * share
                }
            }
        }
    }
}

/// A score with its reasons, strongest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// In [0, 1].
    pub score: f64,
    /// What speaks for the pair.
    pub evidence: Vec<Evidence>,
}

/// Weighted Dice similarity of two lists sorted by key: the weight of the shared keys over
/// the mean weight of both lists.
fn dice_score(a: &[(&str, f64)], b: &[(&str, f64)]) -> f64 {
    let (mut i, mut j) = (0, 0);
    let (mut total, mut common) = (0.0, 0.0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => match x.0.cmp(y.0) {
                std::cmp::Ordering::Less => {
                    total += x.1;
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    total += y.1;
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    total += 2.0 * x.1;
                    common += x.1;
                    i += 1;
                    j += 1;
                }
            },
            (Some(x), None) => {
                total += x.1;
                i += 1;
            }
            (None, Some(y)) => {
                total += y.1;
                j += 1;
            }
            (None, None) => break,
        }
    }
    if total == 0.0 {
        0.0
    } else {
        (2.0 * common / total).min(1.0)
    }
}

/// A record's keys with their weights, looked up once for all the pairs it is scored in
/// (a record of an exact-period block is scored against every record of the other
/// language in it, so looking up and splitting its key lists per pair would repeat them).
pub struct Prepared<'f> {
    features: &'f Features,
    /// Concepts and name keys, sorted and unique ([`sorted_keys`]), with weights.
    keys: Vec<(&'f str, f64)>,
    /// Name keys in their stored (sorted) order, with weights.
    names: Vec<(&'f str, f64)>,
    /// Names of the text in their stored (sorted) order, with weights.
    text: Vec<(&'f str, f64)>,
    /// The trigrams of each name key (as `names`), made when a pair first needs them: a
    /// record of an exact-period block is scored against every record of the other
    /// language in it, and most pairs need none.
    grams: OnceLock<Vec<Vec<u32>>>,
    /// The least weight of a distinctive key.
    distinctive: f64,
    /// The learned word pairs.
    lexicon: &'f Lexicon,
}

impl<'f> Prepared<'f> {
    /// `features` with the weights of their keys.
    pub fn new(features: &'f Features, weights: &'f KeyWeights) -> Prepared<'f> {
        let weighed = |key: &'f str| (key, weights.weight(key));
        Prepared {
            features,
            keys: sorted_keys(features).into_iter().map(weighed).collect(),
            names: items(features.names()).map(weighed).collect(),
            text: items(features.text_names()).map(weighed).collect(),
            grams: OnceLock::new(),
            distinctive: weights.distinctive(),
            lexicon: weights.lexicon(),
        }
    }

    /// The record.
    pub fn features(&self) -> &'f Features {
        self.features
    }

    /// The trigrams of each name key, in the order of `names`.
    fn name_trigrams(&self) -> &[Vec<u32>] {
        self.grams
            .get_or_init(|| self.names.iter().map(|(key, _)| trigrams(key)).collect())
    }
}

/// The entries of two lists sorted by key that have the same key (the first list's).
fn shared_keys<'k>(a: &[(&'k str, f64)], b: &[(&'k str, f64)]) -> Vec<(&'k str, f64)> {
    intersection_by(a, b, |(key, _)| *key)
}

fn intersection<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    intersection_by(a, b, |x| *x)
}

/// The items of `a` whose `key` is also one of `b`'s; both sorted by `key`, unique.
fn intersection_by<T: Copy, K: Ord>(a: &[T], b: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match key(&a[i]).cmp(&key(&b[j])) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Concepts and name keys of a record, sorted and unique: both lists are stored sorted, so
/// this is a merge, not a sort.
fn sorted_keys(f: &Features) -> Vec<&str> {
    let (mut a, mut b) = (items(f.concepts()).peekable(), items(f.names()).peekable());
    let mut keys: Vec<&str> = Vec::new();
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x <= y => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        if let Some(key) = next {
            if keys.last() != Some(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// Whether `word` is written as an acronym: two capitals or more, no small letters.
fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_uppercase()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// A name of one side's partners that the other side's partner names would hold as it is
/// if it belonged there, but do not: `Oslo` against `Harstad Women's Academy`, when
/// English partner names elsewhere hold `Oslo`. Names translated on one side
/// (`Kultūros tiltas` for `Kulturbro`) are not such names: the other language writes them
/// otherwise. Nor are acronyms (`MUST`, `NTNU`): a list adds one to a name on one side
/// and not the other, and writes the full name another year. Also a glossary concept on
/// each side that the other lacks. Returns (the name as written, or the concept, and the
/// side that has it).
pub fn name_conflict<'f>(
    lt: &Prepared<'f>,
    en: &Prepared<'f>,
    weights: &KeyWeights,
) -> Option<(&'f str, Side)> {
    let partner = partner_similarity(lt, en);
    let matched = |key: &str| {
        partner.shared.contains(&key)
            || partner
                .similar
                .iter()
                .any(|(a, b, _)| *a == key || *b == key)
            || partner.learned.iter().any(|(a, b)| *a == key || *b == key)
    };
    // A topic each side has and the other lacks (`music` against `sports`): the glossary
    // translates topics, so both would have it.
    let lone_concept = |p: &Prepared<'f>| {
        p.keys.iter().map(|(key, _)| *key).find(|key| {
            !matched(key)
                && !p.names.iter().any(|(name, _)| name == key)
                && !glossary::is_organisation_kind(key)
        })
    };
    if let (Some(concept), Some(_)) = (lone_concept(lt), lone_concept(en)) {
        return Some((concept, Side::Lt));
    }
    for (this, other_side) in [(lt, Side::En), (en, Side::Lt)] {
        for (key, _) in &this.names {
            if !matched(key)
                && weights.named_on(key, other_side)
                && !is_acronym(surface(this.features.names(), key))
            {
                let side = if other_side == Side::En {
                    Side::Lt
                } else {
                    Side::En
                };
                return Some((surface(this.features.names(), key), side));
            }
        }
    }
    None
}

/// Dice similarity of two sorted hash sets.
fn gram_dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = intersection(a, b).len();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// How two records' partner names compare.
struct PartnerMatch<'k> {
    /// Weighted Dice similarity in [0, 1], or the containment's worth when larger.
    similarity: f64,
    /// The containment of one side's name in the other's, when it counted: the share of
    /// the smaller name found in the larger.
    contained: Option<f64>,
    /// Keys both sides have.
    shared: Vec<&'k str>,
    /// Name keys matched by similarity: (Lithuanian, English, trigram similarity).
    similar: Vec<(&'k str, &'k str, f64)>,
    /// Name keys matched by the learned lexicon: (Lithuanian, English).
    learned: Vec<(&'k str, &'k str)>,
}

/// Partner-name similarity: weighted Dice over concepts and name keys, where a name key
/// with no exact match counts in part for the most similar unmatched key of the other side.
fn partner_similarity<'k>(lt: &Prepared<'k>, en: &Prepared<'k>) -> PartnerMatch<'k> {
    let total: f64 = lt.keys.iter().chain(&en.keys).map(|(_, w)| *w).sum();
    if total == 0.0 {
        return PartnerMatch {
            similarity: 0.0,
            contained: None,
            shared: Vec::new(),
            similar: Vec::new(),
            learned: Vec::new(),
        };
    }
    let shared = shared_keys(&lt.keys, &en.keys);
    let mut common: f64 = 2.0 * shared.iter().map(|(_, w)| *w).sum::<f64>();
    // A distinctive name key both sides have: what makes containment count.
    let is_name = |p: &Prepared<'k>, key: &str| p.names.iter().any(|(k, _)| *k == key);
    let mut distinctive_shared = shared
        .iter()
        .any(|(k, w)| *w >= lt.distinctive && is_name(lt, k) && is_name(en, k));
    let shared: Vec<&'k str> = shared.into_iter().map(|(k, _)| k).collect();
    // Positions in each side's names of the keys the other side lacks.
    let unmatched = |p: &Prepared<'k>| -> Vec<usize> {
        (0..p.names.len())
            .filter(|&i| !shared.contains(&p.names[i].0))
            .collect()
    };
    let (mut lt_rest, mut en_rest) = (unmatched(lt), unmatched(en));
    // Word pairs the corpus taught, before spelling similarity.
    let mut learned = Vec::new();
    if !lt.lexicon.is_empty() {
        lt_rest.retain(|&a| {
            let (lt_key, lt_weight) = lt.names[a];
            let Some((en_key, association)) = lt.lexicon.english(lt_key) else {
                return true;
            };
            let Some(at) = en_rest.iter().position(|&b| en.names[b].0 == en_key) else {
                return true;
            };
            let (en_key, en_weight) = en.names[en_rest.remove(at)];
            common += association * (lt_weight + en_weight);
            learned.push((lt_key, en_key));
            false
        });
    }
    let mut similar = Vec::new();
    if !lt_rest.is_empty() && !en_rest.is_empty() {
        let (lt_grams, en_grams) = (lt.name_trigrams(), en.name_trigrams());
        for a in lt_rest {
            let best = en_rest
                .iter()
                .enumerate()
                .map(|(i, &b)| (i, gram_dice(&lt_grams[a], &en_grams[b])))
                .filter(|(_, sim)| *sim >= SIMILAR_NAME)
                .max_by(|x, y| x.1.total_cmp(&y.1));
            if let Some((i, sim)) = best {
                let ((a, a_weight), (b, b_weight)) = (lt.names[a], en.names[en_rest.remove(i)]);
                common += sim * (a_weight + b_weight);
                distinctive_shared |= sim >= 0.75 && a_weight.min(b_weight) >= lt.distinctive;
                similar.push((a, b, sim));
            }
        }
    }
    let dice = (common / total).min(1.0);
    // The smaller name's share found in the other: half of `common` is each side's.
    let side_total = |p: &Prepared<'k>| p.keys.iter().map(|(_, w)| *w).sum::<f64>();
    let smaller = side_total(lt).min(side_total(en));
    let containment = if distinctive_shared && smaller > 0.0 {
        (common / 2.0 / smaller).min(1.0)
    } else {
        0.0
    };
    let contained = (CONTAINED * containment > dice).then_some(containment);
    PartnerMatch {
        similarity: dice.max(CONTAINED * containment),
        contained,
        shared,
        similar,
        learned,
    }
}

/// The first country (in English alphabetical order) both records' partners are in.
fn shared_country<'f>(lt: &'f Features, en: &Features) -> Option<&'f str> {
    lt.countries().find(|c| en.countries().any(|d| d == *c))
}

fn day(julian: i32) -> Day {
    Day(Date::from_julian_day(julian).unwrap_or(Date::MIN))
}

/// `name` from bireport's tables when it is the name `written` there, else `written` copied
/// (evidence names no more than the records did).
fn static_or_owned(name: &'static str, written: &str) -> Name {
    if name == written {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(written.to_string())
    }
}

/// The parts of a score: what each kind of evidence is worth.
struct Parts<'k> {
    period: f64,
    country: f64,
    partner: PartnerMatch<'k>,
    text: f64,
}

impl Parts<'_> {
    fn total(&self) -> f64 {
        let score = PERIOD_WEIGHT * self.period
            + COUNTRY_WEIGHT * self.country
            + PARTNER_WEIGHT * self.partner.similarity
            + TEXT_WEIGHT * self.text;
        (score * 1000.0).round() / 1000.0
    }
}

/// Weighs the evidence for `lt` and `en`; `None` when something rules the pair out
/// (a missing period, different countries).
fn parts<'k>(lt: &Prepared<'k>, en: &Prepared<'k>, period: PeriodMatch) -> Option<Parts<'k>> {
    let (lt_features, en_features) = (lt.features, en.features);
    lt_features.period?;
    en_features.period?;
    let period = period.value();
    let country = match (lt_features.country(), en_features.country()) {
        (Some(_), Some(_)) if shared_country(lt_features, en_features).is_none() => return None,
        (Some(_), Some(_)) => 1.0,
        _ => 0.5,
    };
    let partner = partner_similarity(lt, en);
    let text = dice_score(&lt.text, &en.text);
    Some(Parts {
        period,
        country,
        partner,
        text,
    })
}

/// Scores the Lithuanian record `lt` against the English record `en`, in [0, 1]; `None`
/// when something rules the pair out (different countries). Allocates no text: the
/// evidence of the pairs finally chosen comes from [`scored`].
pub fn score(lt: &Prepared, en: &Prepared, period: PeriodMatch) -> Option<f64> {
    parts(lt, en, period).map(|p| p.total())
}

/// Scores a pair with its evidence, strongest first.
pub fn scored(
    lt: &Features,
    en: &Features,
    period: PeriodMatch,
    weights: &KeyWeights,
) -> Option<Scored> {
    scored_prepared(
        &Prepared::new(lt, weights),
        &Prepared::new(en, weights),
        period,
    )
}

/// [`scored`] for records whose keys are weighed already.
pub fn scored_prepared(
    lt_prepared: &Prepared,
    en_prepared: &Prepared,
    period: PeriodMatch,
) -> Option<Scored> {
    let (lt, en) = (lt_prepared.features, en_prepared.features);
    let parts = parts(lt_prepared, en_prepared, period)?;
    let (lt_period, en_period) = (lt.period?, en.period?);
    let span = |(from, to): (i32, i32)| DateSpan {
        from: day(from),
        to: day(to),
    };
    let mut evidence = Vec::new();
    evidence.push(match period {
        PeriodMatch::Exact => Evidence::SamePeriod {
            from: day(lt_period.0),
            to: day(lt_period.1),
        },
        PeriodMatch::Overlap { shared, union, .. } => Evidence::PeriodOverlap {
            shared_days: shared,
            union_days: union,
            lithuanian_period: span(lt_period),
            english_period: span(en_period),
        },
        PeriodMatch::Moved { days } => Evidence::PeriodMoved {
            days: i64::from(days),
            lithuanian_period: span(lt_period),
            english_period: span(en_period),
        },
    });
    if let Some(name) = shared_country(lt, en) {
        let english = country::normalize(name).unwrap_or_default();
        evidence.push(Evidence::Country {
            english: static_or_owned(english, name),
            lithuanian: match country::lithuanian_name(name) {
                Some(lithuanian) => Cow::Borrowed(lithuanian),
                None => static_or_owned(english, name),
            },
        });
    }
    let words = |lt_list: &str, lt_key: &str, en_list: &str, en_key: &str| WordPair {
        lithuanian: Word {
            key: lt_key.to_string(),
            written: surface(lt_list, lt_key).to_string(),
        },
        english: Word {
            key: en_key.to_string(),
            written: surface(en_list, en_key).to_string(),
        },
    };
    let mut names = Vec::new();
    for key in &parts.partner.shared {
        if let Some(concept) = glossary::concept(key) {
            evidence.push(Evidence::Glossary {
                concept: Cow::Borrowed(concept.id),
                lithuanian: Cow::Borrowed(concept.lithuanian),
                english: Cow::Borrowed(concept.english),
            });
        } else if let Some(place) = place::named(key) {
            evidence.push(Evidence::SharedPlace {
                place: Cow::Borrowed(place.name),
                lithuanian: Cow::Borrowed(place.lithuanian),
            });
        } else if let Some(country) = country::normalize(key) {
            evidence.push(Evidence::SharedCountry {
                country: static_or_owned(country, key),
            });
        } else {
            names.push(SharedWord {
                key: key.to_string(),
                lithuanian: surface(lt.names(), key).to_string(),
                english: surface(en.names(), key).to_string(),
            });
        }
    }
    if !names.is_empty() {
        evidence.push(Evidence::SharedNames { names });
    }
    if let Some(share) = parts.partner.contained {
        evidence.push(Evidence::NameContained { share });
    }
    for (a, b) in &parts.partner.learned {
        evidence.push(Evidence::Learned {
            words: words(lt.names(), a, en.names(), b),
        });
    }
    for (a, b, similarity) in &parts.partner.similar {
        evidence.push(Evidence::SimilarNames {
            words: words(lt.names(), a, en.names(), b),
            similarity: *similarity,
        });
    }
    // The text's names are split and sorted in the prepared records already.
    let shared_text = shared_keys(&lt_prepared.text, &en_prepared.text);
    if !shared_text.is_empty() {
        evidence.push(Evidence::NamesInTexts {
            names: shared_text
                .iter()
                .map(|(key, _)| SharedWord {
                    key: key.to_string(),
                    lithuanian: surface(lt.text_names(), key).to_string(),
                    english: surface(en.text_names(), key).to_string(),
                })
                .collect(),
        });
    }
    Some(Scored {
        score: parts.total(),
        evidence,
    })
}
