//! The bilingual glossary (`data/glossary.tsv`): which English and Lithuanian words name
//! the same thing (`savivaldybė` = `municipality`), so partner names compare across
//! languages. Words match after folding case and diacritics, directly or by their stems.
//!
//! A user adds term pairs of their own (`bireport index --glossary FILE`, the same format):
//! they are kept beside the index (`glossary.tsv`) and added to the compiled table for
//! every later command on it ([`add_terms`]); a concept id the table has already gains the
//! new words.

use hashbrown::HashMap;
use std::sync::OnceLock;

use crate::analysis::{fold_diacritics, stem_english, stem_lithuanian};

const TABLE: &str = include_str!("../../data/glossary.tsv");

/// The file beside the index that keeps a user's term pairs.
pub const FILE_NAME: &str = "glossary.tsv";

/// A user's term pairs, added to [`TABLE`] ([`add_terms`]).
static EXTRA: OnceLock<&'static str> = OnceLock::new();

/// A line of a user's glossary that is not a term pair.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {number} is not `concept<TAB>English words<TAB>Lithuanian words`: {line:?}")]
pub struct BadLine {
    /// The line's number, from 1.
    pub number: usize,
    /// The line as written.
    pub line: String,
}

/// Checks a user's glossary: the first line that is not a term pair, if any.
pub fn check(text: &str) -> Result<(), BadLine> {
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let words = |column: &str| column.split(',').any(|w| !w.trim().is_empty());
        if columns.len() != 3
            || columns[0].trim().is_empty()
            || !words(columns[1])
            || !words(columns[2])
        {
            return Err(BadLine {
                number: number + 1,
                line: line.to_string(),
            });
        }
    }
    Ok(())
}

/// Adds a user's term pairs (checked by [`check`]) to the glossary; false when the glossary
/// was in use already (it is read once a process).
pub fn add_terms(text: String) -> bool {
    let text: &'static str = Box::leak(text.into_boxed_str());
    EXTRA.set(text).is_ok() && GLOSSARY.get().is_none()
}

/// A fingerprint of the user's term pairs, `None` without any: features made with other
/// term pairs are made again.
pub fn fingerprint() -> Option<String> {
    EXTRA
        .get()
        .map(|text| format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes())))
}

/// Concepts that are kinds of organisation. Writers translate these loosely (a
/// `draugija`, literally a society, is often an `Association` in English), so one side's
/// kind missing on the other says nothing against a pair, unlike a topic (`music` against
/// `sports`).
const ORGANISATION_KINDS: &[&str] = &[
    "municipality",
    "association",
    "society",
    "union",
    "hospital",
    "festival",
    "council",
    "centre",
    "library",
    "museum",
    "university",
    "college",
    "school",
    "theatre",
    "foundation",
    "organisation",
    "institute",
    "agency",
    "network",
    "club",
    "church",
    "academy",
    "department",
    "division",
    "office",
    "community",
];

/// Whether the concept `id` is a kind of organisation ([`ORGANISATION_KINDS`]).
pub fn is_organisation_kind(id: &str) -> bool {
    ORGANISATION_KINDS.contains(&id)
}

/// One concept with its words in both languages.
#[derive(Debug, Clone)]
pub struct Concept {
    /// The concept's id (its English name).
    pub id: &'static str,
    /// The first English word, for evidence.
    pub english: &'static str,
    /// The first Lithuanian word, for evidence.
    pub lithuanian: &'static str,
}

struct Glossary {
    concepts: Vec<Concept>,
    /// Each concept's English and Lithuanian words, as listed.
    words: Vec<(Vec<&'static str>, Vec<&'static str>)>,
    /// Folded word or stem → index into `concepts`.
    keys: HashMap<String, usize>,
    /// The same from the folded words only ([`folded_keys`]), for search.
    folded: HashMap<String, usize>,
}

static GLOSSARY: OnceLock<Glossary> = OnceLock::new();

