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

#[test]
fn a_place_in_either_language_finds_the_same_records() {
    let scratch = realistic_index();
    for (one, other) in [
        ("Reikjavikas", "Reykjavík"),
        ("Reikjaviko", "Reykjavik"),
        ("Olesundas", "Ålesund"),
        ("Kopavogas", "Kópavogur"),
        ("Norvegijoje", "Norway"),
    ] {
        let ids = |word: &str| {
            let mut ids = hit_ids(&scratch.json(&["search", word, "-n", "1000"]));
            ids.sort();
            ids
        };
        let found = ids(one);
        assert!(!found.is_empty(), "{one}");
        assert_eq!(ids(other), found, "{one} / {other}");
    }
}

#[test]
fn a_query_reaches_the_other_languages_records_and_says_what_it_added() {
    let scratch = Scratch::new();
    // `Norway --lang lt`: Lithuanian records say `Norvegijoje`, `Norvegijos`.
    let results = scratch.json(&["search", "Norway", "--lang", "lt"]);
    assert_eq!(
        results["expanded"],
        serde_json::json!([{"word": "Norway", "also": ["Norvegija"], "from": "country"}])
    );
    assert_eq!(results["total"], 3, "{results}");
    for hit in results["hits"].as_array().unwrap() {
        let matched = hit["matched"].as_array().unwrap();
        assert!(
            matched
                .iter()
                .all(|m| m.as_str().unwrap().starts_with("Norvegij")),
            "{hit}"
        );
    }
    // Topic words through the glossary, whether or not the records are paired.
    let run = scratch.ok(&["search", "mental health", "--lang", "lt", "-n", "1"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "also searched: psichikos, psichinis, sveikata");
    assert_eq!(
        lines[2],
        "1. 001_aa89047c32f4e6b6.txt#1  [lt] initiative  score 4.15"
    );
    assert!(
        lines.contains(&"    matched: Psichikos, sveikatos"),
        "{run}"
    );
    // Words already in the language asked for, or no language asked for: nothing added.
    for args in [
        &["search", "sveikata", "--lang", "lt"][..],
        &["search", "mental health"],
        &["search", "mental health", "--lang", "lt", "--no-translate"],
    ] {
        let results = scratch.json(args);
        assert_eq!(results["expanded"], serde_json::json!([]), "{args:?}");
    }
    assert_eq!(
        scratch.json(&["search", "mental health", "--lang", "lt", "--no-translate"])["total"],
        0
    );
    // `--translate` asks for it without a language.
    let results = scratch.json(&["search", "mental health", "--translate"]);
    assert_eq!(
        results["expanded"].as_array().unwrap().len(),
        2,
        "{results}"
    );
    assert_eq!(results["total"], 2, "{results}");
}
