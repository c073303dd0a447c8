//! A person's corrections to pairing: `pairs link`, `pairs unlink`, `pairs --review`, and
//! the candidates `counterpart` lists for a record left unpaired; decisions survive
//! re-indexing and `--rebuild`.

use serde_json::Value;

use crate::assert_contains;
use crate::util::Scratch;

const LT: &str = "Partneris: Trondheimo Raudonojo Kryžiaus skyrius (Norvegija)\n\nSantrauka:\n\n\
    Vizito metu bus aptartas savanorių rengimas.\n\nĮgyvendinimo periodas: 04/10-08/10 2021\n\n\
    Partneris: Bergeno miesto biblioteka (Norvegija)\n\nSantrauka:\n\n\
    Bus aptartos skaitymo skatinimo programos.\n\nĮgyvendinimo periodas: 2021 m. lapkričio 8–12 d.\n";
const EN: &str =
    "Partner: Trondheim Red Cross Branch (Norway)\n\nMain results of the initiative:\n\n\
    Volunteer training in Trondheim was discussed.\n\nImplementation period: 05/10-08/10 2021\n\n\
    Partner: Stavanger Public Library (Norway)\n\nMain results of the initiative:\n\n\
    Reading programmes were presented.\n\nImplementation period: 8–12 November 2021\n";

fn indexed() -> Scratch {
    let scratch = Scratch::new();
    scratch.write("lists/lt.txt", LT);
    scratch.write("lists/en.txt", EN);
    scratch.ok(&["index", "lists"]);
    scratch
}

