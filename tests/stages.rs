//! Each stage of `bireport index` failing in turn — a reading thread that dies, a segment
//! write the disk refuses, pairing that dies, a commit that cannot be written — injected
//! with `BIREPORT_FAULT`. Each run must end at once with one line naming the cause, exit 1,
//! and leave the last good index as it was: same answers, sound, no file lost or left.

use crate::util::{hit_ids, listing, sample_index, Run, Scratch};

/// Runs `args` with the stage `fault` made to fail.
fn run_failing(scratch: &Scratch, fault: &str, args: &[&str]) -> Run {
    Run::of(scratch.command(args).env("BIREPORT_FAULT", fault))
}

#[test]
fn every_stage_that_fails_ends_the_run_with_its_cause_and_keeps_the_last_index() {
    let io = "bireport: writing the index in index failed: Input/output error (os error 5) \
              (the previous index is intact)";
    let cases = [
        (
            "read",
            "bireport: failed while reading (embedded) 000_d07f7dcf419cedbb.txt: injected fault \
             (the previous index is intact); this is a bug in bireport, please report it",
        ),
        ("write", io),
        (
            "pairs",
            "bireport: failed while pairing the records: injected fault (the previous index is \
             intact); this is a bug in bireport, please report it",
        ),
        ("commit", io),
    ];
    for (fault, expected) in cases {
        let (scratch, dir) = sample_index();
        let files = listing(&dir);
        let before = hit_ids(&scratch.json(&["search", "festival"]));
        // One thread reads, so the file that fails first is the first file.
        let run = run_failing(&scratch, fault, &["index", "--rebuild", "--threads", "1"]);
        assert_eq!(run.code, Some(1), "{fault}: {run}");
        assert_eq!(run.stderr, format!("{expected}\n"), "{fault}");
        assert_eq!(hit_ids(&scratch.json(&["search", "festival"])), before);
        assert_eq!(scratch.json(&["check"])["sound"], true, "{fault}");
        // The next run takes away whatever the failed one left.
        scratch.ok(&["index"]);
        assert_eq!(listing(&dir), files, "{fault}");
    }
}

#[test]
fn verbose_adds_where_it_failed() {
    let (scratch, _) = sample_index();
    let run = run_failing(&scratch, "pairs", &["-v", "index", "--rebuild"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stderr.contains("bireport: panic: panicked at "),
        "{run}"
    );
    let run = run_failing(&scratch, "write", &["-v", "index", "--rebuild"]);
    assert_eq!(
        run.stderr.lines().last(),
        Some("bireport: the cause as reported: Input/output error (os error 5)"),
        "{run}"
    );
}

#[test]
fn a_first_index_that_fails_leaves_the_folder_as_it_was() {
    let scratch = Scratch::new();
    let run = run_failing(&scratch, "write", &["--index", "fresh", "index"]);
    assert_eq!(
        run.stderr,
        "bireport: writing the index in fresh failed: Input/output error (os error 5) \
         (there was no index there before)\n"
    );
    assert!(
        !scratch.path().join("fresh").exists(),
        "{run} {:?}",
        std::fs::read_dir(scratch.path().join("fresh"))
            .map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
    );

    // A folder that was there, with a dotfile of its own, keeps the dotfile only.
    let kept = scratch.write("made/.keep", "mine");
    let run = run_failing(&scratch, "commit", &["--index", "made", "index"]);
    assert_eq!(run.code, Some(1), "{run}");
    assert_eq!(listing(&scratch.path().join("made")), vec![".keep"]);
    assert_eq!(std::fs::read_to_string(kept).unwrap(), "mine");
    // So the next run can build the index there.
    scratch.ok(&["--index", "made", "index"]);
}

#[test]
fn pairing_again_that_fails_keeps_the_decisions_and_the_pairs() {
    let (scratch, dir) = sample_index();
    let pairs = scratch.json(&["pairs"]);
    let (lt, en) = crate::util::pair_ids(&pairs)[0].clone();
    let run = run_failing(&scratch, "pairs", &["pairs", "unlink", &lt, &en]);
    assert_eq!(run.code, Some(1), "{run}");
    assert_eq!(
        run.stderr,
        "bireport: failed while pairing the records: injected fault (the previous index is \
         intact); this is a bug in bireport, please report it\n"
    );
    assert!(!dir.join("decisions.tsv").exists());
    assert_eq!(scratch.json(&["pairs"]), pairs);
}
