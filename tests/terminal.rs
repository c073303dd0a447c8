//! The terminal experience: colour only where it belongs, output that fits, paging and
//! sorting, typo tolerance, suggestions, completions, man page, quiet and verbose.

use std::process::Command;

use crate::assert_contains;
use crate::util::{hit_ids, Scratch};

const LT: &str = "001_aa89047c32f4e6b6.txt";
const EN: &str = "000_d07f7dcf419cedbb.txt";

/// Runs bireport under a pseudo-terminal (util-linux `script`), so stdout is a TTY.
/// `None` where `script` is not available.
fn run_in_pty(scratch: &Scratch, args: &str, env: &[(&str, &str)]) -> Option<String> {
    let binary = env!("CARGO_BIN_EXE_bireport");
    let mut command = Command::new("script");
    command
        .args(["-qec", &format!("{binary} {args}"), "/dev/null"])
        .current_dir(scratch.path())
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn colour_on_a_terminal_unless_no_color_or_never() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    let Some(tty) = run_in_pty(&scratch, "search sklerozės", &[]) else {
        eprintln!("`script` unavailable: pseudo-terminal checks skipped");
        return;
    };
    assert_contains!(tty, "\x1b[1;31msklerozės\x1b[0m");
    let no_color = run_in_pty(&scratch, "search sklerozės", &[("NO_COLOR", "1")]).unwrap();
    assert!(!no_color.contains('\x1b'), "NO_COLOR ignored:\n{no_color}");
    assert_contains!(no_color, "sklerozės");
    assert!(!no_color.contains("**"), "{no_color}");
    let never = run_in_pty(&scratch, "search sklerozės --color never", &[]).unwrap();
    assert!(!never.contains('\x1b'));
    // Piped: no ANSI unless asked for.
    let piped = scratch.ok(&["search", "sklerozės"]).stdout;
    assert!(!piped.contains('\x1b'));
    assert_contains!(
        scratch
            .ok(&["search", "sklerozės", "--color", "always"])
            .stdout,
        "\x1b[1;31m"
    );
}

#[test]
fn snippets_wrap_to_the_terminal_width() {
    let scratch = Scratch::new();
    for columns in ["40", "120"] {
        let run = scratch
            .command(&["search", "visit", "--limit", "3"])
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&run.stdout).into_owned();
        let width: usize = columns.parse().unwrap();
        // Snippet lines (indented) fit; header lines may carry a long partner name.
        for line in text
            .lines()
            .filter(|l| l.starts_with("    ") && !l.contains(" · "))
        {
            assert!(
                line.chars().count() <= width,
                "line wider than {width}: {line:?}"
            );
        }
    }
}

#[test]
fn sorting_by_date_puts_the_latest_period_first() {
    let scratch = Scratch::new();
    let results = scratch.json(&[
        "search",
        "*",
        "--kind",
        "initiative",
        "--sort",
        "date",
        "--limit",
        "100",
    ]);
    let starts: Vec<&str> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["period"]["start"].as_str().unwrap())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(starts, sorted);
    assert_eq!(starts[0], "2020-02-27");
    // Scores are still reported for date-sorted hits of a real query.
    let visit = scratch.json(&["search", "visit", "--sort", "date"]);
    assert!(visit["hits"][0]["score"].as_f64().unwrap() > 0.0);
}

#[test]
fn fuzzy_matches_within_one_edit_on_stems_in_both_languages() {
    let scratch = Scratch::new();
    // English: "sclerosus" (one edit from the stem of "sclerosis").
    assert_eq!(scratch.json(&["search", "sclerosus"])["total"], 0);
    let en = hit_ids(&scratch.json(&["search", "sclerosus", "--fuzzy", "--lang", "en"]));
    assert_eq!(en, vec![format!("{EN}#4")]);
    // Lithuanian: "skleroze" typo "sklerazės".
    assert_eq!(
        scratch.json(&["search", "sklerazės", "--lang", "lt"])["total"],
        0
    );
    let lt = hit_ids(&scratch.json(&["search", "sklerazės", "--fuzzy", "--lang", "lt"]));
    assert_eq!(lt, vec![format!("{LT}#4")]);
    // Fuzzy hits are highlighted.
    let text = scratch
        .ok(&[
            "search",
            "sklerazės",
            "--fuzzy",
            "--lang",
            "lt",
            "--color",
            "always",
        ])
        .stdout;
    assert_contains!(text, "\x1b[1;31msklerozės\x1b[0m");
    // Words under five letters stay exact: "vsit" is not "visit".
    assert_eq!(scratch.json(&["search", "vsit", "--fuzzy"])["total"], 0);
    // Two edits for words of nine letters or more ("pertnershep" ~ "partnership").
    let two = scratch.json(&["search", "pertnershep", "--fuzzy", "--lang", "en"]);
    assert!(two["total"].as_u64().unwrap() > 0, "{two}");
    // ... but one edit only below nine letters ("pertnerz" is two from "partner").
    assert_eq!(
        scratch.json(&["search", "pertnerz", "--fuzzy", "--lang", "en"])["total"],
        0
    );
}

#[test]
fn suggestions_for_misspelt_values_and_words() {
    let scratch = Scratch::new();
    let country = scratch.ok(&["search", "*", "--country", "Norwy"]);
    assert_contains!(country.stderr, "did you mean --country Norway?");
    let lang = scratch.ok(&["search", "*", "--lang", "lr"]);
    assert_contains!(lang.stderr, "did you mean --lang lt?");
    let kind = scratch.fails(&["search", "*", "--kind", "projekt"], 2);
    assert_contains!(kind.stderr, "did you mean project?");
    let word = scratch.ok(&["search", "festivel"]);
    assert_contains!(word.stderr, "did you mean \"festival\"?");
    let json = scratch.json(&["search", "helth"]);
    assert_contains!(json["hints"][0].as_str().unwrap(), "\"health\"");
}

#[test]
fn quiet_silences_notices_and_verbose_adds_timings() {
    let scratch = Scratch::new();
    let quiet = scratch.ok(&["-q", "search", "*", "--country", "Norwy"]);
    assert_eq!(quiet.stderr, "", "quiet is not quiet");
    let verbose = scratch.ok(&["search", "visit", "-v"]);
    assert_contains!(verbose.stderr, "search took");
    scratch.fails(&["-q", "-v", "stats"], 2);
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let scratch = Scratch::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = scratch.ok(&["completions", shell]).stdout;
        assert_contains!(script, "bireport");
        assert_contains!(script, "country");
        assert_contains!(script, "fuzzy");
    }
    let man = scratch.ok(&["man"]).stdout;
    assert_contains!(man, ".TH bireport");
    assert_contains!(man, "search");
}

#[test]
fn errors_are_one_line_without_debug_output() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    for args in [
        &["show", "nope"][..],
        &["search", "title:("],
        &["index", "missing/"],
    ] {
        let run = scratch.fails(args, 2);
        assert_eq!(run.stderr.trim().lines().count(), 1, "{run}");
        assert!(run.stderr.starts_with("bireport: "), "{run}");
        for debug in ["panicked", "Error {", "backtrace", "Os {"] {
            assert!(!run.stderr.contains(debug), "{run}");
        }
    }
}
