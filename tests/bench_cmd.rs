//! `bireport bench`: every stage measured, on a generated corpus or a given one.

use serde_json::Value;

use crate::util::Scratch;

fn number(report: &Value, field: &str) -> f64 {
    report[field]
        .as_f64()
        .unwrap_or_else(|| panic!("bench --json lacks a number {field:?}: {report}"))
}

#[test]
fn bench_json_names_every_figure_and_the_figures_are_sane() {
    let scratch = Scratch::new();
    let report = scratch.json(&[
        "bench",
        "--records",
        "800",
        "--query-runs",
        "3",
        "--threads",
        "2",
    ]);
    assert_eq!(number(&report, "records"), 800.0);
    for field in [
        "raw_mb",
        "index_records_per_s",
        "index_mb_per_s",
        "pairing_s",
        "index_size_ratio",
        "peak_rss_mb",
    ] {
        assert!(number(&report, field) > 0.0, "{field} = {}", report[field]);
    }
    let (p50, p95, p99) = (
        number(&report, "query_p50_ms"),
        number(&report, "query_p95_ms"),
        number(&report, "query_p99_ms"),
    );
    assert!(0.0 < p50 && p50 <= p95 && p95 <= p99, "{p50} {p95} {p99}");
    assert!(number(&report, "pairs") > 200.0, "{report}");
    let queries = report["queries"].as_array().expect("queries");
    let kinds: Vec<&str> = queries.iter().filter_map(|q| q["kind"].as_str()).collect();
    assert_eq!(
        kinds,
        [
            "single term",
            "phrase",
            "lt inflected",
            "facet filtered",
            "cross"
        ]
    );
    assert!(
        queries.iter().all(|q| q["total"].as_u64() > Some(0)),
        "{report}"
    );
}

#[test]
fn bench_measures_a_given_corpus() {
    let scratch = Scratch::new();
    let generated = scratch.json(&["gen-corpus", "corpus", "--records", "500", "--seed", "4"]);
    let report = scratch.json(&["bench", "--corpus", "corpus", "--query-runs", "2"]);
    assert_eq!(report["records"], generated["records"]);
    let table = scratch
        .ok(&["bench", "--corpus", "corpus", "--query-runs", "2"])
        .stdout;
    for row in [
        "ingest + language detection",
        "pairing",
        "indexing",
        "query p50",
        "peak RSS",
    ] {
        assert!(table.contains(row), "no {row:?} row in:\n{table}");
    }
}

#[test]
fn bench_of_a_missing_corpus_is_a_usage_error() {
    let scratch = Scratch::new();
    let run = scratch.fails(&["bench", "--corpus", "nowhere", "--json"], 2);
    assert!(run.stderr.contains("nowhere"), "{}", run.stderr);
}

#[test]
fn bench_of_a_mixed_folder_gives_each_format_its_own_row() {
    let scratch = Scratch::new();
    let formats = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/formats");
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    for (from, to) in [
        (corpus.to_string(), "mixed/text"),
        (format!("{formats}/html"), "mixed/html"),
        (format!("{formats}/docx"), "mixed/docx"),
        (format!("{formats}/pdf"), "mixed/pdf"),
    ] {
        for entry in std::fs::read_dir(&from).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap();
            scratch.write(&format!("{to}/{name}"), std::fs::read(&path).unwrap());
        }
    }
    let report = scratch.json(&["bench", "--corpus", "mixed", "--query-runs", "2"]);
    assert_eq!(report["records"], 44, "{report}");
    let rows = report["formats"].as_array().expect("formats");
    let names: Vec<&str> = rows.iter().map(|r| r["format"].as_str().unwrap()).collect();
    assert_eq!(names, ["text", "html", "docx", "pdf"]);
    for row in rows {
        assert_eq!(
            (row["files"].as_u64(), row["records"].as_u64()),
            (Some(5), Some(11)),
            "{row}"
        );
        for field in [
            "mb",
            "read_records_per_s",
            "index_records_per_s",
            "index_mb_per_s",
        ] {
            assert!(number(row, field) > 0.0, "{field}: {row}");
        }
    }
    assert_eq!(rows[0]["per_record_vs_text"], 1.0);
    assert!(number(&rows[3], "per_record_vs_text") > 0.0, "{report}");
    let table = scratch
        .ok(&["bench", "--corpus", "mixed", "--query-runs", "2"])
        .stdout;
    let lines: Vec<&str> = table
        .lines()
        .skip_while(|line| !line.contains("each format on its own"))
        .skip(1)
        .collect();
    let formats: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(formats, ["text", "html", "docx", "pdf"], "{table}");
    assert!(
        lines
            .iter()
            .all(|l| l.contains(" MB ") && l.contains("× text per record")),
        "{table}"
    );

    // A corpus of one format has no such rows: the whole-corpus figures are its figures.
    let single = scratch.json(&["bench", "--corpus", "mixed/pdf", "--query-runs", "2"]);
    assert_eq!(single["formats"], serde_json::json!([]), "{single}");
    assert_eq!(single["records"], 11);
}
