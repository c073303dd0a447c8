//! `bireport search`: languages, stemming, filters, query syntax and output shapes.

use crate::assert_contains;
use serde_json::Value;

use crate::util::{hit_ids, Scratch};

const EN: &str = "000_d07f7dcf419cedbb.txt";
const LT: &str = "001_aa89047c32f4e6b6.txt";

/// English initiatives in Norway mentioning "visit", by the filter flags.
const VISIT_IN_NORWAY: [&str; 8] = [
    "search",
    "visit",
    "--lang",
    "en",
    "--country",
    "Norway",
    "--kind",
    "initiative",
];

fn ids(scratch: &Scratch, args: &[&str]) -> Vec<String> {
    let mut args = args.to_vec();
    args.extend(["--limit", "100"]);
    let mut ids = hit_ids(&scratch.json(&args));
    ids.sort();
    ids
}

#[test]
fn a_fresh_directory_answers_from_the_embedded_corpus() {
    let scratch = Scratch::new();
    let run = scratch.ok(&["search", "mental health"]);
    assert_contains!(run.stderr, "embedded sample corpus");
    assert_contains!(run.stdout, &format!("{EN}#1"));
    assert!(scratch.path().join("index/meta.json").is_file());
    // The second search uses the index built by the first and says nothing about it.
    let again = scratch.ok(&["search", "mental health"]);
    assert_eq!(again.stderr, "");
}

#[test]
fn lithuanian_inflections_and_missing_diacritics_match() {
    let scratch = Scratch::new();
    // sveikata (nominative) finds sveikatos (genitive).
    assert_eq!(
        ids(&scratch, &["search", "sveikata"]),
        vec![format!("{LT}#1")]
    );
    // paveldas finds paveldą.
    assert_eq!(
        ids(&scratch, &["search", "paveldas"]),
        vec![format!("{LT}#3")]
    );
    // Diacritic-free typing finds išsėtinės sklerozės.
    assert_eq!(
        ids(&scratch, &["search", "issetine skleroze"]),
        vec![format!("{LT}#4")]
    );
    assert_eq!(
        ids(&scratch, &["search", "\"issetines sklerozes\""]),
        vec![format!("{LT}#4")]
    );
    // Sančių / Šančių.
    assert_eq!(
        ids(&scratch, &["search", "sanciu"]),
        vec![format!("{LT}#3")]
    );
}

#[test]
fn english_words_are_stemmed() {
    let scratch = Scratch::new();
    // "visited" and "visits" occur; the stem "visit" joins them.
    let visit = ids(&scratch, &["search", "visiting", "--lang", "en"]);
    assert_eq!(visit, ids(&scratch, &["search", "visit", "--lang", "en"]));
    assert!(visit.contains(&format!("{EN}#1")), "{visit:?}");
    assert!(
        visit.contains(&"004_257f851f65888750.txt#1".to_string()),
        "{visit:?}"
    );
    // "organisations" (British) in 004 and the plural in 000#1.
    let organisation = ids(&scratch, &["search", "organisation", "--kind", "project"]);
    assert!(
        organisation.contains(&"004_257f851f65888750.txt#1".to_string()),
        "{organisation:?}"
    );
}

#[test]
fn every_word_must_match_unless_or_is_used() {
    let scratch = Scratch::new();
    assert_eq!(
        ids(&scratch, &["search", "Iceland festival"]),
        Vec::<String>::new()
    );
    let either = ids(&scratch, &["search", "Iceland OR festival", "--lang", "en"]);
    assert_eq!(either, vec![format!("{EN}#2"), format!("{EN}#4")]);
    let not = ids(
        &scratch,
        &[
            "search",
            "visit NOT Iceland",
            "--lang",
            "en",
            "--kind",
            "initiative",
        ],
    );
    assert!(
        !not.contains(&format!("{EN}#4")) && !not.is_empty(),
        "{not:?}"
    );
}

