//! Messy input, concurrent use, crashes and incremental re-indexing.

use std::time::{Duration, Instant};

use crate::assert_contains;
use crate::util::{hit_ids, Scratch};

const LT_RECORD: &str = "Partneris: Bergeno savivaldybė (Norvegija)\n\nSantrauka:\n\nVizito Bergene metu bus stiprinamas jaunimo bibliotekų bendradarbiavimas ir dalijamasi gerąja patirtimi su Norvegijos kolegomis.\n\nĮgyvendinimo periodas: 01/03-15/03 2021\n";

fn en_record(partner: &str, topic: &str) -> String {
    format!("Partner: {partner} (Norway)\n\nMain results of the initiative:\n\nThe visit strengthened cooperation on {topic} between the partners.\n\nImplementation period: 01/03-15/03 2021\n")
}

#[test]
fn every_supported_encoding_and_line_ending_parses_alike() {
    let scratch = Scratch::new();
    let utf16 = |big_endian: bool| -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in LT_RECORD.encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    };
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(LT_RECORD.as_bytes());
    let (baltic, _, unmappable) = encoding_rs::WINDOWS_1257.encode(LT_RECORD);
    assert!(!unmappable);
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("utf8.txt", LT_RECORD.as_bytes().to_vec()),
        ("utf8-bom.txt", bom),
        ("utf16le.txt", utf16(false)),
        ("utf16be.txt", utf16(true)),
        ("windows-1257.txt", baltic.into_owned()),
        ("crlf.txt", LT_RECORD.replace('\n', "\r\n").into_bytes()),
        ("cr.txt", LT_RECORD.replace('\n', "\r").into_bytes()),
    ];
    for (name, bytes) in &variants {
        scratch.write(&format!("enc/{name}"), bytes);
    }
    let report = scratch.json(&["index", "enc"]);
    assert_eq!(report["records"], variants.len(), "{report}");
    assert_eq!(report["skipped"], serde_json::json!([]));
    for (name, _) in &variants {
        let record = scratch.json(&["show", &format!("{name}#1")]);
        assert_eq!(record["partner"], "Bergeno savivaldybė", "{name}");
        assert_eq!(record["country"], "Norway", "{name}");
        assert_eq!(record["lang"]["code"], "lt", "{name}");
        assert_eq!(record["period"]["start"], "2021-03-01", "{name}");
        assert_eq!(record["sections"][0]["label"], "Santrauka", "{name}");
        assert!(!record["text"].as_str().unwrap().contains('\r'), "{name}");
    }
    // Every copy is found by a diacritic-free query.
    assert_eq!(
        scratch.json(&["search", "biblioteku"])["total"],
        variants.len()
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_skipped_with_a_reason() {
    let scratch = Scratch::new();
    scratch.write("r/good.txt", LT_RECORD);
    std::os::unix::fs::symlink(scratch.path().join("r"), scratch.path().join("r/loop")).unwrap();
    let report = scratch.json(&["index", "r"]);
    assert_eq!(report["records"], 1);
    let reasons: Vec<&str> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("symbolic link loop")),
        "{reasons:?}"
    );
}

#[cfg(unix)]
#[test]
fn special_files_are_skipped_instead_of_blocking() {
    let scratch = Scratch::new();
    scratch.write("r/good.txt", LT_RECORD);
    let fifo = scratch.path().join("r/pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipping");
        return;
    }
    let report = scratch.json(&["index", "r"]);
    assert_eq!(report["records"], 1);
    assert_eq!(report["skipped"][0]["reason"], "not a regular file");
}

#[test]
fn a_single_line_of_a_million_words_is_indexed() {
    let scratch = Scratch::new();
    let mut line = String::with_capacity(8_000_000);
    for n in 0..1_000_000u32 {
        line.push_str(["grant ", "report ", "youth ", "library "][(n % 4) as usize]);
    }
    line.push_str("zanzibarian");
    scratch.write("huge/line.txt", format!("A title\n{line}\n"));
    let report = scratch.json(&["index", "huge"]);
    assert_eq!(report["records"], 1);
    assert_eq!(
        hit_ids(&scratch.json(&["search", "zanzibarian"])),
        vec!["line.txt#1"]
    );
}

