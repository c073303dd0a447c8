//! `bireport index` on files and folders of a user's own.

use crate::assert_contains;
use crate::util::{hit_ids, Scratch};

const EN_RECORD: &str = "Partner: Bergen Municipality (Norway)\n\nMain results of the initiative:\n\nThe visit to Bergen strengthened cooperation on youth libraries.\n\nImplementation period: 01/03-15/03 2021\n";
const LT_RECORD: &str = "Partneris: Bergeno savivaldybė (Norvegija)\n\nSantrauka:\n\nVizito Bergene metu bus stiprinamas jaunimo bibliotekų bendradarbiavimas ir dalijamasi gerąja patirtimi.\n\nĮgyvendinimo periodas: 2021-03-01 – 2021-03-15\n";

#[test]
fn folders_are_walked_recursively_with_sources_relative_to_the_root() {
    let scratch = Scratch::new();
    scratch.write("reports/en/bergen.txt", EN_RECORD);
    scratch.write("reports/lt/bergenas.md", LT_RECORD);
    scratch.write("reports/notes.pdf", "not a report");
    let report = scratch.json(&["index", "reports"]);
    assert_eq!(report["files"], 2);
    assert_eq!(report["records"], 2);
    let results = scratch.json(&["search", "*"]);
    let mut ids = hit_ids(&results);
    ids.sort();
    assert_eq!(ids, vec!["en/bergen.txt#1", "lt/bergenas.md#1"]);
    let lt = scratch.json(&["show", "lt/bergenas.md#1"]);
    assert_eq!(lt["lang"]["code"], "lt");
    assert_eq!(lt["country"], "Norway");
    assert_eq!(lt["period"]["start"], "2021-03-01");
    assert_eq!(lt["period"]["end"], "2021-03-15");
    // The embedded corpus is not in this index.
    assert_eq!(scratch.json(&["search", "sveikata"])["total"], 0);
}

#[test]
fn a_named_file_is_indexed_under_its_file_name_whatever_its_ending() {
    let scratch = Scratch::new();
    scratch.write("in/bergen.report", EN_RECORD);
    let report = scratch.json(&["index", "in/bergen.report"]);
    assert_eq!(report["records"], 1);
    assert_eq!(
        hit_ids(&scratch.json(&["search", "libraries"])),
        vec!["bergen.report#1"]
    );
}

#[test]
fn reindexing_replaces_the_previous_contents() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    assert_eq!(scratch.json(&["stats"])["records"], 11);
    scratch.write("mine/bergen.txt", EN_RECORD);
    scratch.ok(&["index", "mine"]);
    let stats = scratch.json(&["stats"]);
    assert_eq!(stats["records"], 1);
    assert_eq!(stats["files"], 1);
}

#[test]
fn bad_files_are_skipped_with_a_reason_and_the_rest_is_indexed() {
    let scratch = Scratch::new();
    scratch.write("r/good.txt", EN_RECORD);
    scratch.write("r/empty.txt", "");
    scratch.write("r/blank.txt", "  \n\t\n");
    scratch.write("r/binary.txt", b"\x00\x01\x02binary");
    let report = scratch.json(&["index", "r"]);
    assert_eq!(report["records"], 1);
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    let reason = |name: &str| {
        skipped
            .iter()
            .find(|s| s["path"].as_str().unwrap().ends_with(name))
            .map(|s| s["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{name} not skipped: {skipped:?}"))
    };
    assert_contains!(reason("empty.txt"), "empty");
    assert_contains!(reason("blank.txt"), "whitespace");
    assert_contains!(reason("binary.txt"), "binary");
    // Text mode names each skipped file on stderr and still exits 0 ...
    let run = scratch.ok(&["index", "r"]);
    assert_contains!(run.stderr, "binary.txt");
    assert_contains!(run.stdout, "3 files skipped");
    // ... unless --strict asks to fail.
    scratch.fails(&["index", "r", "--strict"], 1);
}

#[test]
fn the_size_limit_is_configurable() {
    let scratch = Scratch::new();
    scratch.write("r/big.txt", EN_RECORD.repeat(20));
    let report = scratch.json(&["index", "r", "--max-file-size", "100"]);
    assert_eq!(report["records"], 0);
    assert_contains!(
        report["skipped"][0]["reason"].as_str().unwrap(),
        "size limit"
    );
    assert_eq!(scratch.json(&["index", "r"])["records"], 20);
}
