//! Mistakes and damaged state give one clear line and the documented exit code.

use crate::assert_contains;
use crate::util::{Run, Scratch};

#[test]
fn a_missing_path_is_a_usage_error() {
    let scratch = Scratch::new();
    let run = scratch.fails(&["index", "no/such/folder"], 2);
    assert_contains!(run.stderr, "no/such/folder");
    assert_contains!(run.stderr, "no such file");
    assert!(
        !scratch.path().join("index").exists(),
        "nothing should be created"
    );
}

#[test]
fn malformed_queries_and_bad_values_exit_2_with_one_line() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    for query in [
        "\"unbalanced",
        "title:(",
        "nosuchfield:x",
        "AND",
        "visit OR",
        "NOT",
        "(",
        "/regex/",
    ] {
        let run = scratch.fails(&["search", query], 2);
        assert_contains!(run.stderr, "invalid query");
        assert_eq!(run.stderr.trim().lines().count(), 1, "{run}");
        assert!(!run.stderr.contains("panicked"), "{run}");
    }
    let run = scratch.fails(&["search", "x", "--from", "yesterday"], 2);
    assert_contains!(run.stderr, "--from");
    let run = scratch.fails(&["search", "x", "--kind", "poem"], 2);
    assert_contains!(run.stderr, "initiative or project");
    let run = scratch.fails(&["show", "nope#1"], 2);
    assert_contains!(run.stderr, "no record with id");
    scratch.fails(&["search"], 2);
    scratch.fails(&["frobnicate"], 2);
}

#[test]
fn an_old_schema_is_refused_with_the_rebuild_command_and_rebuilt_on_request() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    let meta_path = scratch.path().join("index/meta.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&meta).unwrap();
    json["payload"] =
        serde_json::Value::String(r#"{"schema_version":0,"files":5,"records":11}"#.into());
    std::fs::write(&meta_path, json.to_string()).unwrap();

    let run = scratch.fails(&["search", "visit"], 1);
    assert_contains!(run.stderr, "schema version 0");
    assert_contains!(run.stderr, "bireport index --rebuild");
    scratch.fails(&["index"], 1);
    scratch.ok(&["index", "--rebuild"]);
    assert_eq!(scratch.json(&["stats"])["records"], 11);
    // The rebuilt index (built aside and moved in) came with its incremental store.
    let again = scratch.json(&["index"]);
    assert_eq!(again["warnings"], serde_json::json!([]), "{again}");
    assert_eq!(again["unchanged"], again["files"], "{again}");
}

#[test]
fn a_folder_that_is_not_an_index_is_left_alone() {
    let scratch = Scratch::new();
    scratch.write("papers/thesis.docx", "precious");
    let run = scratch.fails(&["--index", "papers", "search", "visit"], 1);
    assert_contains!(run.stderr, "not a bireport index");
    let run = scratch.fails(&["--index", "papers", "index"], 1);
    assert_contains!(run.stderr, "not a bireport index");
    assert_eq!(
        std::fs::read_to_string(scratch.path().join("papers/thesis.docx")).unwrap(),
        "precious"
    );
    assert_eq!(
        std::fs::read_dir(scratch.path().join("papers"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn unknown_filter_values_give_empty_results_and_a_hint() {
    let scratch = Scratch::new();
    let run = scratch.ok(&["search", "*", "--country", "Atlantis"]);
    assert_contains!(run.stdout, "0 records match");
    assert_contains!(run.stderr, "hint");
    assert_contains!(run.stderr, "Iceland, Norway");
    let results = scratch.json(&["search", "*", "--lang", "fr"]);
    assert_eq!(results["total"], 0);
    assert_contains!(results["hints"][0].as_str().unwrap(), "en, lt");
    // Language names work as well as codes.
    assert_eq!(
        scratch.json(&["search", "*", "--lang", "Lithuanian"])["total"],
        4
    );
}

#[test]
fn an_index_path_that_is_a_file_is_refused_by_every_command_and_kept() {
    let scratch = Scratch::new();
    scratch.write("notes", "precious");
    let expected = "bireport: notes is not a bireport index (it is a file); choose another \
                    --index directory or remove it\n";
    for args in [
        &["index"][..],
        &["index", "--rebuild"],
        &["search", "visit"],
        &["check"],
        &["pairs"],
    ] {
        let mut all = vec!["--index", "notes"];
        all.extend_from_slice(args);
        let run = scratch.fails(&all, 1);
        assert_eq!(run.stderr, expected, "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
    assert_eq!(
        std::fs::read_to_string(scratch.path().join("notes")).unwrap(),
        "precious"
    );
}

#[test]
fn check_without_an_index_says_how_to_build_one() {
    let scratch = Scratch::new();
    let run = scratch.fails(&["--index", "nowhere", "check"], 1);
    assert_eq!(
        run.stderr,
        "bireport: no index at nowhere; run `bireport index --index nowhere PATHS`\n"
    );
    assert!(!scratch.path().join("nowhere").exists());
}

#[test]
fn a_named_index_that_is_missing_is_an_error_not_the_samples() {
    let scratch = Scratch::new();
    let expected = "bireport: no index at typo; run `bireport index --index typo PATHS`\n";
    let run = scratch.fails(&["--index", "typo", "search", "festival"], 1);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", expected));
    let run = Run::of(
        scratch
            .command(&["search", "festival"])
            .env("BIREPORT_INDEX", "typo"),
    );
    assert_eq!(run.code, Some(1), "{run}");
    assert_eq!(run.stderr, expected);
    assert!(!scratch.path().join("typo").exists());
    // The default folder is still built from the embedded samples on first use.
    let run = scratch.ok(&["search", "festival"]);
    assert_eq!(
        run.stderr,
        "bireport: no index yet at index; building one from the embedded sample corpus\n"
    );
}
