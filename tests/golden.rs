//! Exact-output tests: each command's whole text output, plain and coloured, at a narrow
//! and a wide terminal, compared byte for byte with the files in `tests/golden/`.
//!
//! After a deliberate change to the output, `BIREPORT_BLESS=1 cargo test --release golden`
//! rewrites the files from the binary; read their diff before committing it.

use std::path::PathBuf;

use crate::util::Scratch;

/// Terminal widths: the counterpart view is stacked at the first, side by side at the second.
const WIDTHS: [&str; 2] = ["72", "140"];

const LT: &str = "001_aa89047c32f4e6b6.txt";
const PROJECT: &str = "003_10e1ffe6dd691d70.txt#1";

/// A Lithuanian summary and an English report of the same period whose partners differ:
/// not a pair, each the other's closest candidate.
const LT_OSLO: &str = "Partneris: Oslo muziejus (Norvegija)\n\nSantrauka:\n\nVizito Osle metu bus aptartas muziejų bendradarbiavimas ir dalijamasi patirtimi.\n\nĮgyvendinimo periodas: 2021-03-01 – 2021-03-15\n";
const EN_BERGEN: &str = "Partner: Bergen Municipality (Norway)\n\nMain results of the initiative:\n\nThe visit to Bergen strengthened cooperation on youth libraries.\n\nImplementation period: 01/03-15/03 2021\n";

/// The embedded samples, indexed on one thread (records of equal score then come in
/// one order on every machine).
fn samples() -> Scratch {
    let scratch = Scratch::new();
    scratch.ok(&["index", "--threads", "1"]);
    scratch
}

/// Two records that do not pair.
fn unpaired() -> Scratch {
    let scratch = Scratch::new();
    scratch.write("r/lt.txt", LT_OSLO);
    scratch.write("r/en.txt", EN_BERGEN);
    scratch.ok(&["index", "--threads", "1", "r"]);
    scratch
}

/// `args`' output in every style and width, each under a heading line.
fn outputs(scratch: &Scratch, args: &[&str]) -> String {
    let mut all = String::new();
    for color in ["never", "always"] {
        for width in WIDTHS {
            let mut full = vec!["--color", color];
            full.extend_from_slice(args);
            let run = scratch
                .command(&full)
                .env("COLUMNS", width)
                .output()
                .expect("run bireport");
            all.push_str(&format!(
                "=== bireport {} (COLUMNS={width}, exit {})\n",
                full.join(" "),
                run.status.code().unwrap_or(-1)
            ));
            all.push_str(&String::from_utf8_lossy(&run.stdout));
            if !run.stderr.is_empty() {
                all.push_str("--- stderr\n");
                all.push_str(&String::from_utf8_lossy(&run.stderr));
            }
        }
    }
    all
}

/// Compares `args`' outputs with `tests/golden/NAME.txt` (or writes it when blessing).
fn golden(scratch: &Scratch, name: &str, args: &[&str]) {
    let got = outputs(scratch, args);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.txt"));
    if std::env::var_os("BIREPORT_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("{}: {err} (BIREPORT_BLESS=1 writes it)", path.display()));
    if got != want {
        let first = got
            .lines()
            .zip(want.lines())
            .position(|(g, w)| g != w)
            .unwrap_or(got.lines().count().min(want.lines().count()));
        panic!(
            "{name}: output differs from {} at line {}:\n got: {:?}\nwant: {:?}",
            path.display(),
            first + 1,
            got.lines().nth(first),
            want.lines().nth(first)
        );
    }
}

#[test]
fn search_output() {
    let scratch = samples();
    golden(&scratch, "search", &["search", "festival"]);
    golden(
        &scratch,
        "search-filtered-page",
        &[
            "search",
            "bendradarbiavimas",
            "--lang",
            "lt",
            "--country",
            "Norway",
            "--limit",
            "2",
            "--offset",
            "1",
        ],
    );
    golden(
        &scratch,
        "search-translated",
        &["search", "health", "--lang", "lt"],
    );
    golden(
        &scratch,
        "search-cross",
        &["search", "libraries", "--lang", "lt", "--cross"],
    );
    golden(&scratch, "search-nothing", &["search", "festivl"]);
}

#[test]
fn show_output() {
    let scratch = samples();
    golden(&scratch, "show-initiative", &["show", &format!("{LT}#4")]);
    golden(&scratch, "show-project", &["show", PROJECT]);
}

#[test]
fn counterpart_output() {
    let scratch = samples();
    golden(
        &scratch,
        "counterpart-paired",
        &["counterpart", &format!("{LT}#2")],
    );
    golden(&scratch, "counterpart-project", &["counterpart", PROJECT]);
    golden(
        &unpaired(),
        "counterpart-candidates",
        &["counterpart", "lt.txt#1"],
    );
}

#[test]
fn pairs_and_stats_output() {
    let scratch = samples();
    golden(&scratch, "pairs", &["pairs"]);
    golden(&scratch, "stats", &["stats"]);
    golden(&unpaired(), "pairs-review", &["pairs", "--review"]);
}

#[test]
fn index_check_and_eval_output() {
    let scratch = Scratch::new();
    // The first of the four runs indexes; the others find nothing changed.
    golden(&scratch, "index", &["index", "--threads", "1"]);
    golden(&scratch, "check", &["check"]);
    let judgements = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/judgements/samples.tsv"),
    )
    .unwrap();
    scratch.write("samples.tsv", judgements);
    golden(&scratch, "eval", &["eval", "samples.tsv"]);

    // A folder with a file to skip and a record whose period cannot be read.
    let folder = Scratch::new();
    folder.write("r/lt.txt", LT_OSLO);
    folder.write(
        "r/en.txt",
        EN_BERGEN.replace("01/03-15/03 2021", "early spring"),
    );
    folder.write("r/cut.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n");
    golden(&folder, "index-skipped", &["index", "--threads", "1", "r"]);
}
