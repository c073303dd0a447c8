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
