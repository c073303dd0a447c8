//! Suggestions: "did you mean …?" for misspelt filter values and for searches with no hits.
//!
//! Filter values are compared with the values the index has (and, for countries, every
//! known country name) by Damerau–Levenshtein distance on folded lowercase text. Query
//! words are looked up in the index's term dictionaries: the closest indexed term within
//! the `--fuzzy` distance is mapped back to a word as written in a document, so the user
//! sees `sklerozės`, not the stem `skleroz`.

use tantivy::schema::Field;
use tantivy::Searcher;

use super::query::{FUZZY_ONE_EDIT, FUZZY_TWO_EDITS};
use crate::analysis::{fold_diacritics, Analyzer, Mode};
use crate::error::Result;
use crate::index::Fields;

/// The candidate closest to `typed` (at most two edits, and fewer than half its letters),
/// compared case- and diacritic-insensitively; `None` if none is close or it is identical.
pub fn closest<'c>(typed: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let key = |s: &str| fold_diacritics(&s.trim().to_lowercase());
    let typed_key = key(typed);
    let limit = 2
        .min(typed_key.chars().count().saturating_sub(1) / 2)
        .max(1);
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::damerau_levenshtein(&typed_key, &key(candidate)),
                candidate,
            )
        })
        .filter(|(distance, _)| (1..=limit).contains(distance))
        .min_by_key(|(distance, candidate)| (*distance, candidate.len()))
        .map(|(_, candidate)| candidate)
}

/// Indexed words close to each word of `query` that has none of its own in the index:
/// `(typed, suggested)` pairs.
pub fn words(
    searcher: &Searcher,
    index_fields: &Fields,
    query: &str,
    fields: &[(Field, Analyzer)],
) -> Result<Vec<(String, String)>> {
    let mut suggestions = Vec::new();
    for typed in plain_words(query) {
        let letters = typed.chars().count();
        if letters < FUZZY_ONE_EDIT {
            continue;
        }
        let max_distance = fuzzy_edits(letters);
        type Rank = (usize, usize, usize, std::cmp::Reverse<u32>, String);
        let mut best: Option<(Rank, String, Field, Analyzer)> = None;
        for &(field, analyzer) in fields {
            let Some(term) = analyzer.terms(Mode::Searching, &typed).into_iter().next() else {
                continue;
            };
            if term_doc_freq(searcher, field, &term)? > 0 {
                best = None;
                break; // the word is in the index: nothing to suggest for it
            }
            let typed_key = fold_diacritics(&typed.to_lowercase());
            for (candidate, doc_freq) in
                suggestion_terms(searcher, field, &term, &typed_key, max_distance)?
            {
                // Fewest edits between stems, then between the typed word and the
                // term, then the nearest length, the most common, and finally the term
                // itself, so ties never depend on how documents fell into segments.
                let rank = (
                    stem_distance(&term, &typed_key, &candidate),
                    strsim::damerau_levenshtein(&typed_key, &candidate),
                    candidate.chars().count().abs_diff(letters),
                    std::cmp::Reverse(doc_freq),
                    candidate.clone(),
                );
                if best
                    .as_ref()
                    .is_none_or(|(best_rank, ..)| rank < *best_rank)
                {
                    best = Some((rank, candidate, field, analyzer));
                }
            }
        }
        if let Some((_, term, field, analyzer)) = best {
            if let Some(word) = surface_word(searcher, index_fields, field, analyzer, &term)? {
                // Follow the user's casing: `helth` → `health`, not the document's `Health`.
                let word = if typed.chars().any(char::is_uppercase) {
                    word
                } else {
                    word.to_lowercase()
                };
                suggestions.push((typed, word));
            }
        }
    }
    Ok(suggestions)
}

/// The words of a query that are plain terms (no field, operator or syntax).
pub fn plain_words(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .filter(|w| !matches!(*w, "AND" | "OR" | "NOT"))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && !w.contains(':') && w.chars().all(char::is_alphanumeric))
        .map(str::to_string)
        .collect()
}

fn term_doc_freq(searcher: &Searcher, field: Field, text: &str) -> Result<u64> {
    Ok(searcher.doc_freq(&tantivy::Term::from_field_text(field, text))?)
}

/// Letters a suffix may add to a stem when comparing a typed word with an indexed stem:
/// at least this many, or up to half the word (`orgnaizations` ~ `organis`).
const SUFFIX_SLACK: usize = 3;

/// Shorter indexed terms are never suggested: too many words share their letters.
const MIN_STEM: usize = 4;

fn suffix_slack(typed_len: usize) -> usize {
    SUFFIX_SLACK.max(typed_len / 2)
}

