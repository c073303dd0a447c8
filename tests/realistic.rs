//! Report lists written by hand as real writers write them (`tests/data/*/`): translated
//! and inflected partner names, plans that moved by a day, month-name dates, formal
//! country names, decoys. Each set has its truth beside it (`truth.tsv`, `periods.tsv`,
//! `countries.tsv`), and the real binary must read and pair it: precision ≥ 0.98, recall
//! ≥ 0.95, every period and country as a careful reader reads it.
//!
//! `handwritten` was written while pairing was being improved; `heldout`, `fresh` and
//! `fresh2` were each written later by a hand that saw no code, and measured before
//! anything was changed for them (BENCHMARKS.md keeps that first figure), so each new one
//! checks the improvements on lists nobody tuned them to.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;

use crate::util::{pair_ids, Scratch};

/// The folder of a test set.
fn set_dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The rows of a truth file (`#` lines are comments), split at tabs.
fn rows(name: &str, file: &str) -> Vec<Vec<String>> {
    let path = set_dir(name).join(file);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split('\t').map(str::to_string).collect())
        .collect()
}

/// Indexes a set and returns the scratch directory holding the index.
fn indexed(name: &str) -> (Scratch, Value) {
    let scratch = Scratch::new();
    let dir = set_dir(name);
    let report = scratch.json(&["index", dir.to_str().unwrap()]);
    (scratch, report)
}

/// Precision and recall of `pairs` against `truth.tsv`, with the mistakes for the message.
fn pairing_quality(name: &str) -> (f64, f64, String) {
    let (scratch, _) = indexed(name);
    let view = scratch.json(&["pairs"]);
    let found: BTreeSet<(String, String)> = pair_ids(&view).into_iter().collect();
    let truth: BTreeSet<(String, String)> = rows(name, "truth.tsv")
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect();
    let correct = found.intersection(&truth).count() as f64;
    let mistakes = format!(
        "wrong: {:?}\nmissed: {:?}",
        found.difference(&truth).collect::<Vec<_>>(),
        truth.difference(&found).collect::<Vec<_>>()
    );
    (
        correct / found.len().max(1) as f64,
        correct / truth.len().max(1) as f64,
        mistakes,
    )
}

fn assert_pairs_well(name: &str) {
    assert_pairs_at_least(name, 0.98, 0.95);
}

fn assert_pairs_at_least(name: &str, min_precision: f64, min_recall: f64) {
    let (precision, recall, mistakes) = pairing_quality(name);
    eprintln!("{name}: precision {precision:.3} recall {recall:.3}");
    assert!(
        precision >= min_precision,
        "{name}: precision {precision}\n{mistakes}"
    );
    assert!(recall >= min_recall, "{name}: recall {recall}\n{mistakes}");
}

/// Every record's period and partner countries, as `export --ndjson` reads them.
fn read_fields(name: &str) -> BTreeMap<String, (String, String)> {
    let scratch = Scratch::new();
    let dir = set_dir(name);
    let run = scratch.ok(&["export", "--ndjson", dir.to_str().unwrap()]);
    run.stdout
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).unwrap();
            let period = match &record["period"] {
                Value::Null => "none".to_string(),
                p => format!(
                    "{}..{}",
                    p["start"].as_str().unwrap(),
                    p["end"].as_str().unwrap()
                ),
            };
            let countries: Vec<&str> = record["partners"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["country"].as_str().unwrap_or("?"))
                .collect();
            (
                record["id"].as_str().unwrap().to_string(),
                (period, countries.join(",")),
            )
        })
        .collect()
}

fn assert_reads_periods_and_countries(name: &str) {
    let read = read_fields(name);
    let periods = rows(name, "periods.tsv");
    let countries = rows(name, "countries.tsv");
    assert_eq!(read.len(), periods.len(), "{name}: records read and listed");
    let mut wrong = Vec::new();
    for row in &periods {
        let expected = format!("{}..{}", row[1], row[2]);
        let got = &read.get(&row[0]).map(|r| r.0.clone()).unwrap_or_default();
        if *got != expected {
            wrong.push(format!(
                "{} {:?}: read {got}, expected {expected}",
                row[0], row[3]
            ));
        }
    }
    for row in &countries {
        let got = &read.get(&row[0]).map(|r| r.1.clone()).unwrap_or_default();
        if *got != row[1] {
            wrong.push(format!("{}: countries {got}, expected {}", row[0], row[1]));
        }
    }
    assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
    // Every period and country read, so indexing warns of nothing.
    let (_, report) = indexed(name);
    assert_eq!(report["warnings"], serde_json::json!([]), "{report}");
}

