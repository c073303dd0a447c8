//! Place names: the towns and municipalities partners are in, whatever language and case a
//! report writes them in (`Bergen`, `Bergeno`; `Tromsø`, `Tromsės`; `Triesen`, `Trizeno`).
//!
//! The table is `data/places.tsv`, compiled in. A word is looked up by its spelling key
//! ([`crate::pairing::spelling::skeleton`]), which removes case endings and maps both
//! spellings onto the same letters, so the table lists each place once per spelling, not
//! once per case form.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::analysis::fold_diacritics;
use crate::pairing::spelling::skeleton;

const TABLE: &str = include_str!("../data/places.tsv");

/// A place: its native name and its country's English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The name as the place writes it (`Tromsø`).
    pub name: &'static str,
    /// The country's English name.
    pub country: &'static str,
    /// The first other name the table lists, the Lithuanian one (`Tromsė`).
    pub lithuanian: &'static str,
    /// The table's names after the Lithuanian one, comma-separated: English and ASCII
    /// spellings (`Tromso`).
    pub spellings: &'static str,
}

impl Place {
    /// The English and ASCII spellings of the place's name besides its native name.
    pub fn other_spellings(&self) -> impl Iterator<Item = &'static str> {
        self.spellings
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
    }
}

/// The spelling key of a word, as the table's keys are made.
fn key(word: &str) -> String {
    fold_diacritics(&skeleton(&word.trim().to_lowercase()))
}

/// Spelling key → place.
fn places() -> &'static HashMap<String, Place> {
    static PLACES: OnceLock<HashMap<String, Place>> = OnceLock::new();
    PLACES.get_or_init(|| {
        let mut places = HashMap::new();
        for line in TABLE
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        {
            let mut columns = line.split('\t');
            let (Some(name), Some(country)) = (columns.next(), columns.next()) else {
                continue;
            };
            let others = columns.next().unwrap_or("");
            let lithuanian = others.split(',').next().map_or(name, str::trim);
            let place = Place {
                name,
                country,
                lithuanian,
                spellings: others.split_once(',').map_or("", |(_, rest)| rest),
            };
            for written in std::iter::once(name).chain(others.split(',')) {
                let written = written.trim();
                if !written.is_empty() {
                    places.entry(key(written)).or_insert(place);
                    // Typed without diacritics, a name's key is that of its folded form.
                    places
                        .entry(key(&fold_diacritics(written)))
                        .or_insert(place);
                }
            }
        }
        places
    })
}

/// The place whose name, as the table writes it, is `name` (a place concept of pairing).
pub fn named(name: &str) -> Option<Place> {
    static NAMES: OnceLock<HashMap<&'static str, Place>> = OnceLock::new();
    NAMES
        .get_or_init(|| places().values().map(|p| (p.name, *p)).collect())
        .get(name)
        .copied()
}

/// Whether `name` is a place's name as the table writes it.
pub fn is_place_name(name: &str) -> bool {
    named(name).is_some()
}

/// The place a single word names, in any case form or spelling the table covers.
pub fn of_word(word: &str) -> Option<Place> {
    if word.chars().count() < 3 {
        return None;
    }
    places().get(&key(word)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_read_in_both_languages_and_every_case() {
        for (written, name) in [
            ("Bergen", "Bergen"),
            ("Bergeno", "Bergen"),
            ("Bergene", "Bergen"),
            ("Tromsø", "Tromsø"),
            ("Tromsės", "Tromsø"),
            ("Tromso", "Tromsø"),
            ("Trizeno", "Triesen"),
            ("Triesen", "Triesen"),
            ("Reikjaviko", "Reykjavík"),
            ("Reykjavik", "Reykjavík"),
            ("Šano", "Schaan"),
            ("Vaduco", "Vaduz"),
            ("Olesundo", "Ålesund"),
            ("Hafnarfjörður", "Hafnarfjörður"),
            ("Kopavogo", "Kópavogur"),
        ] {
            assert_eq!(of_word(written).map(|p| p.name), Some(name), "{written}");
        }
        for word in ["Municipality", "savivaldybė", "Hugarafl", "Red", "ir", ""] {
            assert_eq!(of_word(word), None, "{word}");
        }
    }

    #[test]
    fn no_two_places_share_a_key() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for line in TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let mut columns = line.split('\t');
            let name = columns.next().unwrap();
            columns.next();
            for written in std::iter::once(name).chain(columns.next().unwrap_or("").split(',')) {
                if let Some(other) = seen.insert(key(written), name) {
                    assert_eq!(other, name, "{written} of {name} has the key of {other}");
                }
            }
        }
    }
}