fn glossary() -> &'static Glossary {
    GLOSSARY.get_or_init(|| {
        let mut concepts: Vec<Concept> = Vec::new();
        let mut listed: Vec<(Vec<&'static str>, Vec<&'static str>)> = Vec::new();
        let mut keys = HashMap::new();
        let mut folded = HashMap::new();
        let extra = EXTRA.get().copied().unwrap_or("");
        for line in TABLE
            .lines()
            .chain(extra.lines())
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let mut columns = line.split('\t');
            let (Some(id), Some(english), Some(lithuanian)) =
                (columns.next(), columns.next(), columns.next())
            else {
                continue;
            };
            let id = id.trim();
            let words =
                |list: &'static str| list.split(',').map(str::trim).filter(|w| !w.is_empty());
            let index = concepts.iter().position(|c| c.id == id).unwrap_or_else(|| {
                concepts.push(Concept {
                    id,
                    english: words(english).next().unwrap_or(id),
                    lithuanian: words(lithuanian).next().unwrap_or(id),
                });
                concepts.len() - 1
            });
            listed.resize_with(concepts.len(), Default::default);
            listed[index].0.extend(words(english));
            listed[index].1.extend(words(lithuanian));
            for word in words(english).chain(words(lithuanian)) {
                for key in word_keys(word) {
                    keys.entry(key).or_insert(index);
                }
                for key in folded_keys(word) {
                    folded.entry(key).or_insert(index);
                }
            }
        }
        Glossary {
            concepts,
            words: listed,
            keys,
            folded,
        }
    })
}

/// The keys under which a word is looked up: folded, and folded stems in both languages.
fn word_keys(word: &str) -> [String; 3] {
    let lower = word.to_lowercase();
    [
        fold_diacritics(&lower),
        fold_diacritics(&stem_english(&lower)),
        fold_diacritics(&stem_lithuanian(&lower)),
    ]
}

/// The keys of a word without its diacritics: folded, and the stems of the folded word, so
/// a word gives the same keys however it is typed. (Pairing keeps [`word_keys`]: stems
/// read from the diacritics tell more partner-name words apart.)
fn folded_keys(word: &str) -> [String; 3] {
    let folded = fold_diacritics(&word.to_lowercase());
    [stem_english(&folded), stem_lithuanian(&folded), folded]
}

/// The concept a single word (any case, any inflection) names, if the glossary has it.
pub fn concept_of(word: &str) -> Option<&'static Concept> {
    let glossary = glossary();
    word_keys(word)
        .iter()
        .find_map(|key| glossary.keys.get(key))
        .map(|&index| &glossary.concepts[index])
}

/// The words of the concept a single word names (however it is typed), English then
/// Lithuanian, and whether the word is one of the Lithuanian ones (`None`: the glossary
/// does not have it).
pub fn words_of(word: &str) -> Option<(&'static [&'static str], &'static [&'static str], bool)> {
    let glossary = glossary();
    let keys = folded_keys(word);
    let index = *keys.iter().find_map(|key| glossary.folded.get(key))?;
    let (english, lithuanian) = &glossary.words[index];
    let is_lithuanian = !english
        .iter()
        .any(|w| folded_keys(w).iter().any(|k| keys.contains(k)));
    Some((english, lithuanian, is_lithuanian))
}

/// The concept with this id.
/// Every concept with its English and its Lithuanian words, as listed (the built-in table
/// and any `--glossary` terms), for other engines' synonym lists.
pub fn all_words() -> Vec<(
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
)> {
    let glossary = glossary();
    glossary
        .concepts
        .iter()
        .zip(&glossary.words)
        .map(|(concept, (english, lithuanian))| (concept.id, &english[..], &lithuanian[..]))
        .collect()
}

pub fn concept(id: &str) -> Option<&'static Concept> {
    glossary().concepts.iter().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_lithuanian_and_english_words_meet() {
        let id = |w| concept_of(w).map(|c| c.id);
        assert_eq!(id("savivaldybė"), Some("municipality"));
        assert_eq!(id("Savivaldybės"), Some("municipality"));
        assert_eq!(id("Municipality"), Some("municipality"));
        assert_eq!(id("ligoninės"), Some("hospital"));
        assert_eq!(id("Hospital"), Some("hospital"));
        assert_eq!(id("festivalis"), Some("festival"));
        assert_eq!(id("Festival"), Some("festival"));
        assert_eq!(id("draugija"), Some("society"));
        assert_eq!(id("Bergen"), None);
        assert_eq!(concept("library").map(|c| c.lithuanian), Some("biblioteka"));
    }
}