#[test]
fn handwritten_lists_pair_with_precision_098_and_recall_095() {
    assert_pairs_well("handwritten");
}

#[test]
fn handwritten_lists_have_every_period_and_country_read_as_written() {
    assert_reads_periods_and_countries("handwritten");
}

#[test]
fn what_cannot_be_read_is_left_empty_with_a_warning_naming_record_and_text() {
    let scratch = Scratch::new();
    scratch.write(
        "lists/plans.txt",
        "Partneris: Bergeno savivaldybė (Norvegija)\n\nSantrauka:\n\nBus aptartas bendradarbiavimas.\n\nĮgyvendinimo periodas: 2021 m. Movember 8–12 d.\n\n\
         Partneris: Atlantidos biblioteka (Atlantida)\n\nSantrauka:\n\nBus aptarta.\n\nĮgyvendinimo periodas: 12–8 November 2021\n\n\
         Partneris: Oslo jaunimo taryba (Norvegija)\n\nSantrauka:\n\nBus aptarta.\n\nĮgyvendinimo periodas: 8–12 November 2021\n",
    );
    let report = scratch.json(&["index", "lists"]);
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert_eq!(
        warnings,
        vec![
            "plans.txt#1: implementation period \"2021 m. Movember 8–12 d.\" not read: not a date form bireport reads",
            "plans.txt#2: partner \"Atlantidos biblioteka (Atlantida)\": \"Atlantida\" is no country bireport knows",
            "plans.txt#2: implementation period \"12–8 November 2021\" not read: the end comes before the start",
        ]
    );
    let show = |id: &str| scratch.json(&["show", id]);
    assert_eq!(show("plans.txt#1")["period"], Value::Null);
    assert_eq!(show("plans.txt#2")["period"], Value::Null);
    assert_eq!(show("plans.txt#2")["country"], Value::Null);
    assert_eq!(
        show("plans.txt#3")["period"],
        serde_json::json!({"start": "2021-11-08", "end": "2021-11-12"})
    );
    assert_eq!(show("plans.txt#3")["warnings"], Value::Null);
    assert_eq!(
        show("plans.txt#1")["warnings"][0],
        "implementation period \"2021 m. Movember 8–12 d.\" not read: not a date form bireport reads"
    );
}

#[test]
fn heldout_lists_pair_with_precision_098_and_recall_095() {
    assert_pairs_well("heldout");
}

#[test]
fn heldout_lists_have_every_period_and_country_read_as_written() {
    assert_reads_periods_and_countries("heldout");
}

/// `fresh` and `fresh2` were written after `heldout`, each by a hand that saw no code.
/// Their recall does not reach the target yet: trips moved by a week or more, and a name
/// written as an acronym on one side only (BENCHMARKS.md). These hold what they reach.
#[test]
fn fresh_lists_pair_with_precision_098_and_recall_090() {
    assert_pairs_at_least("fresh", 0.98, 0.90);
}

#[test]
fn fresh_lists_have_every_period_and_country_read_as_written() {
    assert_reads_periods_and_countries("fresh");
}

#[test]
fn fresh2_lists_pair_with_precision_098_and_recall_085() {
    assert_pairs_at_least("fresh2", 0.98, 0.85);
}

#[test]
fn fresh2_lists_have_every_period_and_country_read_as_written() {
    assert_reads_periods_and_countries("fresh2");
}

/// A visit held a week after the plan (`culture_lt.txt#7`, a museum in Vaduz) is not paired
/// by the machine, but offered to a person as the first candidate, saying how it moved.
#[test]
fn a_visit_moved_by_a_week_is_offered_as_a_candidate_not_paired() {
    let (scratch, _) = indexed("fresh2");
    let view = scratch.json(&["counterpart", "culture_lt.txt#7"]);
    assert_eq!(view["counterpart"], Value::Null, "{view}");
    let best = &view["candidates"][0];
    assert_eq!(best["id"], "culture_en.txt#12", "{view}");
    assert_eq!(best["evidence"][0]["kind"], "period_moved");
    assert_eq!(best["evidence"][0]["days"], 7);
    assert_eq!(
        best["evidence"][0]["text"],
        "period moved 7 days later: planned 2023-03-20..2023-03-24, reported 2023-03-27..2023-03-31"
    );
    assert!(
        best["missing"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "the periods share no day"),
        "{view}"
    );
}