#[test]
fn reindexing_touches_only_changed_files_and_reports_counts() {
    let scratch = Scratch::new();
    scratch.write("r/a.txt", en_record("Alpha Association", "libraries"));
    scratch.write("r/b.txt", en_record("Beta Council", "museums"));
    scratch.write("r/c.txt", en_record("Gamma Society", "festivals"));
    let first = scratch.json(&["index", "r"]);
    assert_eq!(
        (first["added"].as_u64(), first["unchanged"].as_u64()),
        (Some(3), Some(0))
    );

    let again = scratch.json(&["index", "r"]);
    assert_eq!(again["unchanged"], 3);
    assert_eq!(again["added"], 0);
    assert_eq!(again["updated"], 0);
    assert_eq!(again["removed"], 0);
    assert_eq!(again["records"], 3);

    scratch.write("r/a.txt", en_record("Alpha Association", "orchestras"));
    std::fs::remove_file(scratch.path().join("r/b.txt")).unwrap();
    scratch.write("r/d.txt", en_record("Delta Hospital", "hospitals"));
    let changed = scratch.json(&["index", "r"]);
    assert_eq!(changed["updated"], 1, "{changed}");
    assert_eq!(changed["removed"], 1, "{changed}");
    assert_eq!(changed["added"], 1, "{changed}");
    assert_eq!(changed["unchanged"], 1, "{changed}");
    assert_eq!(changed["files"], 3);
    assert_eq!(changed["records"], 3);
    assert_eq!(
        hit_ids(&scratch.json(&["search", "orchestras"])),
        vec!["a.txt#1"]
    );
    assert_eq!(scratch.json(&["search", "libraries"])["total"], 0);
    assert_eq!(scratch.json(&["search", "museums"])["total"], 0);
    assert_eq!(
        hit_ids(&scratch.json(&["search", "hospitals"])),
        vec!["d.txt#1"]
    );
    assert_eq!(scratch.json(&["stats"])["records"], 3);

    let rebuilt = scratch.json(&["index", "r", "--rebuild"]);
    assert_eq!(rebuilt["added"], 3);
    assert_eq!(rebuilt["unchanged"], 0);
    assert_eq!(scratch.json(&["stats"])["records"], 3);
}

