//! The configs that take bireport's records to a cluster engine. Neither engine runs here,
//! so what can be checked is checked: the files parse; every field the export writes is
//! mapped, with a type its values fit; nothing is used that the engine's documentation for
//! the stated version lacks (the lists below, with where they come from); `--bulk` lines
//! alternate action and document; counterparts travel in every export.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::Scratch;

const QUICKWIT_CONFIG: &str = include_str!("../quickwit/bireport-index.yaml");
const OPENSEARCH_TEMPLATE: &str = include_str!("../opensearch/bireport-template.json");

/// Quickwit 0.9 (docs/configuration/index-config.md and quickwit-query's tokenizer
/// manager at tag v0.9.0): field types, built-in tokenizers, and what a custom tokenizer
/// may be made of.
mod quickwit_0_9 {
    pub const TYPES: &[&str] = &[
        "text",
        "i64",
        "u64",
        "f64",
        "bool",
        "datetime",
        "ip",
        "bytes",
        "json",
        "object",
        "concatenate",
    ];
    pub const TOKENIZERS: &[&str] = &[
        "raw",
        "raw_lowercase",
        "lowercase",
        "default",
        "whitespace",
        "chinese_compatible",
        "source_code_default",
        "source_code_with_hex",
        "unicode_segmenter",
    ];
    pub const TOKENIZER_TYPES: &[&str] = &["simple", "ngram", "regex"];
    pub const TOKEN_FILTERS: &[&str] = &["remove_long", "lower_caser", "ascii_folding"];
}

/// OpenSearch 2.x (docs.opensearch.org: field types, language analyzers, token filters).
mod opensearch_2 {
    pub const TYPES: &[&str] = &[
        "keyword",
        "text",
        "integer",
        "long",
        "float",
        "double",
        "boolean",
        "date",
        "date_range",
        "nested",
        "object",
    ];
    pub const ANALYZERS: &[&str] = &["standard", "simple", "whitespace", "english", "lithuanian"];
    pub const TOKENIZERS: &[&str] = &["standard", "whitespace", "letter"];
    pub const FILTERS: &[&str] = &["lowercase", "asciifolding"];
    pub const FILTER_TYPES: &[&str] = &["synonym_graph", "synonym"];
}

/// Every leaf of a JSON document as (dotted path, value, inside an array).
fn leaves(value: &Value, path: &str, in_array: bool, out: &mut Vec<(String, Value, bool)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let next = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                leaves(inner, &next, in_array, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                leaves(item, path, true, out);
            }
        }
        other => out.push((path.to_string(), other.clone(), in_array)),
    }
}

