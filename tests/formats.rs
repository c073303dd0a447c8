//! Reports in the formats they are published in: the sample reports rendered as web pages,
//! Word documents and PDF files (`tests/data/formats/render.py`; one page in Windows-1257,
//! one PDF typeset with ligatures, one with its Lithuanian letters decomposed) must give the
//! records the text files give, field by field, and the same pairs; files that cannot be
//! read (a scan, a truncated or locked PDF, a zip that is no Word document) are skipped
//! with a reason and the run goes on.

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
            .replace(".pdf", "")
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
        &format!("{formats}/bad/budget.docx"),
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

/// Every record's text with its white space made alike, by file stem and ordinal.
fn texts_by_place(scratch: &Scratch, index: &str) -> Vec<((String, u64), String)> {
    let run = scratch.ok(&["--index", index, "export", "--ndjson", "--from-index"]);
    let mut texts: Vec<((String, u64), String)> = run
        .stdout
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).unwrap();
            let source = record["source"].as_str().unwrap();
            let stem = source.split('.').next().unwrap().to_string();
            let words: Vec<&str> = record["text"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .collect();
            ((stem, record["ordinal"].as_u64().unwrap()), words.join(" "))
        })
        .collect();
    texts.sort();
    texts
}

#[test]
fn pdf_files_give_the_records_pairs_and_words_of_the_text_files() {
    let scratch = Scratch::new();
    let formats = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/formats");
    scratch.ok(&["--index", "text", "index"]);
    let report = scratch.json(&["--index", "pdf", "index", &format!("{formats}/pdf")]);
    assert_eq!(report["records"], 11, "{report}");
    assert_eq!(report["skipped"], serde_json::json!([]), "{report}");
    let text = records_by_place(&scratch, "text");
    let pdf = records_by_place(&scratch, "pdf");
    assert_eq!(text.len(), pdf.len());
    for (expected, found) in text.iter().zip(&pdf) {
        assert_eq!(expected, found);
    }
    assert_eq!(
        pairs_by_place(&scratch, "pdf"),
        pairs_by_place(&scratch, "text")
    );
    // Word for word the text files' text: lines wrapped to the page joined again, words
    // hyphenated at line ends whole again (`transf-` + `ered`), the running header and the
    // page numbers gone, `ﬁ` spelled `fi` (002), decomposed letters composed (003).
    assert_eq!(
        texts_by_place(&scratch, "pdf"),
        texts_by_place(&scratch, "text")
    );
    let efficient = scratch.json(&["--index", "pdf", "search", "efficient", "--limit", "20"]);
    let ids: Vec<&str> = efficient["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"002_1af3a662db35f4a9.pdf#1"), "{efficient}");
    let results = scratch.json(&[
        "--index",
        "pdf",
        "search",
        "išsėtinės sklerozės",
        "--lang",
        "lt",
    ]);
    assert_eq!(
        results["hits"][0]["id"], "001_aa89047c32f4e6b6.pdf#4",
        "{results}"
    );
    let shown = scratch.json(&["--index", "pdf", "show", "003_10e1ffe6dd691d70.pdf#1"]);
    assert_eq!(shown["format"], "pdf");
}

#[test]
fn pdf_files_that_cannot_give_their_text_are_skipped_with_the_reason() {
    let scratch = Scratch::new();
    let formats = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/formats");
    let report = scratch.json(&[
        "index",
        &format!("{formats}/bad"),
        &format!("{formats}/pdf-restricted"),
    ]);
    let reasons: Vec<(String, String)> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|skip| {
            let path = skip["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            (name, skip["reason"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        reasons,
        [
            (
                "budget.docx".to_string(),
                "not a Word document (the archive has no word/document.xml)".to_string()
            ),
            (
                "password.pdf".to_string(),
                "encrypted PDF (it needs a password to open)".to_string()
            ),
            (
                // A file the PDF library panics on (found by the property test): caught,
                // and the file skipped.
                "reader-panics.pdf".to_string(),
                "cannot be read as pdf (its reader failed on it)".to_string()
            ),
            (
                "scanned.pdf".to_string(),
                "no text layer (scanned? run OCR first)".to_string()
            ),
            (
                "truncated.pdf".to_string(),
                "damaged PDF (it ends before its end-of-file marker: truncated?)".to_string()
            ),
        ]
    );
    // A PDF that only forbids printing and copying opens without a password, as readers
    // open it: its one record is indexed like the text file's.
    assert_eq!(report["records"], 1, "{report}");
    let shown = scratch.json(&["show", "004_257f851f65888750.pdf#1"]);
    assert_eq!(shown["format"], "pdf");
    assert!(shown["text"]
        .as_str()
        .unwrap()
        .contains("NONGOVERNMENTAL ORGANISATIONS"));
}

#[test]
fn a_folder_of_every_format_indexes_in_one_run_with_the_pairs_of_the_text_files() {
    let scratch = Scratch::new();
    let formats = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/formats");
    // One file in each format, as they arrive: 000 as a page, 001 as a PDF, 002 as a Word
    // document, 003 and 004 as text; and a PDF that cannot be read among them.
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let files = [
        (
            format!("{formats}/html/000_d07f7dcf419cedbb.html"),
            "000.html",
        ),
        (format!("{formats}/pdf/001_aa89047c32f4e6b6.pdf"), "001.pdf"),
        (
            format!("{formats}/docx/002_1af3a662db35f4a9.docx"),
            "002.docx",
        ),
        (format!("{corpus}/003_10e1ffe6dd691d70.txt"), "003.txt"),
        (format!("{corpus}/004_257f851f65888750.txt"), "004.md"),
        (format!("{formats}/bad/scanned.pdf"), "scan.pdf"),
    ];
    for (from, name) in &files {
        scratch.write(&format!("mixed/{name}"), std::fs::read(from).unwrap());
    }
    let report = scratch.json(&["index", "mixed"]);
    assert_eq!(report["records"], 11, "{report}");
    assert_eq!(report["skipped"].as_array().unwrap().len(), 1, "{report}");
    let pairs = pair_ids(&scratch.json(&["pairs"]));
    assert_eq!(
        pairs,
        [
            ("001.pdf#1".to_string(), "000.html#1".to_string()),
            ("001.pdf#2".to_string(), "000.html#2".to_string()),
            ("001.pdf#3".to_string(), "000.html#3".to_string()),
            ("001.pdf#4".to_string(), "000.html#4".to_string()),
        ]
    );
    let formats: Vec<String> = scratch
        .ok(&["export", "--ndjson", "--from-index"])
        .stdout
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).unwrap();
            format!(
                "{} {}",
                record["id"].as_str().unwrap(),
                record["format"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        formats,
        [
            "000.html#1 html",
            "000.html#2 html",
            "000.html#3 html",
            "000.html#4 html",
            "001.pdf#1 pdf",
            "001.pdf#2 pdf",
            "001.pdf#3 pdf",
            "001.pdf#4 pdf",
            "002.docx#1 docx",
            "003.txt#1 text",
            "004.md#1 text",
        ]
    );
    // A second run reads nothing again: every format is re-indexed by its content.
    let again = scratch.json(&["index", "mixed"]);
    assert_eq!(again["unchanged"], 5, "{again}");
    // Exported straight from the files, the same records with the same formats.
    let exported = scratch.ok(&["export", "--ndjson", "mixed"]).stdout;
    assert_eq!(exported.lines().count(), 11);
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
