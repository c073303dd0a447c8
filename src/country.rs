//! Country names: one English name per country, whatever language a report used.
//!
//! The table is `data/countries.tsv`, compiled in. Matching folds case and diacritics and
//! also accepts Lithuanian inflected forms (`Norvegijos`, `Norvegijoje`) through the
//! Lithuanian stemmer, so `--country norvegijos` filters like `--country Norway`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::analysis::{fold_diacritics, stem_lithuanian};

const TABLE: &str = include_str!("../data/countries.tsv");

struct Country {
    english: &'static str,
    /// The other names as written: the Lithuanian one first, then native ones.
    others: Vec<&'static str>,
    /// Folded names and folded Lithuanian stems that mean this country.
    keys: Vec<String>,
}

fn countries() -> &'static [Country] {
    static COUNTRIES: OnceLock<Vec<Country>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        TABLE
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .filter_map(|line| {
                let (english, others) = line.split_once('\t')?;
                let mut keys = vec![fold_key(english)];
                for name in others.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    keys.push(fold_key(name));
                    keys.push(stem_key(name));
                    // Typed without diacritics, an inflected name stems as its folded form.
                    keys.push(stem_key(&fold_key(name)));
                }
                let others: Vec<&str> = others
                    .split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .collect();
                Some(Country {
                    english,
                    others,
                    keys,
                })
            })
            .collect()
    })
}

fn fold_key(name: &str) -> String {
    fold_diacritics(&name.trim().to_lowercase())
}

fn stem_key(name: &str) -> String {
    fold_diacritics(&stem_lithuanian(&name.trim().to_lowercase()))
}

/// Every key of the table, with the first country (in table order) that has it.
fn key_index() -> &'static HashMap<&'static str, usize> {
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = HashMap::new();
        for (at, country) in countries().iter().enumerate() {
            for key in &country.keys {
                index.entry(key.as_str()).or_insert(at);
            }
        }
        index
    })
}

/// Words of a country's formal name around its short name (`Kingdom of Norway`), folded.
const FORMAL_WORDS: &[&str] = &["kingdom", "republic", "principality", "of", "the"];
/// The same in Lithuanian (`Norvegijos Karalystė`, `Lichtenšteino Kunigaikštystė`),
/// folded and without their case endings, so every case form counts.
const FORMAL_STEMS: &[&str] = &["karalyst", "respublik", "kunigaikstyst"];

/// Whether `word` is a word of a formal name ([`FORMAL_WORDS`], [`FORMAL_STEMS`]).
fn is_formal_word(word: &str) -> bool {
    let folded = fold_key(word);
    FORMAL_WORDS.contains(&folded.as_str())
        || FORMAL_STEMS
            .iter()
            .any(|stem| folded.starts_with(stem) && folded.len() - stem.len() <= 3)
}

/// The English name of the country `name` denotes, if the table knows it: the first
/// country in the table with `name`'s folded form or folded Lithuanian stem as a key, or,
/// for a formal name (`Republic of Iceland`, `Islandijos Respublikoje`), the country its
/// one other word denotes. (Called for every partner word at ingest, hence the index.)
pub fn normalize(name: &str) -> Option<&'static str> {
    normalize_short(name).or_else(|| normalize_formal(name))
}

/// [`normalize`] of a formal name: the country the words other than [`FORMAL_WORDS`]
/// denote, when there is one such word and at least one formal word.
fn normalize_formal(name: &str) -> Option<&'static str> {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return None;
    }
    let (formal, rest): (Vec<&str>, Vec<&str>) = words.iter().partition(|w| is_formal_word(w));
    match (formal.is_empty(), rest.as_slice()) {
        (false, [short]) => normalize_short(short),
        _ => None,
    }
}

/// [`normalize`] of a name as the table lists it (any case form).
fn normalize_short(name: &str) -> Option<&'static str> {
    let folded = fold_key(name);
    if folded.is_empty() {
        return None;
    }
    let stemmed = stem_key(name);
    let index = key_index();
    let first = match (index.get(folded.as_str()), index.get(stemmed.as_str())) {
        (Some(a), Some(b)) => Some(*a.min(b)),
        (a, b) => a.or(b).copied(),
    };
    first.map(|at| countries()[at].english)
}

/// The Lithuanian name of the country whose English name is `english`.
pub fn lithuanian_name(english: &str) -> Option<&'static str> {
    other_names(english).first().copied()
}

/// The names other than English by which `english` is known, as written: the
/// Lithuanian one first, then native ones (`Norvegija`, `Norge`, `Noreg`).
pub fn other_names(english: &str) -> &'static [&'static str] {
    countries()
        .iter()
        .find(|c| c.english == english)
        .map_or(&[], |c| c.others.as_slice())
}

/// Every known English country name.
pub fn english_names() -> impl Iterator<Item = &'static str> {
    countries().iter().map(|c| c.english)
}

/// Every name (English and others) by which `english` is known, folded.
pub fn folded_names(english: &str) -> Vec<String> {
    countries()
        .iter()
        .filter(|c| c.english == english)
        .flat_map(|c| c.keys.iter().cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lithuanian_and_english_names_normalise_to_english() {
        assert_eq!(normalize("Norvegija"), Some("Norway"));
        assert_eq!(normalize("Norway"), Some("Norway"));
        assert_eq!(normalize("norvegijos"), Some("Norway"));
        assert_eq!(normalize("Islandija"), Some("Iceland"));
        assert_eq!(normalize("Lichtenšteinas"), Some("Liechtenstein"));
        assert_eq!(normalize("lichtensteinas"), Some("Liechtenstein"));
        assert_eq!(normalize(" ICELAND "), Some("Iceland"));
        assert_eq!(normalize("Atlantis"), None);
        assert_eq!(lithuanian_name("Norway"), Some("Norvegija"));
        assert_eq!(normalize(""), None);
    }

    #[test]
    fn formal_names_in_both_languages_and_every_case_normalise() {
        for (name, english) in [
            ("Norvegijos Karalystė", "Norway"),
            ("Norvegijos Karalystėje", "Norway"),
            ("Islandijos Respublika", "Iceland"),
            ("Islandijos Respublikos", "Iceland"),
            ("Lichtenšteino Kunigaikštystė", "Liechtenstein"),
            ("Lichtensteino kunigaikstystes", "Liechtenstein"),
            ("Kingdom of Norway", "Norway"),
            ("the Republic of Iceland", "Iceland"),
            ("Principality of Liechtenstein", "Liechtenstein"),
            ("Norvegijoje", "Norway"),
            ("Islandijoje", "Iceland"),
        ] {
            assert_eq!(normalize(name), Some(english), "{name}");
        }
        for name in [
            "Kingdom",
            "Republic of Atlantis",
            "Norway and Iceland",
            "Kingdom Come",
        ] {
            assert_eq!(normalize(name), None, "{name}");
        }
    }
}