/// Records as `export` writes them: the samples and the hand-written reports, from files and
/// from an index.
fn exported(scratch: &Scratch, extra: &[&str]) -> Vec<Value> {
    let handwritten = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/handwritten");
    scratch.ok(&["--index", "ix", "index", handwritten]);
    let mut runs = vec![
        [&["export"][..], extra].concat(),
        [&["export", handwritten][..], extra].concat(),
        [&["--index", "ix", "export", "--from-index"][..], extra].concat(),
    ];
    runs.dedup();
    runs.iter()
        .flat_map(|args| {
            scratch
                .ok(args)
                .stdout
                .lines()
                .map(|line| serde_json::from_str::<Value>(line).unwrap())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn is_day(value: &Value) -> bool {
    value.as_str().is_some_and(|s| {
        s.len() == 10
            && s.chars().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            })
    })
}

/// Quickwit's field mappings as dotted path → mapping.
fn quickwit_fields(mappings: &Value, prefix: &str, out: &mut BTreeMap<String, Value>) {
    for field in mappings.as_array().unwrap() {
        let name = field["name"].as_str().unwrap();
        let path = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        if field["type"] == "object" {
            quickwit_fields(&field["field_mappings"], &path, out);
        }
        out.insert(path, field.clone());
    }
}

#[test]
fn the_quickwit_config_maps_every_field_the_export_writes() {
    let config: Value = serde_norway::from_str(QUICKWIT_CONFIG).expect("the YAML parses");
    assert_eq!(config["version"].to_string(), "0.9");
    let mapping = &config["doc_mapping"];
    let custom: Vec<&str> = mapping["tokenizers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            assert!(quickwit_0_9::TOKENIZER_TYPES.contains(&t["type"].as_str().unwrap()));
            for filter in t["filters"].as_array().unwrap() {
                assert!(
                    quickwit_0_9::TOKEN_FILTERS.contains(&filter.as_str().unwrap()),
                    "{filter}"
                );
            }
            t["name"].as_str().unwrap()
        })
        .collect();
    let mut fields = BTreeMap::new();
    quickwit_fields(&mapping["field_mappings"], "", &mut fields);
    for (path, field) in &fields {
        let kind = field["type"].as_str().unwrap();
        let base = kind
            .strip_prefix("array<")
            .and_then(|k| k.strip_suffix('>'))
            .unwrap_or(kind);
        assert!(quickwit_0_9::TYPES.contains(&base), "{path}: type {kind}");
        if let Some(tokenizer) = field["tokenizer"].as_str() {
            assert!(
                quickwit_0_9::TOKENIZERS.contains(&tokenizer) || custom.contains(&tokenizer),
                "{path}: tokenizer {tokenizer} is not Quickwit 0.9's"
            );
            // BM25 needs field norms, which Quickwit leaves off unless asked.
            if base == "text" && tokenizer != "raw" && path != "warnings" {
                assert_eq!(field["fieldnorms"], true, "{path}");
            }
        }
    }
    for tag in mapping["tag_fields"].as_array().unwrap() {
        let field = &fields[tag.as_str().unwrap()];
        assert!(
            field["type"] == "text" && field["tokenizer"] == "raw",
            "{tag}"
        );
    }

    let scratch = Scratch::new();
    let records = exported(&scratch, &[]);
    assert!(records.len() > 100);
    for record in &records {
        let mut found = Vec::new();
        leaves(record, "", false, &mut found);
        for (path, value, in_array) in found {
            // A path under a json field is the json field's.
            let (field_path, field) = fields
                .iter()
                .rev()
                .find(|(p, f)| {
                    **p == path
                        || (path.starts_with(&format!("{p}."))
                            && f["type"].as_str().unwrap().contains("json"))
                })
                .unwrap_or_else(|| panic!("{path} is written but not mapped"));
            let kind = field["type"].as_str().unwrap();
            if kind.contains("json") {
                assert_eq!(
                    kind.starts_with("array<"),
                    in_array,
                    "{path} under {field_path}"
                );
                continue;
            }
            assert_eq!(kind.starts_with("array<"), in_array, "{path}: {kind}");
            let base = kind.trim_start_matches("array<").trim_end_matches('>');
            let fits = match &value {
                Value::Null => true,
                Value::String(_) if base == "datetime" => is_day(&value),
                Value::String(_) => base == "text",
                Value::Number(n) if n.is_u64() => ["u64", "i64", "f64"].contains(&base),
                Value::Number(_) => base == "f64",
                Value::Bool(_) => base == "bool",
                _ => false,
            };
            assert!(fits, "{path} = {value} does not fit {kind}");
        }
    }
}

/// OpenSearch's properties as dotted path → mapping.
fn opensearch_fields(properties: &Value, prefix: &str, out: &mut BTreeMap<String, Value>) {
    for (name, field) in properties.as_object().unwrap() {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        if let Some(inner) = field.get("properties") {
            opensearch_fields(inner, &path, out);
        }
        out.insert(path, field.clone());
    }
}