#[test]
fn phrases_and_field_aliases() {
    let scratch = Scratch::new();
    assert_eq!(
        ids(&scratch, &["search", "\"Open Dialogue\""]),
        vec![format!("{EN}#1")]
    );
    assert_eq!(
        ids(&scratch, &["search", "\"dialogue open\""]),
        Vec::<String>::new()
    );
    // partner: reaches both languages' partner fields.
    assert_eq!(
        ids(&scratch, &["search", "partner:fusion"]),
        vec![format!("{EN}#2"), format!("{LT}#2")]
    );
    assert_eq!(
        ids(&scratch, &["search", "partner_lt:fusion"]),
        vec![format!("{LT}#2")]
    );
    assert_eq!(ids(&scratch, &["search", "partner:bodo"]).len(), 2);
}

#[test]
fn facet_filters_narrow_results() {
    let scratch = Scratch::new();
    let all = ids(&scratch, &["search", "*"]);
    assert_eq!(all.len(), 11);
    let lt = ids(&scratch, &["search", "*", "--lang", "lt"]);
    assert_eq!(lt, (1..=4).map(|k| format!("{LT}#{k}")).collect::<Vec<_>>());
    let iceland = ids(&scratch, &["search", "*", "--country", "Iceland"]);
    assert_eq!(iceland, vec![format!("{EN}#4"), format!("{LT}#4")]);
    // Country names in Lithuanian (any case, inflected) mean the same filter.
    assert_eq!(
        ids(&scratch, &["search", "*", "--country", "islandijos"]),
        iceland
    );
    assert_eq!(ids(&scratch, &["search", "*", "--year", "2020"]).len(), 8);
    assert_eq!(ids(&scratch, &["search", "*", "--year", "2019"]).len(), 0);
    assert_eq!(
        ids(&scratch, &["search", "*", "--kind", "project"]).len(),
        3
    );
    // Periods: 05/02-05/03 ends before 2020-03-06 but the others run to 03-03 or 03-07.
    assert_eq!(
        ids(&scratch, &["search", "*", "--from", "2020-03-06"]),
        vec![format!("{EN}#4"), format!("{LT}#4")]
    );
    assert_eq!(
        ids(&scratch, &["search", "*", "--to", "2020-02-06"]),
        vec![format!("{EN}#3"), format!("{LT}#3")]
    );
    // Filters combine with the query.
    assert_eq!(ids(&scratch, &VISIT_IN_NORWAY).len(), 3);
}

#[test]
fn record_fields_in_queries_mean_what_the_filters_mean() {
    let scratch = Scratch::new();
    // `lang:`, `country:`, `kind:` select what the flags do, values normalised alike.
    for (query, flags) in [
        ("lang:lt", ["--lang", "lt"]),
        ("lang:English", ["--lang", "en"]),
        ("country:Norway", ["--country", "Norway"]),
        ("country:islandijos", ["--country", "Iceland"]),
        ("kind:project", ["--kind", "project"]),
        ("kind:Initiative", ["--kind", "initiative"]),
    ] {
        let by_query = ids(&scratch, &["search", query]);
        assert!(!by_query.is_empty(), "{query}");
        assert_eq!(
            by_query,
            ids(&scratch, &["search", "*", flags[0], flags[1]]),
            "{query}"
        );
    }
    assert_eq!(
        ids(
            &scratch,
            &[
                "search",
                "visit AND lang:en AND country:Norway AND kind:initiative"
            ]
        ),
        ids(&scratch, &VISIT_IN_NORWAY)
    );
    assert_eq!(
        ids(&scratch, &["search", "* -lang:en"]),
        ids(&scratch, &["search", "*", "--lang", "lt"])
    );
    assert_eq!(ids(&scratch, &["search", "lang: IN [en lt]"]).len(), 11);
    // `id:` finds exactly the records named, whatever else shares their words.
    let one = format!("{LT}#3");
    assert_eq!(
        ids(&scratch, &["search", &format!("id:\"{one}\"")]),
        vec![one.clone()]
    );
    let two = format!("id: IN [\"{EN}#1\" \"{one}\"]");
    assert_eq!(
        ids(&scratch, &["search", &two]),
        vec![format!("{EN}#1"), one.clone()]
    );
    assert_eq!(
        ids(&scratch, &["search", &format!("paveldas AND id:\"{one}\"")]),
        vec![one]
    );
    assert!(ids(&scratch, &["search", "id:\"no such record\""]).is_empty());
    assert_eq!(ids(&scratch, &["search", "* OR paveldas"]).len(), 11);
    // Ranges and patterns on them are refused with the reason.
    let refused = scratch.fails(&["search", "lang:[a TO z]"], 2);
    assert_contains!(refused.stderr, "`lang` takes values such as lang:lt");
    let refused = scratch.fails(&["search", "id:*"], 2);
    assert_contains!(refused.stderr, "`id` takes values");
}