/// The (lt, en, first evidence line) of every pair.
fn pairs(scratch: &Scratch) -> Vec<(String, String, String)> {
    scratch.json(&["pairs"])["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["lt"]["id"].as_str().unwrap().to_string(),
                p["en"]["id"].as_str().unwrap().to_string(),
                p["evidence"][0]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pair(lt: &str, en: &str, first: &str) -> (String, String, String) {
    (lt.to_string(), en.to_string(), first.to_string())
}

#[test]
fn a_shifted_translated_pair_is_made_and_different_towns_are_not() {
    let scratch = indexed();
    assert_eq!(
        pairs(&scratch),
        vec![pair(
            "lt.txt#1",
            "en.txt#1",
            "period overlaps 4 of 5 days: 2021-10-04..2021-10-08 and 2021-10-05..2021-10-08"
        )]
    );
    // Bergen against Stavanger: same week, same country, different towns.
    let view = scratch.json(&["counterpart", "lt.txt#2"]);
    assert_eq!(view["counterpart"], Value::Null);
    let candidates = view["candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 1, "{view}");
    assert_eq!(candidates[0]["id"], "en.txt#2");
    let missing: Vec<&str> = candidates[0]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        vec![
            "0.07 below the threshold 0.55",
            "the Lithuanian partner name has Bergen, the English one does not",
        ],
        "{view}"
    );
    assert_eq!(
        scratch.ok(&["counterpart", "lt.txt#2"]).stdout,
        "lt.txt#2 has no counterpart in the other language.\n\
         Closest candidates:\n\
         \x20 en.txt#2  score 0.48\n\
         \x20   + same period 2021-11-08..2021-11-12\n\
         \x20   + country Norway = Norvegija\n\
         \x20   + glossary: biblioteka = library\n\
         \x20   - 0.07 below the threshold 0.55\n\
         \x20   - the Lithuanian partner name has Bergen, the English one does not\n\
         \n\
         lt.txt#2 [lt]\n\
         Bergeno miesto biblioteka\n\
         Norway\n\
         2021-11-08..2021-11-12\n\
         \n\
         Santrauka\n\
         Bus aptartos skaitymo skatinimo programos.\n"
    );
}

#[test]
fn links_and_unlinks_hold_across_reindexing_and_rebuild() {
    let scratch = indexed();
    assert_eq!(
        scratch
            .ok(&["pairs", "link", "en.txt#2", "lt.txt#2"])
            .stdout,
        "linked lt.txt#2 and en.txt#2; 2 pairs in index\n"
    );
    let linked = scratch.json(&["pairs", "link", "en.txt#2", "lt.txt#2"]);
    assert_eq!(
        linked,
        serde_json::json!({"action": "link", "lt": "lt.txt#2", "en": "en.txt#2", "changed": false, "pairs": 2})
    );
    let unlinked = scratch.ok(&["pairs", "unlink", "lt.txt#1", "en.txt#1"]);
    assert_eq!(
        unlinked.stdout,
        "unlinked lt.txt#1 and en.txt#1; 1 pairs in index\n"
    );
    let expected = vec![pair("lt.txt#2", "en.txt#2", "linked by hand")];
    assert_eq!(pairs(&scratch), expected);
    // The unlinked pair is a candidate that says why it is not a pair.
    let view = scratch.json(&["counterpart", "lt.txt#1"]);
    assert_eq!(view["candidates"][0]["id"], "en.txt#1");
    assert_contains!(
        view["candidates"][0]["missing"].to_string(),
        "unlinked by hand"
    );
    // Re-indexing, with and without changes, and rebuilding keep both decisions.
    scratch.ok(&["index", "lists"]);
    assert_eq!(pairs(&scratch), expected);
    scratch.write("lists/en.txt", format!("{EN}\n"));
    scratch.ok(&["index", "lists"]);
    assert_eq!(pairs(&scratch), expected);
    scratch.ok(&["index", "--rebuild", "lists"]);
    assert_eq!(pairs(&scratch), expected);
    // The same decision again changes nothing; linking the machine's pair again restores it.
    let again = scratch.json(&["pairs", "unlink", "en.txt#1", "lt.txt#1"]);
    assert_eq!(again["changed"], false);
    scratch.ok(&["pairs", "link", "lt.txt#1", "en.txt#1"]);
    assert_eq!(
        pairs(&scratch),
        vec![
            pair("lt.txt#1", "en.txt#1", "linked by hand"),
            pair("lt.txt#2", "en.txt#2", "linked by hand"),
        ]
    );
}

#[test]
fn a_link_needs_one_record_of_each_language_and_ids_that_exist() {
    let scratch = indexed();
    let run = scratch.fails(&["pairs", "link", "lt.txt#1", "lt.txt#2"], 2);
    assert_contains!(
        run.stderr,
        "a pair is a Lithuanian and an English record; these are [lt] and [lt]"
    );
    let run = scratch.fails(&["pairs", "link", "lt.txt#1", "en.txt#9"], 2);
    assert_contains!(run.stderr, "no record with id \"en.txt#9\"");
    assert!(!scratch.path().join("index/decisions.tsv").exists());
}

#[test]
fn review_lists_thin_pairs_and_the_best_rejected_candidates() {
    let scratch = indexed();
    let review = scratch.json(&["pairs", "--review"]);
    let ids = |part: &str| -> Vec<(String, String)> {
        review[part]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["lt"].as_str().unwrap().into(),
                    i["en"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    assert_eq!(ids("near"), vec![("lt.txt#1".into(), "en.txt#1".into())]);
    assert_eq!(
        ids("rejected"),
        vec![("lt.txt#2".into(), "en.txt#2".into())]
    );
    assert_eq!(
        scratch.ok(&["pairs", "--review"]).stdout,
        "Pairs near the threshold: 1\n\
         \x20 lt.txt#1  ↔  en.txt#1  score 0.37\n\
         \x20   + period overlaps 4 of 5 days: 2021-10-04..2021-10-08 and 2021-10-05..2021-10-08\n\
         \x20   + country Norway = Norvegija\n\
         \x20   + partner names both name \"Trondheim\" = \"Trondheimas\"\n\
         \x20   + each is the other's only candidate in this period and country (thin evidence)\n\
         Best rejected candidates: 1\n\
         \x20 lt.txt#2  ↔  en.txt#2  score 0.48\n\
         \x20   + same period 2021-11-08..2021-11-12\n\
         \x20   + country Norway = Norvegija\n\
         \x20   + glossary: biblioteka = library\n\
         \x20   - 0.07 below the threshold 0.55\n\
         \x20   - the Lithuanian partner name has Bergen, the English one does not\n\
         confirm with `bireport pairs link LT_ID EN_ID`, reject with `bireport pairs unlink LT_ID EN_ID`\n"
    );
}