#[test]
fn the_opensearch_template_maps_every_field_of_the_bulk_lines() {
    let template: Value = serde_json::from_str(OPENSEARCH_TEMPLATE).expect("the JSON parses");
    let scratch = Scratch::new();
    // The committed template is what this build prints (its synonyms from the glossary).
    let printed: Value =
        serde_json::from_str(&scratch.ok(&["export", "--opensearch-template"]).stdout).unwrap();
    assert_eq!(
        printed, template,
        "regenerate: bireport export --opensearch-template > opensearch/bireport-template.json"
    );
    let analysis = &template["template"]["settings"]["analysis"];
    let filters = analysis["filter"].as_object().unwrap();
    for (name, filter) in filters {
        assert!(
            opensearch_2::FILTER_TYPES.contains(&filter["type"].as_str().unwrap()),
            "{name}"
        );
    }
    let synonyms = filters["bireport_glossary"]["synonyms"].as_array().unwrap();
    assert!(
        synonyms.contains(&Value::from("health, sveikata")),
        "{synonyms:?}"
    );
    let custom = analysis["analyzer"].as_object().unwrap();
    for (name, analyzer) in custom {
        assert_eq!(analyzer["type"], "custom", "{name}");
        assert!(opensearch_2::TOKENIZERS.contains(&analyzer["tokenizer"].as_str().unwrap()));
        for filter in analyzer["filter"].as_array().unwrap() {
            let filter = filter.as_str().unwrap();
            assert!(
                opensearch_2::FILTERS.contains(&filter) || filters.contains_key(filter),
                "{name}: {filter}"
            );
        }
    }
    let mut fields = BTreeMap::new();
    opensearch_fields(
        &template["template"]["mappings"]["properties"],
        "",
        &mut fields,
    );
    let known_analyzer =
        |name: &str| opensearch_2::ANALYZERS.contains(&name) || custom.contains_key(name);
    for (path, field) in &fields {
        let kind = field["type"].as_str().unwrap_or("object");
        assert!(opensearch_2::TYPES.contains(&kind), "{path}: {kind}");
        for key in ["analyzer", "search_analyzer"] {
            if let Some(name) = field[key].as_str() {
                assert!(known_analyzer(name), "{path}: {key} {name}");
            }
        }
        for (sub, inner) in field["fields"].as_object().into_iter().flatten() {
            if let Some(name) = inner["analyzer"].as_str() {
                assert!(known_analyzer(name), "{path}.{sub}: {name}");
            }
        }
    }
    assert_eq!(fields["text_lt"]["analyzer"], "lithuanian");
    assert_eq!(fields["text_en"]["analyzer"], "english");
    assert_eq!(fields["period"]["type"], "date_range");
    assert_eq!(fields["partners"]["type"], "nested");

    let lines = exported(&scratch, &["--bulk", "--index-name", "reports-2026"]);
    assert!(lines.len() > 200 && lines.len().is_multiple_of(2));
    let mut languages = BTreeMap::new();
    for pair in lines.chunks(2) {
        let (action, document) = (&pair[0], &pair[1]);
        assert_eq!(
            action,
            &serde_json::json!({"index": {"_index": "reports-2026", "_id": document["id"]}})
        );
        let text_field = ["text_lt", "text_en", "text_other"]
            .into_iter()
            .find(|f| document.get(*f).is_some())
            .expect("a text field");
        let lang = document["lang"].as_str().unwrap();
        *languages.entry((lang.to_string(), text_field)).or_insert(0) += 1;
        let mut found = Vec::new();
        leaves(document, "", false, &mut found);
        for (path, value, _) in found {
            // A range's bounds belong to the range.
            let mapped = path.strip_suffix(".gte").or(path.strip_suffix(".lte"));
            let field = fields
                .get(&path)
                .or_else(|| mapped.and_then(|p| fields.get(p)))
                .unwrap_or_else(|| panic!("{path} is written but not mapped (dynamic: strict)"));
            let kind = field["type"].as_str().unwrap_or("object");
            let fits = match &value {
                Value::Null => true,
                Value::String(_) if kind == "date_range" => is_day(&value),
                Value::String(_) => kind == "keyword" || kind == "text",
                Value::Number(n) if n.is_u64() => {
                    ["integer", "long", "float", "double"].contains(&kind)
                }
                Value::Number(_) => ["float", "double"].contains(&kind),
                Value::Bool(_) => kind == "boolean",
                _ => false,
            };
            assert!(fits, "{path} = {value} does not fit {kind}");
        }
    }
    assert_eq!(
        languages.keys().cloned().collect::<Vec<_>>(),
        [("en".to_string(), "text_en"), ("lt".to_string(), "text_lt")]
    );
}

#[test]
fn counterparts_travel_in_every_export() {
    let scratch = Scratch::new();
    scratch.ok(&["--index", "ix", "index"]);
    let pairs: Vec<(String, String)> =
        crate::util::pair_ids(&scratch.json(&["--index", "ix", "pairs"]));
    assert_eq!(pairs.len(), 4);
    let counterparts = |args: &[&str]| -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = scratch
            .ok(args)
            .stdout
            .lines()
            .map(|line| serde_json::from_str::<Value>(line).unwrap())
            .filter(|doc| doc["lang"] == "lt" || doc["lang"]["code"] == "lt")
            .filter_map(|doc| {
                let other = doc["counterpart"]["id"].as_str()?.to_string();
                Some((doc["id"].as_str().unwrap().to_string(), other))
            })
            .collect();
        found.sort();
        found
    };
    // From the files (paired as `index` pairs them), from the index, and as bulk lines.
    assert_eq!(counterparts(&["export"]), pairs);
    assert_eq!(
        counterparts(&["--index", "ix", "export", "--from-index"]),
        pairs
    );
    assert_eq!(counterparts(&["export", "--bulk"]), pairs);
    // With the evidence and the score.
    let first = scratch.ok(&["export"]).stdout;
    let record: Value = serde_json::from_str(first.lines().next().unwrap()).unwrap();
    assert!(
        record["counterpart"]["score"].as_f64() > Some(0.5),
        "{record}"
    );
    assert!(!record["counterpart"]["evidence"]
        .as_array()
        .unwrap()
        .is_empty());
}