#[test]
fn facet_counts_cover_the_whole_result_set() {
    let scratch = Scratch::new();
    let results = scratch.json(&["search", "*", "--limit", "2"]);
    assert_eq!(results["total"], 11);
    assert_eq!(results["hits"].as_array().unwrap().len(), 2);
    let facets = &results["facets"];
    assert_eq!(facets["lang"]["en"], 7);
    assert_eq!(facets["lang"]["lt"], 4);
    assert_eq!(facets["kind"]["project"], 3);
    assert_eq!(facets["country"]["Norway"], 6);
    assert_eq!(facets["year"]["2020"], 8);
    let text = scratch.ok(&["search", "*", "--limit", "2"]).stdout;
    assert_contains!(text, "11 records match (showing 1–2)");
    assert_contains!(text, "lang: en 7, lt 4");
}

#[test]
fn json_hits_have_the_documented_shape() {
    let scratch = Scratch::new();
    let results = scratch.json(&["search", "festival"]);
    for key in ["query", "total", "hits", "facets"] {
        assert!(results.get(key).is_some(), "missing {key}");
    }
    assert_eq!(results["query"], "festival");
    let hit = &results["hits"][0];
    for key in [
        "id",
        "source",
        "ordinal",
        "lang",
        "kind",
        "partner",
        "country",
        "period",
        "score",
        "snippet",
        "counterpart",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
    }
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert!(hit["period"]["start"].is_string() && hit["period"]["end"].is_string());
    assert_contains!(
        hit["snippet"].as_str().unwrap().to_lowercase(),
        "<b>festival"
    );
    for key in ["lang", "country", "year", "kind"] {
        assert!(results["facets"][key].is_object(), "facets lack {key}");
    }
    // A project page has no period: null, not a missing key.
    let page = scratch.json(&["search", "deinstitutionalization"]);
    assert_eq!(page["hits"][0]["period"], serde_json::Value::Null);
}

#[test]
fn piped_text_output_is_the_text_as_written_and_colour_highlights() {
    let scratch = Scratch::new();
    let text = scratch.ok(&["search", "festival", "-n", "1"]).stdout;
    // What is in the record is found by grep in what is printed: a snippet line here.
    assert_contains!(
        text,
        "    festivals, to involve them in the creation of programs"
    );
    assert!(
        !text.contains('\x1b') && !text.contains("**"),
        "marks in piped output:\n{text}"
    );
    let colored = scratch
        .ok(&["search", "sklerozės", "--color", "always"])
        .stdout;
    assert_contains!(colored, "\x1b[1;31msklerozės\x1b[0m");
    assert!(!colored.contains("**"));
}