/// The files in `scratch`'s index directory whose names start with `prefix`: the
/// incremental or pair stores, finished or partial.
fn files_starting(scratch: &Scratch, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(scratch.path().join("index"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(prefix))
        .collect();
    names.sort();
    names
}

/// A scratch directory with three records in `r`: a Lithuanian one, its English
/// counterpart, and an English one without.
fn pair_and_one_more() -> Scratch {
    let scratch = Scratch::new();
    scratch.write("r/lt.txt", LT_RECORD);
    scratch.write(
        "r/en.txt",
        en_record("Bergen Municipality", "youth libraries"),
    );
    scratch.write("r/other.txt", en_record("Gamma Society", "festivals"));
    scratch
}

/// The incremental store files in `scratch`'s index directory (finished or partial).
fn store_files(scratch: &Scratch) -> Vec<String> {
    files_starting(scratch, "incremental")
}

#[test]
fn a_missing_or_damaged_incremental_store_costs_a_full_read_and_nothing_else() {
    let scratch = pair_and_one_more();
    let first = scratch.json(&["index", "r"]);
    assert_eq!(first["warnings"], serde_json::json!([]));
    let pairs = scratch.json(&["pairs"]);
    assert_eq!(pairs["pairs"].as_array().map(Vec::len), Some(1), "{pairs}");
    let current_store = || {
        let stores = store_files(&scratch);
        assert_eq!(stores.len(), 1, "{stores:?}");
        (
            scratch.path().join("index").join(&stores[0]),
            stores[0].clone(),
        )
    };
    for damage in ["cut short", "removed"] {
        let (store, name) = current_store();
        if damage == "removed" {
            std::fs::remove_file(&store).unwrap();
        } else {
            let whole = std::fs::read(&store).unwrap();
            std::fs::write(&store, &whole[..whole.len() / 2]).unwrap();
        }
        let report = scratch.json(&["index", "r"]);
        let warning = report["warnings"][0].as_str().unwrap_or_default();
        assert_contains!(warning, "incremental store");
        assert_contains!(warning, &name);
        assert_eq!(
            (&report["updated"], &report["unchanged"], &report["records"]),
            (
                &serde_json::json!(3),
                &serde_json::json!(0),
                &serde_json::json!(3)
            ),
            "{damage}: {report}"
        );
        assert_eq!(scratch.json(&["pairs"]), pairs, "{damage}");
        assert_eq!(
            hit_ids(&scratch.json(&["search", "festivals"])),
            vec!["other.txt#1"]
        );
        // The run wrote a sound store again (only that one): the next run reads nothing.
        current_store();
        let again = scratch.json(&["index", "r"]);
        assert_eq!(again["warnings"], serde_json::json!([]), "{damage}");
        assert_eq!(again["unchanged"], 3, "{damage}: {again}");
    }
    // What a killed run leaves is cleared by the next, even one with nothing to commit.
    let (store, _) = current_store();
    std::fs::copy(&store, store.with_file_name("incremental.partial-999999")).unwrap();
    std::fs::copy(
        &store,
        store.with_file_name("incremental-0123456789abcdef.bin"),
    )
    .unwrap();
    let again = scratch.json(&["index", "r"]);
    assert_eq!(again["unchanged"], 3, "{again}");
    assert_eq!(current_store().0, store);
}

/// The pair store files in `scratch`'s index directory (finished or partial).
fn pair_store_files(scratch: &Scratch) -> Vec<String> {
    files_starting(scratch, "pairs")
}

#[test]
fn a_missing_or_damaged_pair_store_is_reported_and_the_next_run_writes_it_again() {
    let scratch = pair_and_one_more();
    scratch.json(&["index", "r"]);
    let pairs = scratch.json(&["pairs"]);
    assert_eq!(pairs["pairs"].as_array().map(Vec::len), Some(1), "{pairs}");
    let shown = scratch.json(&["show", "lt.txt#1"]);
    assert_eq!(shown["counterpart"]["id"], "en.txt#1", "{shown}");
    let current_store = || {
        let stores = pair_store_files(&scratch);
        assert_eq!(stores.len(), 1, "{stores:?}");
        scratch.path().join("index").join(&stores[0])
    };
    for damage in ["cut short", "altered", "removed"] {
        let store = current_store();
        let whole = std::fs::read(&store).unwrap();
        match damage {
            "removed" => std::fs::remove_file(&store).unwrap(),
            "cut short" => std::fs::write(&store, &whole[..whole.len() / 2]).unwrap(),
            _ => {
                // Same length, one byte of the pairs' (compressed) JSON changed, just
                // after the header line: only the hash tells for sure.
                let mut altered = whole.clone();
                let at = altered.iter().position(|&b| b == b'\n').unwrap() + 8;
                altered[at] ^= 0x20;
                std::fs::write(&store, &altered).unwrap();
            }
        }
        if damage != "altered" {
            // Searches cannot answer without it, and say what to do.
            let failed = scratch.fails(&["search", "festivals"], 1);
            assert_contains!(failed.stderr, "pair");
            assert_contains!(failed.stderr, "bireport index");
        }
        // The next run, though no file changed, computes the pairs and writes them again.
        let report = scratch.json(&["index", "r"]);
        let warning = report["warnings"][0].as_str().unwrap_or_default();
        assert_contains!(warning, "pair store");
        assert_eq!(report["unchanged"], 3, "{damage}: {report}");
        assert_eq!(scratch.json(&["pairs"]), pairs, "{damage}");
        assert_eq!(scratch.json(&["show", "lt.txt#1"]), shown, "{damage}");
        assert_eq!(
            hit_ids(&scratch.json(&["search", "festivals"])),
            vec!["other.txt#1"]
        );
        current_store();
        let again = scratch.json(&["index", "r"]);
        assert_eq!(
            again["warnings"],
            serde_json::json!([]),
            "{damage}: {again}"
        );
    }
    // What a killed run leaves is cleared by the next, even one with nothing to commit.
    let store = current_store();
    std::fs::copy(&store, store.with_file_name("pairs.partial-999999")).unwrap();
    std::fs::copy(&store, store.with_file_name("pairs-0123456789abcdef.bin")).unwrap();
    scratch.json(&["index", "r"]);
    assert_eq!(current_store(), store);
    // A commit with other pairs keeps the last commit's store until the next run (a search
    // that read the last commit may be about to open it), and no older one.
    let mut newest = store.file_name().unwrap().to_string_lossy().into_owned();
    // The English record loses its counterpart, then gets it back.
    for (partner, pairs) in [("Delta Foundation", 0), ("Bergen Municipality", 1)] {
        scratch.write("r/en.txt", en_record(partner, "youth libraries"));
        scratch.json(&["index", "r"]);
        let stores = pair_store_files(&scratch);
        assert_eq!(stores.len(), 2, "{partner}: {stores:?}");
        assert!(stores.contains(&newest), "{stores:?} {newest}");
        newest = stores.into_iter().find(|s| *s != newest).unwrap();
        assert_eq!(
            scratch.json(&["pairs"])["pairs"].as_array().map(Vec::len),
            Some(pairs)
        );
    }
}

#[test]
fn a_file_that_turns_bad_loses_its_records_and_says_why() {
    let scratch = Scratch::new();
    scratch.write("r/a.txt", en_record("Alpha Association", "libraries"));
    scratch.write("r/b.txt", en_record("Beta Council", "museums"));
    scratch.json(&["index", "r"]);
    scratch.write("r/b.txt", "");
    let report = scratch.json(&["index", "r"]);
    assert_eq!(report["removed"], 1, "{report}");
    assert_eq!(report["records"], 1);
    assert_contains!(report["skipped"][0]["reason"].as_str().unwrap(), "empty");
}

#[test]
fn a_second_writer_fails_at_once_and_searches_keep_answering() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    // Hold the index's writer lock from this process, with an uncommitted change.
    let open = bireport::index::open(
        &scratch.path().join("index"),
        bireport::analysis::Mode::Indexing,
    )
    .expect("open index");
    let writer: tantivy::IndexWriter = open.index.writer(50_000_000).expect("writer");
    writer.delete_all_documents().unwrap();

    let started = Instant::now();
    let run = scratch.fails(&["index"], 1);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_contains!(run.stderr, "being written by another bireport process");
    assert_eq!(run.stderr.trim().lines().count(), 1, "{run}");
    // Readers see the last commit, not the uncommitted delete.
    assert_eq!(scratch.json(&["search", "*"])["total"], 11);
    drop(writer);
    scratch.ok(&["index"]);
}

