//! The bilingual glossary (`data/glossary.tsv`): which English and Lithuanian words name
//! the same thing (`savivaldybė` = `municipality`), so partner names compare across
//! languages. Words match after folding case and diacritics, directly or by their stems.

use hashbrown::HashMap;
use std::sync::OnceLock;

use crate::analysis::{fold_diacritics, stem_english, stem_lithuanian};

const TABLE: &str = include_str!("../../data/glossary.tsv");

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
    /// Folded word or stem → index into `concepts`.
    keys: HashMap<String, usize>,
}

fn glossary() -> &'static Glossary {
    static GLOSSARY: OnceLock<Glossary> = OnceLock::new();
    GLOSSARY.get_or_init(|| {
        let mut concepts = Vec::new();
        let mut keys = HashMap::new();
        for line in TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let mut columns = line.split('\t');
            let (Some(id), Some(english), Some(lithuanian)) =
                (columns.next(), columns.next(), columns.next())
            else {
                continue;
            };
            let index = concepts.len();
            let words =
                |list: &'static str| list.split(',').map(str::trim).filter(|w| !w.is_empty());
            for word in words(english).chain(words(lithuanian)) {
                for key in word_keys(word) {
                    keys.entry(key).or_insert(index);
                }
            }
            concepts.push(Concept {
                id,
                english: words(english).next().unwrap_or(id),
                lithuanian: words(lithuanian).next().unwrap_or(id),
            });
        }
        Glossary { concepts, keys }
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

/// The concept a single word (any case, any inflection) names, if the glossary has it.
pub fn concept_of(word: &str) -> Option<&'static Concept> {
    let glossary = glossary();
    word_keys(word)
        .iter()
        .find_map(|key| glossary.keys.get(key))
        .map(|&index| &glossary.concepts[index])
}

/// The concept with this id.
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