#[test]
fn paging_with_limit_and_offset() {
    let scratch = Scratch::new();
    let first = hit_ids(&scratch.json(&["search", "*", "--limit", "5"]));
    let second = hit_ids(&scratch.json(&["search", "*", "--limit", "5", "--offset", "5"]));
    assert_eq!(first.len(), 5);
    assert_eq!(second.len(), 5);
    assert!(first.iter().all(|id| !second.contains(id)));
    let none = scratch.json(&["search", "*", "--limit", "0"]);
    assert_eq!(none["total"], 11);
    assert_eq!(none["hits"].as_array().unwrap().len(), 0);
}

#[test]
fn index_location_flag_before_or_after_the_subcommand_and_env() {
    let scratch = Scratch::new();
    scratch.ok(&["--index", "first", "index"]);
    assert!(scratch.path().join("first/meta.json").is_file());
    scratch.ok(&["index", "--index", "second"]);
    assert!(scratch.path().join("second/meta.json").is_file());
    let run = scratch
        .command(&["index", "--json"])
        .env("BIREPORT_INDEX", "third")
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(scratch.path().join("third/meta.json").is_file());
    let run = scratch
        .command(&["stats", "--json"])
        .env("BIREPORT_INDEX", "third")
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(!scratch.path().join("index").exists());
}

/// Facet counts of `records` as `search` defines them.
fn expected_facets(records: &[Value]) -> Value {
    use std::collections::BTreeMap;
    let mut facets: BTreeMap<&str, BTreeMap<String, u64>> = BTreeMap::new();
    for record in records {
        let mut add = |facet: &'static str, value: String| {
            *facets.entry(facet).or_default().entry(value).or_default() += 1;
        };
        add("lang", record["lang"]["code"].as_str().unwrap().to_string());
        add("kind", record["kind"].as_str().unwrap().to_string());
        let mut countries: Vec<&str> = record["partners"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["country"].as_str())
            .collect();
        countries.dedup();
        if countries.is_empty() {
            countries.extend(record["country"].as_str());
        }
        let mut seen = Vec::new();
        for country in countries {
            if !seen.contains(&country) {
                seen.push(country);
                add("country", country.to_string());
            }
        }
        if let Some(period) = record["period"].as_object() {
            let year = |day: &Value| day.as_str().unwrap()[..4].parse::<i32>().unwrap();
            for y in year(&period["start"])..=year(&period["end"]) {
                add("year", y.to_string());
            }
        }
    }
    let mut out = serde_json::Map::new();
    for facet in ["lang", "country", "year", "kind"] {
        out.insert(
            facet.to_string(),
            serde_json::json!(facets.remove(facet).unwrap_or_default()),
        );
    }
    Value::Object(out)
}

