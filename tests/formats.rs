//! Reports in the formats they are published in: the sample reports rendered as web pages
//! and Word documents (`tests/data/formats/render.py`; one page in Windows-1257) must give
//! the records the text files give, field by field, and the same pairs; files that only
//! look like one are skipped with a reason and the run goes on.

use serde_json::Value;

use crate::util::{pair_ids, Scratch};

/// Every record an index holds, by file stem and ordinal, with the fields parsing gives.
fn records_by_place(scratch: &Scratch, index: &str) -> Vec<((String, u64), Value)> {
    let run = scratch.ok(&["--index", index, "export", "--ndjson", "--from-index"]);
    let mut records: Vec<((String, u64), Value)> = run
        .stdout
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).unwrap();
            let stem = record["source"]
                .as_str()
                .unwrap()
                .split('.')
                .next()
                .unwrap()
                .to_string();
            let place = (stem, record["ordinal"].as_u64().unwrap());
            let fields = serde_json::json!({
                "lang": record["lang"]["code"],
                "kind": record["kind"],
                "title": record["title"],
                "partners": record["partners"],
                "country": record["country"],
                "period": record["period"],
                "facts": record["facts"],
            });
            (place, fields)
        })
        .collect();
    records.sort_by(|a, b| a.0.cmp(&b.0));
    records
}

/// `pairs --json` as (Lithuanian, English) file stems and ordinals.
fn pairs_by_place(scratch: &Scratch, index: &str) -> Vec<(String, String)> {
    let stem = |id: &str| {
        id.replace(".html", "")
            .replace(".docx", "")
            .replace(".txt", "")
    };
    let mut pairs: Vec<(String, String)> = pair_ids(&scratch.json(&["--index", index, "pairs"]))
        .into_iter()
        .map(|(lt, en)| (stem(&lt), stem(&en)))
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn web_pages_give_the_records_and_pairs_of_the_text_files() {
    let scratch = Scratch::new();
    let pages = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/formats/html");
    scratch.ok(&["--index", "text", "index"]);
    let report = scratch.json(&["--index", "html", "index", pages]);
    assert_eq!(report["records"], 11, "{report}");
    assert_eq!(report["skipped"], serde_json::json!([]), "{report}");
    let text = records_by_place(&scratch, "text");
    let html = records_by_place(&scratch, "html");
    assert_eq!(text.len(), 11);
    for (expected, found) in text.iter().zip(&html) {
        assert_eq!(expected, found);
    }
    assert_eq!(
        pairs_by_place(&scratch, "html"),
        pairs_by_place(&scratch, "text")
    );

    // The page in Windows-1257 reads as Lithuanian: searched with diacritics.
    let results = scratch.json(&[
        "--index",
        "html",
        "search",
        "išsėtinės sklerozės",
        "--lang",
        "lt",
    ]);
    assert_eq!(results["total"], 1, "{results}");
    let id = results["hits"][0]["id"].as_str().unwrap();
    assert_eq!(id, "001_aa89047c32f4e6b6.html#4");
    let shown = scratch.json(&["--index", "html", "show", id]);
    assert_eq!(shown["format"], "html");
    let shown = scratch.ok(&["--index", "html", "show", id]).stdout;
    let head: Vec<&str> = shown.lines().take(4).collect();
    assert_eq!(
        head,
        [
            "001_aa89047c32f4e6b6.html#4",
            "source        001_aa89047c32f4e6b6.html",
            "format        html",
            "ordinal       4",
        ]
    );
    // Navigation, scripts and styles are not report text.
    for word in ["Kontaktai", "dataLayer", "sans-serif"] {
        let found = scratch.json(&["--index", "html", "search", word]);
        assert_eq!(found["total"], 0, "{word}");
    }
}

#[test]
fn word_documents_give_the_records_and_pairs_of_the_text_files() {
    let scratch = Scratch::new();
    let formats = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/formats");
    scratch.ok(&["--index", "text", "index"]);
    let report = scratch.json(&[
        "--index",
        "docx",
        "index",
        &format!("{formats}/docx"),
        &format!("{formats}/bad"),
    ]);
    assert_eq!(report["records"], 11, "{report}");
    // A zip archive named .docx that holds no Word document is skipped, with why.
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{report}");
    assert!(skipped[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("bad/budget.docx"));
    assert_eq!(
        skipped[0]["reason"],
        "not a Word document (the archive has no word/document.xml)"
    );
    let text = records_by_place(&scratch, "text");
    let docx = records_by_place(&scratch, "docx");
    assert_eq!(text.len(), docx.len());
    for (expected, found) in text.iter().zip(&docx) {
        assert_eq!(expected, found);
    }
    assert_eq!(
        pairs_by_place(&scratch, "docx"),
        pairs_by_place(&scratch, "text")
    );
    let results = scratch.json(&["--index", "docx", "search", "Šiaurės", "--lang", "lt"]);
    assert_eq!(results["hits"][0]["id"], "001_aa89047c32f4e6b6.docx#1");
    let shown = scratch.json(&["--index", "docx", "show", "001_aa89047c32f4e6b6.docx#1"]);
    assert_eq!(shown["format"], "docx");
}

#[test]
fn a_page_saved_as_text_is_read_as_a_page() {
    let scratch = Scratch::new();
    let page = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/formats/html/000_d07f7dcf419cedbb.html"
    ))
    .unwrap();
    scratch.write("saved/list.txt", page);
    scratch.ok(&["index", "saved"]);
    let shown = scratch.json(&["show", "list.txt#1"]);
    assert_eq!(shown["format"], "html");
    assert_eq!(shown["partner"], "Drug Free Treatment Unit, Division of Mental Health and Substance Abuse, University Hospital of North Norway");
    assert!(!shown["text"].as_str().unwrap().contains('<'), "{shown}");
}

#[test]
fn a_reader_that_never_ends_skips_its_file_not_the_run() {
    let scratch = Scratch::new();
    let page = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/formats/html/000_d07f7dcf419cedbb.html"
    ))
    .unwrap();
    scratch.write("mixed/list.html", page);
    scratch.write(
        "mixed/list.txt",
        "Partner: Oslo/Fusion International Film Festival (Norway)\n\nMain results of the initiative:\n\nA visit.\n\nImplementation period: 21/02-03/03 2020\n",
    );
    let run = crate::util::Run::of(
        scratch
            .command(&["index", "mixed", "--json"])
            .env("BIREPORT_FAULT", "slow-read"),
    );
    assert_eq!(run.code, Some(0), "{run}");
    let report = run.json();
    assert_eq!(report["records"], 1, "{report}");
    assert_eq!(
        report["skipped"],
        serde_json::json!([{
            "path": "mixed/list.html",
            "reason": "reading it as html took longer than 1 s (a damaged file?)"
        }])
    );
}
