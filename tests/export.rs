//! `bireport export --ndjson`: one complete JSON record per line.

use serde_json::Value;

use crate::util::Scratch;

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("bad NDJSON line ({e}): {line}"))
        })
        .collect()
}

#[test]
fn the_embedded_corpus_exports_eleven_complete_records() {
    let scratch = Scratch::new();
    let records = lines(&scratch.ok(&["export", "--ndjson"]).stdout);
    assert_eq!(records.len(), 11);
    for record in &records {
        for key in [
            "id", "source", "ordinal", "kind", "lang", "partners", "period", "sections", "facts",
            "text",
        ] {
            assert!(record.get(key).is_some(), "{key} missing in {record}");
        }
    }
    let page = records
        .iter()
        .find(|r| r["id"] == "003_10e1ffe6dd691d70.txt#1")
        .unwrap();
    assert_eq!(page["facts"]["costs"]["grant"], 139651);
    // Exporting files from disk gives the same records as the embedded corpus.
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    assert_eq!(
        lines(&scratch.ok(&["export", "--ndjson", corpus]).stdout),
        records
    );
}

#[test]
fn exporting_from_the_index_matches_its_records() {
    let scratch = Scratch::new();
    scratch.write("r/a.txt", "Partner: Alpha Association (Norway)\n\nMain results of the initiative:\n\nLibraries.\n\nImplementation period: 01/03-15/03 2021\n");
    scratch.ok(&["index", "r"]);
    let records = lines(&scratch.ok(&["export", "--from-index"]).stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "a.txt#1");
    assert_eq!(records[0]["partner"], "Alpha Association");
}

#[test]
fn exporting_from_the_index_streams_every_live_record_in_id_order() {
    let scratch = Scratch::new();
    let record = |partner: &str, day: u32| {
        format!("Partner: {partner} (Norway)\n\nMain results of the initiative:\n\nLibraries and {partner}.\n\nImplementation period: {day:02}/03-15/03 2021\n")
    };
    let two = |a: &str, b: &str| format!("{}\n{}", record(a, 1), record(b, 2));
    scratch.write("r/b.txt", two("Beta One", "Beta Two"));
    scratch.write("r/a.txt", two("Alpha One", "Alpha Two"));
    scratch.write("r/c.txt", two("Gamma One", "Gamma Two"));
    scratch.ok(&["index", "r"]);
    // A second commit: b.txt's old records are deleted, its new one in another segment.
    scratch.write("r/b.txt", record("Beta Again", 3));
    scratch.ok(&["index", "r"]);
    let records = lines(&scratch.ok(&["export", "--from-index"]).stdout);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a.txt#1", "a.txt#2", "b.txt#1", "c.txt#1", "c.txt#2"]);
    assert_eq!(records[2]["partner"], "Beta Again");
    // The same records as exporting the files themselves.
    let from_files = lines(&scratch.ok(&["export", "--ndjson", "r"]).stdout);
    let partners = |records: &[serde_json::Value]| -> Vec<String> {
        let mut partners: Vec<String> = records.iter().map(|r| r["partner"].to_string()).collect();
        partners.sort();
        partners
    };
    assert_eq!(partners(&records), partners(&from_files));
}

#[test]
fn flat_export_has_one_level_of_fields() {
    let scratch = Scratch::new();
    let records = lines(&scratch.ok(&["export", "--ndjson", "--flat"]).stdout);
    assert_eq!(records.len(), 11);
    for record in &records {
        for (key, value) in record.as_object().unwrap() {
            assert!(
                !value.is_object() && !value.is_array(),
                "{key} is nested: {value}"
            );
        }
    }
    let lt = records
        .iter()
        .find(|r| r["id"] == "001_aa89047c32f4e6b6.txt#4")
        .unwrap();
    assert_eq!(lt["period_start"], "2020-02-07");
    assert_eq!(lt["lang"], "lt");
    assert!(lt["body"].as_str().unwrap().contains("sklerozės"));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    let scratch = Scratch::new();
    scratch.json(&["gen-corpus", "gen", "--records", "3000", "--seed", "2"]);
    let mut child = scratch
        .command(&["export", "--ndjson", "gen"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then the pipe closes
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