#[test]
fn facet_counts_agree_with_the_records_across_segments_and_deletions() {
    let scratch = Scratch::new();
    scratch.json(&["gen-corpus", "gen", "--records", "1500", "--seed", "5"]);
    scratch.ok(&["index", "gen"]);
    // An incremental run leaves deleted documents behind in the first segments.
    let first = std::fs::read_dir(scratch.path().join("gen/c00000"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .min()
        .unwrap();
    std::fs::remove_file(first).unwrap();
    scratch.ok(&["index", "gen"]);

    let export = scratch.ok(&["export", "--ndjson", "--from-index"]).stdout;
    let records: Vec<Value> = export
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for filters in [
        vec![],
        vec!["--country", "Norway"],
        vec!["--year", "2021", "--lang", "lt"],
        vec!["--kind", "project"],
    ] {
        let mut args = vec!["search", "*", "--limit", "0"];
        args.extend(&filters);
        let results = scratch.json(&args);
        let matching: Vec<Value> = records
            .iter()
            .filter(|r| {
                let flag = |name: &str| {
                    filters
                        .iter()
                        .position(|f| *f == name)
                        .map(|i| filters[i + 1])
                };
                flag("--country")
                    .is_none_or(|c| expected_facets(&[(*r).clone()])["country"][c].is_u64())
                    && flag("--year")
                        .is_none_or(|y| expected_facets(&[(*r).clone()])["year"][y].is_u64())
                    && flag("--lang").is_none_or(|l| r["lang"]["code"] == l)
                    && flag("--kind").is_none_or(|k| r["kind"] == k)
            })
            .cloned()
            .collect();
        assert!(!matching.is_empty(), "{filters:?}");
        assert_eq!(results["total"], matching.len(), "{filters:?}");
        assert_eq!(results["facets"], expected_facets(&matching), "{filters:?}");
    }
}

/// The phrase `words` as the English analyzer sees it, found in `text`'s terms.
fn holds_phrase(text: &str, phrase: &[String]) -> bool {
    use bireport::analysis::{Analyzer, Mode};
    let terms = Analyzer::English.terms(Mode::Indexing, text);
    terms.windows(phrase.len()).any(|window| window == phrase)
}

#[test]
fn phrases_match_exactly_the_records_with_the_words_side_by_side() {
    use bireport::analysis::{words, Analyzer, Mode};
    let scratch = Scratch::new();
    scratch.json(&["gen-corpus", "gen", "--records", "1200", "--seed", "11"]);
    scratch.ok(&["index", "gen"]);
    let export = scratch.ok(&["export", "--ndjson", "--from-index"]).stdout;
    let english: Vec<Value> = export
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["lang"]["code"] == "en")
        .collect();
    let sections = |record: &Value| -> Vec<String> {
        record["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["text"].as_str().unwrap().to_string())
            .collect()
    };
    // Phrases of two and three words taken from the records themselves: pairs of content
    // words (one bigram), pairs with a function word (none) and longer phrases (several).
    let mut phrases = Vec::new();
    for (n, record) in english.iter().step_by(61).enumerate() {
        let text = &sections(record)[0];
        let all: Vec<&str> = words(text).map(|(_, w)| w).collect();
        let len = 2 + n % 2;
        let at = (n * 7) % (all.len() - len);
        phrases.push(all[at..at + len].join(" "));
    }
    phrases.extend(["of the".to_string(), "youth participation".to_string()]);
    let mut some_had_several = false;
    for phrase in &phrases {
        let terms = Analyzer::English.terms(Mode::Searching, phrase);
        let mut expected: Vec<String> = english
            .iter()
            .filter(|r| sections(r).iter().any(|s| holds_phrase(s, &terms)))
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect();
        expected.sort();
        let query = format!("body:\"{phrase}\"");
        let results = scratch.json(&["search", &query, "--lang", "en", "--limit", "2000"]);
        let mut found = hit_ids(&results);
        found.sort();
        assert_eq!(found, expected, "{query}");
        assert_eq!(results["total"], expected.len(), "{query}");
        some_had_several |= expected.len() > 1;
    }
    assert!(some_had_several, "{phrases:?}");
    assert!(phrases.len() >= 10);
}

#[test]
fn a_word_matched_in_both_its_indexed_forms_is_highlighted_once() {
    // `valdžios` is indexed as `vald` (its stem, folded) and `valdz` (the stem of
    // `valdzios`); a query asking for both forms matches the one word twice.
    let scratch = Scratch::new();
    for args in [
        &["search", "valdžios OR valdzios"][..],
        &["search", "valdžios", "--fuzzy"],
    ] {
        let mut coloured = args.to_vec();
        coloured.extend(["--color", "always"]);
        let text = scratch.ok(&coloured).stdout;
        assert_contains!(text, "\x1b[1;31mvaldžios\x1b[0m");
        assert!(!text.contains("\x1b[0m\x1b[1;31m"), "{args:?}:\n{text}");
        let results = scratch.json(args);
        let snippet = results["hits"][0]["snippet"].as_str().unwrap();
        assert_eq!(snippet.matches("<b>valdžios</b>").count(), 1, "{snippet}");
        assert!(!snippet.contains("<b><b>"), "{snippet}");
        scratch.ok(&[args, &["--color", "always"]].concat());
    }
}

#[test]
fn lithuanian_phrases_match_with_or_without_diacritics_and_highlight() {
    let scratch = Scratch::new();
    let with = ids(&scratch, &["search", "\"Šančių bendruomenės\""]);
    assert!(
        with.iter().all(|id| id.starts_with(LT)) && !with.is_empty(),
        "{with:?}"
    );
    for typed in [
        "\"sanciu bendruomenes\"",
        "\"Šančių bendruomenė\"",
        "body:\"šančių bendruomenei\"",
    ] {
        assert_eq!(ids(&scratch, &["search", typed]), with, "{typed}");
    }
    assert!(ids(&scratch, &["search", "\"bendruomenės Šančių\""]).is_empty());
    // Snippets highlight the phrase's words.
    let results = scratch.json(&["search", "\"Šančių bendruomenės\""]);
    assert_contains!(
        results["hits"][0]["snippet"].as_str().unwrap(),
        "<b>Šančių</b>"
    );
}

/// (id, score) of every hit of `args`.
fn ranking(scratch: &Scratch, args: &[&str]) -> Vec<(String, f64)> {
    let mut args = args.to_vec();
    args.extend(["--limit", "100000"]);
    let results = scratch.json(&args);
    let hits = results["hits"].as_array().unwrap();
    assert_eq!(results["total"], hits.len(), "{args:?}");
    hits.iter()
        .map(|h| {
            (
                h["id"].as_str().unwrap().to_string(),
                h["score"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn filters_narrow_the_unfiltered_ranking_without_changing_scores() {
    let scratch = Scratch::new();
    scratch.json(&["gen-corpus", "gen", "--records", "3000", "--seed", "6"]);
    scratch.ok(&["index", "gen"]);
    // Broad and narrow queries under broad and narrow filters: the query may walk and
    // test the filter, seek it, or be sought by it.
    let queries = [
        "visit",
        "heritage",
        "bibliotekos",
        "\"youth participation\"",
        "museum OR muziejus",
        "bergen",
        "*",
    ];
    let filters: [&[&str]; 7] = [
        &["--lang", "en", "--country", "Norway"],
        &["--lang", "en", "--kind", "initiative", "--year", "2021"],
        &[
            "--country",
            "Liechtenstein",
            "--year",
            "2019",
            "--lang",
            "lt",
        ],
        &[
            "--kind",
            "initiative",
            "--year",
            "2021",
            "--country",
            "Norway",
        ],
        &["--country", "Norway"],
        &["--kind", "project"],
        &["--from", "2020-01-01", "--to", "2020-06-30"],
    ];
    let unfiltered: Vec<Vec<(String, f64)>> = queries
        .iter()
        .map(|query| ranking(&scratch, &["search", query, "--no-translate"]))
        .collect();
    for filter in filters {
        let admitted: std::collections::HashSet<String> =
            ranking(&scratch, &[&["search", "*"], filter].concat())
                .into_iter()
                .map(|(id, _)| id)
                .collect();
        assert!(!admitted.is_empty(), "{filter:?}");
        for (query, unfiltered) in queries.iter().zip(&unfiltered) {
            // Translation adds words, and `--lang` changes which (tested on its own):
            // here the query must stay the query.
            let filter: &[&str] = &[filter, &["--no-translate"][..]].concat();
            let filtered = ranking(&scratch, &[&["search", query], filter].concat());
            let expected: Vec<(String, f64)> = unfiltered
                .iter()
                .filter(|(id, _)| admitted.contains(id))
                .cloned()
                .collect();
            assert_eq!(filtered, expected, "{query} {filter:?}");
            // By date: the same hits, each explained to the same score.
            let mut by_date = ranking(
                &scratch,
                &[&["search", query, "--sort", "date"], filter].concat(),
            );
            let mut by_score = filtered;
            by_date.sort_by(|a, b| a.0.cmp(&b.0));
            by_score.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(by_date, by_score, "{query} {filter:?} --sort date");
        }
    }
}
