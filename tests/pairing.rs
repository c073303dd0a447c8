//! Counterparts: pairs on the samples, `counterpart`, `pairs`, `search --cross`, and
//! re-pairing when files change.

use std::collections::HashSet;

use crate::assert_contains;
use crate::util::{hit_ids, pair_ids, Scratch};

const EN: &str = "000_d07f7dcf419cedbb.txt";
const LT: &str = "001_aa89047c32f4e6b6.txt";

#[test]
fn the_samples_give_exactly_four_pairs_and_three_unpaired_pages() {
    let scratch = Scratch::new();
    let view = scratch.json(&["pairs"]);
    let pairs = view["pairs"].as_array().unwrap();
    let found = pair_ids(&view);
    let expected: Vec<(String, String)> = (1..=4)
        .map(|k| (format!("{LT}#{k}"), format!("{EN}#{k}")))
        .collect();
    assert_eq!(found, expected);
    for pair in pairs {
        let score = pair["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score), "{pair}");
        assert!(
            pair["evidence"][0]["text"]
                .as_str()
                .unwrap()
                .starts_with("same period"),
            "{pair}"
        );
        for key in ["id", "source", "ordinal", "partner", "period"] {
            assert!(
                pair["lt"].get(key).is_some() && pair["en"].get(key).is_some(),
                "{key} in {pair}"
            );
        }
    }
    let unpaired: Vec<&str> = view["unpaired"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        unpaired,
        vec![
            "002_1af3a662db35f4a9.txt#1",
            "003_10e1ffe6dd691d70.txt#1",
            "004_257f851f65888750.txt#1"
        ]
    );
    assert_eq!(view["unpaired"][0]["lang"], "en");
    // The evidence names what the pair shares.
    let oslo = pairs[1]["evidence"].to_string();
    assert_contains!(oslo, "country Norway = Norvegija");
    assert_contains!(oslo, "Oslo");
    assert_contains!(oslo, "festivalis = festival");
}

#[test]
fn hits_and_records_know_their_counterparts() {
    let scratch = Scratch::new();
    let results = scratch.json(&["search", "festival", "--lang", "en"]);
    assert_eq!(results["hits"][0]["id"], format!("{EN}#2"));
    assert_eq!(results["hits"][0]["counterpart"], format!("{LT}#2"));
    let page = scratch.json(&["search", "deinstitutionalization"]);
    assert_eq!(page["hits"][0]["counterpart"], serde_json::Value::Null);
    let record = scratch.json(&["show", &format!("{LT}#3")]);
    assert_eq!(record["counterpart"]["id"], format!("{EN}#3"));
    assert!(record["counterpart"]["evidence"].as_array().unwrap().len() >= 2);
}

#[test]
fn counterpart_by_id_in_both_directions_and_by_query() {
    let scratch = Scratch::new();
    let view = scratch.json(&["counterpart", &format!("{LT}#4")]);
    for key in ["record", "counterpart", "score", "evidence"] {
        assert!(view.get(key).is_some(), "{key} missing");
    }
    assert_eq!(view["record"]["id"], format!("{LT}#4"));
    assert_eq!(view["counterpart"]["id"], format!("{EN}#4"));
    assert_eq!(
        view["counterpart"]["partner"],
        "Multiple Sclerosis Society of Iceland"
    );
    let back = scratch.json(&["counterpart", &format!("{EN}#4")]);
    assert_eq!(back["counterpart"]["id"], format!("{LT}#4"));
    assert_eq!(back["score"], view["score"]);
    let by_query = scratch.json(&["counterpart", "--query", "Oslo Fusion festivalis"]);
    assert_eq!(by_query["record"]["id"], format!("{LT}#2"));
    assert_eq!(by_query["counterpart"]["id"], format!("{EN}#2"));
    // A project page has none.
    let page = scratch.json(&["counterpart", "003_10e1ffe6dd691d70.txt#1"]);
    assert_eq!(page["counterpart"], serde_json::Value::Null);
    assert_eq!(page["evidence"], serde_json::json!([]));
    // Unknown ids are a one-line usage error.
    let run = scratch.fails(&["counterpart", "nope#9"], 2);
    assert_eq!(run.stderr.trim().lines().count(), 1, "{run}");
    assert_contains!(run.stderr, "no record with id");
    scratch.fails(&["counterpart"], 2);
}

#[test]
fn side_by_side_when_wide_one_after_the_other_when_narrow() {
    let scratch = Scratch::new();
    scratch.ok(&["index"]);
    let wide = scratch
        .command(&["counterpart", &format!("{LT}#2")])
        .env("COLUMNS", "160")
        .output()
        .unwrap();
    let wide = String::from_utf8_lossy(&wide.stdout).into_owned();
    assert_contains!(wide, " │ ");
    assert!(wide.lines().any(|l| l.contains(&format!("{LT}#2"))
        && l.contains(&format!("{EN}#2"))
        && l.contains('│')));
    assert!(wide.lines().all(|l| l.chars().count() <= 160), "{wide}");
    assert!(!wide.contains("**"), "{wide}");
    let coloured = scratch
        .command(&["counterpart", &format!("{LT}#2"), "--color", "always"])
        .output()
        .unwrap();
    let coloured = String::from_utf8_lossy(&coloured.stdout).into_owned();
    assert_contains!(coloured, "\x1b[1;31mOslo\x1b[0m");
    let narrow = scratch
        .command(&["counterpart", &format!("{LT}#2")])
        .env("COLUMNS", "70")
        .output()
        .unwrap();
    let narrow = String::from_utf8_lossy(&narrow.stdout).into_owned();
    assert!(!narrow.contains(" │ "), "{narrow}");
    let lt_at = narrow.find("Santrauka").unwrap();
    let en_at = narrow.find("Main results of the initiative").unwrap();
    assert!(lt_at < en_at);
}

#[test]
fn cross_search_reaches_lithuanian_summaries_with_english_words() {
    let scratch = Scratch::new();
    assert_eq!(
        scratch.json(&["search", "\"multiple sclerosis\"", "--lang", "lt"])["total"],
        0
    );
    let cross = scratch.json(&[
        "search",
        "\"multiple sclerosis\"",
        "--lang",
        "lt",
        "--cross",
    ]);
    assert_eq!(hit_ids(&cross), vec![format!("{LT}#4")]);
    assert_eq!(cross["hits"][0]["via_counterpart"], true);
    assert_eq!(cross["hits"][0]["lang"], "lt");
    // By date, each hit is explained: the same hit and score, through its counterpart.
    let by_date = scratch.json(&[
        "search",
        "\"multiple sclerosis\"",
        "--lang",
        "lt",
        "--cross",
        "--sort",
        "date",
    ]);
    assert_eq!(hit_ids(&by_date), hit_ids(&cross));
    assert_eq!(by_date["hits"][0]["score"], cross["hits"][0]["score"]);
    assert_eq!(by_date["hits"][0]["via_counterpart"], true);
    // And the other way round.
    let back = scratch.json(&["search", "sklerozės", "--lang", "en", "--cross"]);
    assert_eq!(hit_ids(&back), vec![format!("{EN}#4")]);
    // A direct match is not marked as reached through its counterpart.
    let direct = scratch.json(&["search", "sklerozės", "--lang", "lt", "--cross"]);
    assert_eq!(direct["hits"][0]["via_counterpart"], false);
    let text = scratch
        .ok(&[
            "search",
            "\"multiple sclerosis\"",
            "--lang",
            "lt",
            "--cross",
        ])
        .stdout;
    assert_contains!(text, "matched through it");
}

const EN_BERGEN: &str = "Partner: Bergen Municipality (Norway)\n\nMain results of the initiative:\n\nThe visit to Bergen strengthened cooperation on youth libraries.\n\nImplementation period: 01/03-15/03 2021\n";
const LT_BERGEN: &str = "Partneris: Bergeno savivaldybė (Norvegija)\n\nSantrauka:\n\nVizito Bergene metu bus stiprinamas jaunimo bibliotekų bendradarbiavimas ir dalijamasi patirtimi.\n\nĮgyvendinimo periodas: 2021-03-01 – 2021-03-15\n";
const LT_OSLO: &str = "Partneris: Oslo muziejus (Norvegija)\n\nSantrauka:\n\nVizito Osle metu bus aptartas muziejų bendradarbiavimas ir dalijamasi patirtimi.\n\nĮgyvendinimo periodas: 2021-03-01 – 2021-03-15\n";

/// The Bergen summary and report, written as people write them, indexed in `r/`.
fn bergen_pair() -> Scratch {
    let scratch = Scratch::new();
    scratch.write("r/en.txt", EN_BERGEN);
    scratch.write("r/lt.txt", LT_BERGEN);
    scratch.ok(&["index", "r"]);
    scratch
}

#[test]
fn pairs_follow_changes_in_incremental_runs() {
    let scratch = bergen_pair();
    let pairs = scratch.json(&["pairs"]);
    assert_eq!(pairs["pairs"].as_array().unwrap().len(), 1);
    assert_contains!(
        pairs["pairs"][0]["evidence"].to_string(),
        "savivaldybė = municipality"
    );
    assert_contains!(pairs["pairs"][0]["evidence"].to_string(), "Bergen");
    // English words reach the Lithuanian record through its pair.
    let cross = |scratch: &Scratch| {
        hit_ids(&scratch.json(&["search", "libraries", "--lang", "lt", "--cross"]))
    };
    assert_eq!(cross(&scratch), vec!["lt.txt#1".to_string()]);

    // Same period, another partner: not a pair (never forced).
    scratch.write("r/lt.txt", LT_OSLO);
    let report = scratch.json(&["index", "r"]);
    assert_eq!(
        (report["updated"].as_u64(), report["unchanged"].as_u64()),
        (Some(1), Some(1))
    );
    let pairs = scratch.json(&["pairs"]);
    assert_eq!(pairs["pairs"].as_array().unwrap().len(), 0, "{pairs}");
    assert_eq!(pairs["unpaired"].as_array().unwrap().len(), 2);
    // The old pair document is deleted, not yet merged away: --cross must not follow it.
    assert_eq!(cross(&scratch), Vec::<String>::new());

    // Back again, from an unchanged English file whose features come from the index.
    scratch.write("r/lt.txt", LT_BERGEN);
    scratch.ok(&["index", "r"]);
    assert_eq!(
        scratch.json(&["show", "en.txt#1"])["counterpart"]["id"],
        "lt.txt#1"
    );
    assert_eq!(cross(&scratch), vec!["lt.txt#1".to_string()]);

    // The English file goes: the Lithuanian record is left unpaired.
    std::fs::remove_file(scratch.path().join("r/en.txt")).unwrap();
    scratch.ok(&["index", "r"]);
    assert_eq!(
        scratch.json(&["show", "lt.txt#1"])["counterpart"],
        serde_json::Value::Null
    );
}

#[test]
fn a_generated_corpus_is_paired_one_to_one_end_to_end() {
    let scratch = Scratch::new();
    let summary = scratch.json(&["gen-corpus", "gen", "--records", "1200", "--seed", "9"]);
    assert_eq!(summary["records"], 1200);
    let report = scratch.json(&["index", "gen"]);
    assert_eq!(report["records"], 1200);
    let view = scratch.json(&["pairs"]);
    let pairs = view["pairs"].as_array().unwrap();
    assert!(pairs.len() > 400, "only {} pairs", pairs.len());
    let mut seen = HashSet::new();
    for pair in pairs {
        assert!(seen.insert(pair["lt"]["id"].to_string()));
        assert!(seen.insert(pair["en"]["id"].to_string()));
        assert!(pair["lt"]["id"].as_str().unwrap().contains("/lt_"));
        assert!(pair["en"]["id"].as_str().unwrap().contains("/en_"));
    }
    assert_eq!(
        pairs.len() * 2 + view["unpaired"].as_array().unwrap().len(),
        1200
    );
    // The same seed writes the same corpus.
    scratch.json(&["gen-corpus", "again", "--records", "1200", "--seed", "9"]);
    let a = std::fs::read_to_string(scratch.path().join("gen/c00001/lt_001.txt")).unwrap();
    let b = std::fs::read_to_string(scratch.path().join("again/c00001/lt_001.txt")).unwrap();
    assert_eq!(a, b);
}

#[test]
fn words_learned_from_certain_pairs_decide_an_uncertain_one() {
    let scratch = Scratch::new();
    let (mut lt, mut en) = (String::new(), String::new());
    for (lithuanian, english, period) in [
        ("Bergeno", "Bergen", "01/03-05/03 2021"),
        ("Oslo", "Oslo", "08/03-12/03 2021"),
        ("Tromsės", "Tromsø", "15/03-19/03 2021"),
    ] {
        lt.push_str(&format!("Partneris: {lithuanian} jūrų gelbėjimo tarnyba (Norvegija)\n\nSantrauka:\n\nAsociacija „Kranto sargai“ susitiks su {lithuanian} jūrų gelbėjimo tarnyba.\n\nĮgyvendinimo periodas: {period}\n\n"));
        en.push_str(&format!("Partner: {english} Sea Rescue Service (Norway)\n\nMain results of the initiative:\n\nThe association Kranto sargai met the {english} Sea Rescue Service.\n\nImplementation period: {period}\n\n"));
    }
    // The plan moved by a day, and another Halden initiative has the planned week exactly.
    lt.push_str("Partneris: Haldeno jūrų gelbėjimo tarnyba (Norvegija)\n\nSantrauka:\n\nBus aptarta.\n\nĮgyvendinimo periodas: 05/04-09/04 2021\n\n");
    en.push_str("Partner: Halden Sea Rescue Service (Norway)\n\nMain results of the initiative:\n\nDrills were held.\n\nImplementation period: 06/04-09/04 2021\n\n");
    en.push_str("Partner: Halden Youth Theatre (Norway)\n\nMain results of the initiative:\n\nPlays were staged.\n\nImplementation period: 05/04-09/04 2021\n");
    scratch.write("lists/lt.txt", lt);
    scratch.write("lists/en.txt", en);
    scratch.ok(&["index", "lists"]);
    let view = scratch.json(&["counterpart", "lt.txt#4"]);
    assert_eq!(view["counterpart"]["id"], "en.txt#4", "{view}");
    assert_contains!(view["evidence"].to_string(), "learned: gelbėjimo = Rescue");
    // What was learned is kept beside the index.
    let kept = std::fs::read_to_string(scratch.path().join("index/lexicon.tsv")).unwrap();
    assert_eq!(kept, "gelbejim\trescu\t1.000\tgelbėjimo\tRescue\n");
    // And searches translate by it: `rescue` reaches the Lithuanian records.
    let results = scratch.json(&["search", "rescue", "--lang", "lt"]);
    assert_eq!(
        results["expanded"],
        serde_json::json!([{"word": "rescue", "also": ["gelbėjimo"], "from": "lexicon"}])
    );
    assert_eq!(results["total"], 4, "{results}");
    let results = scratch.json(&["search", "gelbėjimo", "--lang", "en"]);
    assert_eq!(
        results["expanded"][0]["also"],
        serde_json::json!(["Rescue"])
    );
    assert_eq!(results["total"], 4, "{results}");
}

#[test]
fn a_users_glossary_pairs_what_the_compiled_one_cannot_and_is_kept() {
    let scratch = Scratch::new();
    scratch.write(
        "lists/lt.txt",
        "Partneris: Haldeno jūrų gelbėjimo tarnyba (Norvegija)\n\nSantrauka:\n\nBus aptarta.\n\nĮgyvendinimo periodas: 05/04-09/04 2021\n",
    );
    scratch.write(
        "lists/en.txt",
        "Partner: Halden Sea Rescue Service (Norway)\n\nMain results of the initiative:\n\nDrills were held.\n\nImplementation period: 06/04-09/04 2021\n\n\
         Partner: Halden Youth Theatre (Norway)\n\nMain results of the initiative:\n\nPlays were staged.\n\nImplementation period: 05/04-09/04 2021\n",
    );
    let counterpart = |scratch: &Scratch| scratch.json(&["counterpart", "lt.txt#1"]);
    scratch.ok(&["index", "lists"]);
    assert_eq!(
        counterpart(&scratch)["counterpart"],
        serde_json::Value::Null
    );

    scratch.write(
        "terms.tsv",
        "# maritime terms\nrescue\trescue\tgelbėjimas\nsea\tsea\tjūra\n",
    );
    scratch.ok(&["index", "--glossary", "terms.tsv", "lists"]);
    let view = counterpart(&scratch);
    assert_eq!(view["counterpart"]["id"], "en.txt#1", "{view}");
    assert_contains!(
        view["evidence"].to_string(),
        "glossary: gelbėjimas = rescue"
    );
    // Kept by the index: a later run without the flag pairs the same.
    assert!(scratch.path().join("index/glossary.tsv").is_file());
    scratch.ok(&["index", "lists"]);
    assert_eq!(counterpart(&scratch)["counterpart"]["id"], "en.txt#1");

    // A kept copy damaged by hand names itself and says what to do.
    std::fs::write(scratch.path().join("index/glossary.tsv"), "rescue\n").unwrap();
    let run = scratch.fails(&["search", "drills"], 1);
    assert_contains!(run.stderr, "glossary.tsv: line 1 is not `concept<TAB>English words<TAB>Lithuanian words`: \"rescue\"; correct or remove it");
    scratch.write("bad.tsv", "rescue\trescue\n");
    let run = scratch.fails(&["index", "--glossary", "bad.tsv", "lists"], 2);
    assert_contains!(run.stderr, "invalid --glossary \"bad.tsv\": line 1 is not `concept<TAB>English words<TAB>Lithuanian words`");
}

/// The words each evidence item marks in one record of a counterpart view, read back
/// through the marks' JSON pointers and byte ranges.
fn marked_words(view: &serde_json::Value, item: &serde_json::Value, which: &str) -> Vec<String> {
    let mut words = Vec::new();
    for mark in item["marks"][which].as_array().unwrap() {
        let text = view[which]
            .pointer(mark["field"].as_str().unwrap())
            .and_then(|t| t.as_str())
            .unwrap_or_else(|| panic!("{mark} points at no text"));
        for range in mark["ranges"].as_array().unwrap() {
            let (start, end) = (range[0].as_u64().unwrap(), range[1].as_u64().unwrap());
            words.push(text[start as usize..end as usize].to_string());
        }
    }
    words
}

#[test]
fn evidence_is_typed_and_marks_the_words_it_names_in_every_inflection() {
    let scratch = bergen_pair();
    let view = scratch.json(&["counterpart", "lt.txt#1"]);
    let found: Vec<(String, String, Vec<String>, Vec<String>)> = view["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["kind"].as_str().unwrap().to_string(),
                item["text"].as_str().unwrap().to_string(),
                marked_words(&view, item, "record"),
                marked_words(&view, item, "counterpart"),
            )
        })
        .collect();
    let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    assert_eq!(
        found,
        vec![
            (
                "same_period".into(),
                "same period 2021-03-01..2021-03-15".into(),
                vec![],
                vec![]
            ),
            (
                "country".into(),
                "country Norway = Norvegija".into(),
                vec![],
                vec![]
            ),
            (
                "shared_place".into(),
                "partner names both name \"Bergen\" = \"Bergenas\"".into(),
                words(&["Bergeno", "Bergene"]),
                words(&["Bergen", "Bergen"])
            ),
            (
                "glossary".into(),
                "glossary: savivaldybė = municipality".into(),
                words(&["savivaldybė"]),
                words(&["Municipality"])
            ),
            (
                "names_in_texts".into(),
                "names in both texts: Bergen".into(),
                words(&["Bergeno", "Bergene"]),
                words(&["Bergen", "Bergen"])
            ),
        ]
    );
    // The pair's JSON elsewhere carries the same items, without the marks.
    let pairs = scratch.json(&["pairs"]);
    let texts: Vec<&str> = (pairs["pairs"][0]["evidence"].as_array().unwrap().iter())
        .map(|item| item["text"].as_str().unwrap())
        .collect();
    let view_texts: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(texts, view_texts);
    assert!(pairs["pairs"][0]["evidence"][0].get("marks").is_none());
}