#[cfg(unix)]
#[test]
fn killing_an_indexing_run_leaves_the_last_commit_searchable() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    // A corpus large enough that indexing takes a while.
    let files = 3000;
    for n in 0..files {
        let partner = format!("Partner Organisation Number {n}");
        scratch.write(
            &format!("big/{:02}/f{n}.txt", n % 50),
            en_record(&partner, &format!("topic{n} cooperation")).repeat(3),
        );
    }
    let mut killed_before_commit = 0;
    for delay_ms in [10u64, 60, 150, 300, 600, 1000] {
        let mut child = scratch.command(&["index", "big"]).spawn().expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let total = scratch.json(&["search", "*", "--limit", "0"])["total"]
            .as_u64()
            .unwrap();
        assert!(
            total == 11 || total == 3 * files,
            "after a kill at {delay_ms} ms ({status}) the index holds {total} records"
        );
        if total == 11 {
            killed_before_commit += 1;
            assert_eq!(hit_ids(&scratch.json(&["search", "sklerozės"])).len(), 1);
        }
    }
    assert!(
        killed_before_commit > 0,
        "no kill landed before the commit: the test proved nothing"
    );
    // The killed runs left no lock or debris that stops the next run.
    let report = scratch.json(&["index", "big"]);
    assert_eq!(report["records"], 3 * files);
    // Nor any store but the last commit's.
    assert_eq!(
        store_files(&scratch).len(),
        1,
        "{:?}",
        store_files(&scratch)
    );
    assert_eq!(scratch.json(&["search", "topic1234"])["total"], 3);
}

#[test]
fn a_writer_queue_of_any_size_indexes_the_same_records_and_pairs() {
    use bireport::generate::{write_to, GenOptions};
    use bireport::index::WriteOptions;
    use bireport::pipeline::{build_index, IndexOptions, Input};
    use bireport::search::Engine;

    let scratch = Scratch::new();
    let corpus = scratch.path().join("corpus");
    write_to(
        &corpus,
        GenOptions {
            records: 3_000,
            seed: 4,
        },
    )
    .unwrap();
    let contents = |queue_limit: usize| {
        let dir = scratch.path().join(format!("index-{queue_limit}"));
        let options = IndexOptions {
            write: WriteOptions {
                threads: 2,
                queue_limit,
                ..WriteOptions::default()
            },
            ..IndexOptions::default()
        };
        let report = build_index(&dir, &Input::Paths(vec![corpus.clone()]), options).unwrap();
        assert_eq!(report.records, 3_000);
        let engine = Engine::open(&dir).unwrap();
        let mut ids: Vec<String> = engine
            .all_records()
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        ids.sort();
        let mut pairs = engine.all_pairs().unwrap();
        pairs.sort_by(|a, b| a.lt.cmp(&b.lt));
        (ids, pairs)
    };
    // One place: every file's batch waits until the indexing threads took all before it.
    // Seven: batches wait for room part of the way. The default rarely waits here.
    let (ids, pairs) = contents(WriteOptions::default().queue_limit);
    assert_eq!(ids.len(), 3_000);
    assert!(pairs.len() > 1_000, "only {} pairs", pairs.len());
    for limit in [1, 7] {
        let (other_ids, other_pairs) = contents(limit);
        assert_eq!(other_ids, ids, "queue of {limit}");
        assert_eq!(other_pairs, pairs, "queue of {limit}");
    }
}
