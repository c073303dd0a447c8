//! The same answer however a word is typed: with or without diacritics, in every language,
//! on reports the analysis was not written for (the hand-written and held-out sets).

use std::collections::BTreeSet;

use crate::util::{hit_ids, Scratch};

/// An index of the hand-written and held-out report sets.
fn realistic_index() -> Scratch {
    let scratch = Scratch::new();
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    scratch.ok(&[
        "index",
        &format!("{data}/handwritten"),
        &format!("{data}/heldout"),
    ]);
    scratch
}

/// Every word with a letter outside ASCII in the sets' files, longer than three letters.
fn words_with_diacritics() -> BTreeSet<String> {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    let mut words = BTreeSet::new();
    for set in ["handwritten", "heldout"] {
        for entry in std::fs::read_dir(format!("{data}/{set}")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
            for word in text.split(|c: char| !c.is_alphabetic()) {
                if !word.is_ascii() && word.chars().count() > 3 {
                    words.insert(word.to_string());
                }
            }
        }
    }
    words
}

fn ids(scratch: &Scratch, query: &str) -> Vec<String> {
    let mut ids = hit_ids(&scratch.json(&["search", query, "-n", "1000"]));
    ids.sort();
    ids
}

#[test]
fn a_word_typed_without_its_diacritics_finds_the_same_records() {
    let scratch = realistic_index();
    let words = words_with_diacritics();
    assert!(words.len() > 300, "{}", words.len());
    let mut unfound = Vec::new();
    for word in &words {
        let typed = bireport::analysis::fold_diacritics(word);
        let found = ids(&scratch, word);
        if found.is_empty() {
            unfound.push(word.as_str());
        }
        assert_eq!(ids(&scratch, &typed), found, "{word} / {typed}");
    }
    // Words that are only in a partner's country (`Norvegijos Karalystė`) are facets,
    // not text; every other word is found.
    assert!(unfound.len() * 50 < words.len(), "not found: {unfound:?}");
}

#[test]
fn names_of_places_are_found_however_they_are_typed() {
    let scratch = realistic_index();
    for (written, typed, lang) in [
        ("Tromsø", "Tromso", "lt"),
        ("Tromsø", "Tromso", "en"),
        ("Bodø", "Bodo", "en"),
        ("Kópavogur", "Kopavogur", "en"),
        ("Reykjavík", "Reykjavik", "en"),
        ("bendruomenių", "bendruomeniu", "lt"),
    ] {
        let with = hit_ids(&scratch.json(&["search", written, "--lang", lang, "-n", "100"]));
        let without = hit_ids(&scratch.json(&["search", typed, "--lang", lang, "-n", "100"]));
        assert!(!with.is_empty(), "{written} --lang {lang}");
        assert_eq!(with, without, "{written} / {typed} --lang {lang}");
    }
}
