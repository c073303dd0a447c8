//! `bireport eval`: the figures on a tiny judgement file computed by hand, the messages
//! for files it cannot use, and the ranking quality on the two hand-judged sets
//! (`tests/data/judgements/`), which must reach nDCG@10 ≥ 0.90.

use std::path::PathBuf;

use crate::assert_contains;
use crate::util::Scratch;

const EN: &str = "000_d07f7dcf419cedbb.txt";
const LT: &str = "001_aa89047c32f4e6b6.txt";

/// The mean nDCG@10 each hand-judged set must reach.
const NDCG_FLOOR: f64 = 0.90;

/// Three judged queries on the embedded samples whose rankings do not depend on BM25's
/// order: two equal grades, a single hit, and a ranking by date.
fn tiny_judgements() -> String {
    [
        "# grades for three queries",
        "",
        &format!("LGBT\t\t{EN}#2\t3"),
        &format!("LGBT\t\t{LT}#2\t3"),
        &format!("LGBT\t\t{EN}#1\t1"),
        &format!("\"Open Dialogue\"\t\t{EN}#1\t2"),
        &format!("\"Open Dialogue\"\t\t{LT}#1\t3"),
        &format!("\"project application\"\t--sort date --lang en\t{EN}#1\t0"),
        &format!("\"project application\"\t--sort date --lang en\t{EN}#4\t1"),
        &format!("\"project application\"\t--sort date --lang en\t{EN}#3\t3"),
        &format!("\"project application\"\t--sort date --lang en\t{EN}#2\t2"),
        "",
    ]
    .join("\n")
}

#[test]
fn figures_match_the_hand_computed_ones() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    scratch.write("tiny.tsv", tiny_judgements());
    let run = scratch.ok(&["eval", "tiny.tsv"]);
    // LGBT returns EN#2 and LT#2 (both 3, in either order); EN#1 (1) is not returned.
    //   DCG = 7 + 7/log2(3) = 11.416508; IDCG = DCG + 1/log2(4) = 11.916508
    //   nDCG = 0.958041; MRR = 1; recall = 2/3.
    // "Open Dialogue" returns EN#1 (2) alone; LT#1 (3) is not returned.
    //   DCG = 3; IDCG = 7 + 3/log2(3) = 8.892789; nDCG = 0.337352; MRR = 1; recall = 1/2.
    // "project application" by date returns EN#1 (0), EN#4 (1), EN#3 (3); EN#2 (2) has
    // no such phrase. DCG = 0 + 1/log2(3) + 7/log2(4) = 4.130930;
    //   IDCG = 7 + 3/log2(3) + 1/log2(4) = 9.392789; nDCG = 0.439798; MRR = 1/2;
    //   recall = 2/3.
    // Means: nDCG (0.958041 + 0.337352 + 0.439798) / 3 = 0.578397; MRR 2.5/3 = 0.833;
    //   recall (2/3 + 1/2 + 2/3) / 3 = 0.611.
    let expected = "\
nDCG@10    MRR  recall@50  query                  flags
  0.958  1.000      0.667  LGBT
  0.337  1.000      0.500  \"Open Dialogue\"
  0.440  0.500      0.667  \"project application\"  --sort date --lang en
  0.578  0.833      0.611  overall (3 queries)
";
    assert_eq!(run.stdout, expected, "\n{run}");
    assert_eq!(run.stderr, "");

    let json = scratch.json(&["eval", "tiny.tsv"]);
    let queries = json["queries"].as_array().expect("queries");
    assert_eq!(queries.len(), 3);
    assert_eq!(queries[2]["query"], "\"project application\"");
    assert_eq!(queries[2]["flags"], "--sort date --lang en");
    assert_eq!(queries[2]["judged"], 4);
    assert_eq!(queries[2]["returned"], 3);
    let close = |value: &serde_json::Value, expected: f64| {
        let value = value.as_f64().expect("a number");
        assert!((value - expected).abs() < 1e-6, "{value} != {expected}");
    };
    close(&queries[0]["ndcg_at_10"], 0.958041);
    close(&queries[1]["recall_at_50"], 0.5);
    close(&queries[2]["mrr"], 0.5);
    close(&json["ndcg_at_10"], 0.578397);
    close(&json["mrr"], 2.5 / 3.0);
    close(&json["recall_at_50"], (2.0 / 3.0 + 0.5 + 2.0 / 3.0) / 3.0);
}

#[test]
fn judged_records_missing_from_the_index_are_named_on_stderr() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    let text = format!("LGBT\t\t{EN}#2\t3\nLGBT\t\tgone.txt#1\t2\nLGBT\t\tgone.txt#9\t0\n");
    scratch.write("stale.tsv", text);
    let run = scratch.ok(&["eval", "stale.tsv"]);
    assert_contains!(
        run.stderr,
        "warning: 2 judged records are not in the index at index, so no search can find them: \
         gone.txt#1, gone.txt#9"
    );
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
}

#[test]
fn unusable_judgement_files_fail_with_one_line() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    scratch.write("bad.tsv", format!("LGBT\t\t{EN}#2\t3\nLGBT  {EN}#1  2\n"));
    let run = scratch.fails(&["eval", "bad.tsv"], 1);
    assert_eq!(
        run.stderr,
        "bireport: bad.tsv: line 2: expected 4 tab-separated fields \
         (query, flags, record id, grade), found 1\n"
    );
    assert_eq!(run.stdout, "");

    scratch.write("grade.tsv", format!("LGBT\t\t{EN}#2\t5\n"));
    let run = scratch.fails(&["eval", "grade.tsv"], 1);
    assert_eq!(
        run.stderr,
        "bireport: grade.tsv: line 1: grade 5 is not 0, 1, 2 or 3\n"
    );

    scratch.write("flags.tsv", format!("# c\nLGBT\t--langue lt\t{EN}#2\t3\n"));
    let run = scratch.fails(&["eval", "flags.tsv"], 1);
    assert_contains!(
        run.stderr,
        "bireport: flags.tsv: line 2: flags \"--langue lt\": unexpected argument '--langue'"
    );
    assert_eq!(run.stderr.lines().count(), 1, "{run}");

    let run = scratch.fails(&["eval", "missing.tsv"], 1);
    assert_contains!(run.stderr, "bireport: missing.tsv: ");
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
}

/// A hand-judged file in `tests/data/judgements/`.
fn judgements(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/judgements")
        .join(name)
}

/// Runs `eval` on a judged set and requires the mean nDCG@10 to reach [`NDCG_FLOOR`],
/// printing the per-query table when it does not.
fn reaches_the_floor(scratch: &Scratch, file: &str) {
    let path = judgements(file);
    let path = path.to_str().unwrap();
    let report = scratch.json(&["eval", path]);
    let ndcg = report["ndcg_at_10"].as_f64().expect("ndcg_at_10");
    let table = scratch.ok(&["eval", path]).stdout;
    assert!(
        ndcg >= NDCG_FLOOR,
        "{file}: nDCG@10 {ndcg:.3} < {NDCG_FLOOR}\n{table}"
    );
}

#[test]
fn the_embedded_samples_rank_well() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    reaches_the_floor(&scratch, "samples.tsv");
}

#[test]
fn the_hand_written_set_ranks_well() {
    let scratch = Scratch::new();
    let set = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/handwritten");
    scratch.ok(&["index", set.to_str().unwrap()]);
    reaches_the_floor(&scratch, "handwritten.tsv");
}