/// Edits between an indexed stem and a typed word: against the typed word's stem, or
/// against as many of its first letters as the stem has (`festivel` ~ `festiv`), since
/// stems of misspelt words often keep a suffix the stemmer did not recognise.
fn stem_distance(term: &str, typed_key: &str, candidate: &str) -> usize {
    let direct = strsim::damerau_levenshtein(term, candidate)
        .min(strsim::damerau_levenshtein(typed_key, candidate));
    let (typed_len, candidate_len) = (typed_key.chars().count(), candidate.chars().count());
    if candidate_len < typed_len && typed_len - candidate_len <= suffix_slack(typed_len) {
        let prefix: String = typed_key.chars().take(candidate_len).collect();
        direct.min(strsim::damerau_levenshtein(&prefix, candidate))
    } else {
        direct
    }
}

/// Indexed terms of `field` close to a typed word (see [`stem_distance`]), with counts.
/// Only runs when a search found nothing, so a scan of the term dictionary is affordable.
fn suggestion_terms(
    searcher: &Searcher,
    field: Field,
    term: &str,
    typed_key: &str,
    max_distance: usize,
) -> Result<Vec<(String, u32)>> {
    let typed_len = typed_key.chars().count();
    let min_len = typed_len
        .saturating_sub(suffix_slack(typed_len))
        .max(MIN_STEM);
    scan_terms(searcher, field, |candidate| {
        candidate.chars().count() >= min_len
            && stem_distance(term, typed_key, candidate) <= max_distance
    })
}

/// Every term of `field` that `accept` takes, with its document count over all segments.
fn scan_terms(
    searcher: &Searcher,
    field: Field,
    accept: impl Fn(&str) -> bool,
) -> Result<Vec<(String, u32)>> {
    let mut found: Vec<(String, u32)> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if accept(candidate) {
                let doc_freq = stream.value().doc_freq;
                match found.iter_mut().find(|(t, _)| t == candidate) {
                    Some((_, total)) => *total += doc_freq,
                    None => found.push((candidate.to_string(), doc_freq)),
                }
            }
        }
    }
    Ok(found)
}

/// Edits `--fuzzy` allows for a word of `letters` letters.
pub fn fuzzy_edits(letters: usize) -> usize {
    match letters {
        n if n >= FUZZY_TWO_EDITS => 2,
        n if n >= FUZZY_ONE_EDIT => 1,
        _ => 0,
    }
}

/// Indexed terms of `field` within `max_distance` edits of `term`, with document counts.
pub fn close_terms(
    searcher: &Searcher,
    field: Field,
    term: &str,
    max_distance: usize,
) -> Result<Vec<(String, u32)>> {
    let term_len = term.chars().count();
    scan_terms(searcher, field, |candidate| {
        candidate.chars().count().abs_diff(term_len) <= max_distance
            && strsim::damerau_levenshtein(term, candidate) <= max_distance
    })
}

/// The word, as written in documents, that analyses to `term`: the most common form among
/// the best ten documents (ties alphabetically), so the answer does not depend on how
/// documents fell into segments.
fn surface_word(
    searcher: &Searcher,
    index_fields: &Fields,
    field: Field,
    analyzer: Analyzer,
    term: &str,
) -> Result<Option<String>> {
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    use tantivy::schema::IndexRecordOption;
    let query = TermQuery::new(
        tantivy::Term::from_field_text(field, term),
        IndexRecordOption::Basic,
    );
    let top = searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;
    let mut index_analyzer = analyzer.build(Mode::Indexing);
    let mut forms: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for (_, address) in top {
        let record = super::records::load_record(searcher, index_fields, address)?;
        let texts = [
            record.title.clone().unwrap_or_default(),
            record.partner_names(),
            record.body(),
        ];
        'record: for text in &texts {
            let mut stream = index_analyzer.token_stream(text);
            while let Some(token) = stream.next() {
                if token.text == term {
                    *forms
                        .entry(text[token.offset_from..token.offset_to].to_string())
                        .or_default() += 1;
                    break 'record;
                }
            }
        }
    }
    Ok(forms
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(form, _)| form))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_near_misses_only() {
        let countries = ["Iceland", "Norway", "Liechtenstein"];
        assert_eq!(closest("Norwy", countries), Some("Norway"));
        assert_eq!(closest("norwya", countries), Some("Norway"));
        assert_eq!(closest("Lichtenstein", countries), Some("Liechtenstein"));
        assert_eq!(closest("Norway", countries), None);
        assert_eq!(closest("France", countries), None);
        assert_eq!(closest("x", countries), None);
        assert_eq!(
            closest("projekt", ["initiative", "project"]),
            Some("project")
        );
    }

    #[test]
    fn stems_are_compared_with_the_typed_word_too() {
        assert_eq!(stem_distance("festivel", "festivel", "festiv"), 0);
        assert_eq!(stem_distance("orgnaiz", "orgnaizations", "organis"), 2);
        assert_eq!(stem_distance("draug", "draugia", "draugij"), 1);
        assert!(stem_distance("museum", "museum", "municip") > 2);
    }

    #[test]
    fn plain_words_skip_syntax() {
        assert_eq!(
            plain_words("sklerozes AND partner:oslo \"open\""),
            vec!["sklerozes", "open"]
        );
    }
}
