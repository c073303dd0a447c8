//! Faults real machines have: a disk that fills up while `index` runs. The run must end
//! soon, with one line naming the cause and the fix, and the last good index intact.
//!
//! The full disk is a small tmpfs mounted for the test; where mounting is not allowed (not
//! root, no tmpfs), the test says so on stderr and checks nothing.

use std::time::{Duration, Instant};

use crate::util::disk::SmallDisk;
use crate::util::{hit_ids, listing, sample_index, Scratch};

#[test]
fn a_disk_that_fills_up_ends_the_run_with_the_cause_and_keeps_the_last_index() {
    let scratch = Scratch::new();
    let Some(disk) = SmallDisk::mount(&scratch, "50m") else {
        return;
    };
    let index = disk.path().join("index");
    let index = index.to_str().unwrap();
    // The last good index: the embedded samples.
    scratch.ok(&["--index", index, "index"]);
    let before = hit_ids(&scratch.json(&["--index", index, "search", "festival"]));
    assert!(!before.is_empty());

    // 300,000 records need about 200 MB: the indexing threads die on the full disk in the
    // middle of the run, with documents still queued for them.
    scratch.ok(&["gen-corpus", "big", "--records", "300000"]);
    let started = Instant::now();
    let mut child = scratch
        .command(&["--index", index, "index", "--threads", "2", "big"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("index on a full disk still ran after 120 s: it hangs");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    let expected_start = format!(
        "bireport: no space left on device writing {index} (the previous index is intact; about "
    );
    assert!(
        lines[0].starts_with(&expected_start) && lines[0].ends_with(" MB more are needed)"),
        "{stderr}"
    );

    // The last commit still answers and is sound, and the next run cleans up after the
    // failed one.
    assert_eq!(
        hit_ids(&scratch.json(&["--index", index, "search", "festival"])),
        before
    );
    let check = scratch.json(&["--index", index, "check"]);
    assert_eq!(check["sound"], true, "{check}");
    scratch.ok(&["--index", index, "index"]);
    assert_eq!(
        hit_ids(&scratch.json(&["--index", index, "search", "festival"])),
        before
    );
    let check = scratch.json(&["--index", index, "check"]);
    assert_eq!(check["sound"], true, "{check}");
}

#[test]
fn check_finds_a_sound_index_sound() {
    let (scratch, _) = sample_index();
    let run = scratch.ok(&["check"]);
    assert_eq!(
        run.stdout,
        "checked index: 12 segment files, 2 segments, 11 stored records, 5 files, 4 pairs\nsound\n"
    );
    let json = scratch.json(&["check"]);
    assert_eq!(json["sound"], true);
    assert_eq!(json["problems"], serde_json::json!([]));
}

#[test]
fn check_finds_a_flipped_byte_in_every_kind_of_segment_file() {
    for kind in ["fast", "fieldnorm", "idx", "pos", "store", "term"] {
        let (scratch, dir) = sample_index();
        let files = listing(&dir);
        let name = files
            .iter()
            .find(|f| f.ends_with(&format!(".{kind}")))
            .unwrap()
            .clone();
        let path = dir.join(&name);
        let mut bytes = std::fs::read(&path).unwrap();
        let at = bytes.len() / 3;
        bytes[at] ^= 0xFF;
        std::fs::write(&path, bytes).unwrap();
        let run = scratch.fails(&["check"], 1);
        assert_eq!(
            run.stdout.lines().skip(1).collect::<Vec<_>>(),
            vec![
                format!("damaged: {name}: its contents do not match the checksum in its footer"),
                "rebuild it with `bireport --index index index --rebuild PATHS`".to_string(),
            ],
            "{kind}"
        );
        assert_eq!(listing(&dir), files, "check deletes nothing");
    }
}

#[test]
fn check_names_a_truncated_store_and_a_missing_pair_store() {
    let (scratch, dir) = sample_index();
    let store = listing(&dir)
        .into_iter()
        .find(|f| f.ends_with(".store"))
        .unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join(&store))
        .unwrap()
        .set_len(100)
        .unwrap();
    let run = scratch.fails(&["check"], 1);
    let problems = scratch.run(&["check", "--json"]).json()["problems"].clone();
    assert_eq!(problems[0]["file"], store.as_str(), "{run}");
    assert_eq!(problems.as_array().unwrap().len(), 1, "{problems}");
    // Every other command says it in one line, with the file and what to do.
    let run = scratch.fails(&["search", "festival"], 1);
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    assert!(
        run.stderr
            .starts_with(&format!("bireport: index index is damaged ({store}: "))
            && run.stderr.trim_end().ends_with(
                "; run `bireport check` for details or `bireport index --rebuild PATHS` to rebuild it"
            ),
        "{run}"
    );

    let (scratch, dir) = sample_index();
    let pairs = listing(&dir)
        .into_iter()
        .find(|f| f.starts_with("pairs-"))
        .unwrap();
    std::fs::remove_file(dir.join(&pairs)).unwrap();
    let problems = scratch.run(&["check", "--json"]).json()["problems"].clone();
    assert_eq!(problems[0]["file"], pairs.as_str(), "{problems}");
    assert!(
        problems[0]["reason"]
            .as_str()
            .unwrap()
            .contains("No such file or directory"),
        "{problems}"
    );
}
