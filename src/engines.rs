//! Records as other search engines take them, for when one machine is no longer enough:
//! OpenSearch's (and Elasticsearch's) `_bulk` lines, with each record's text in the field
//! of its language and its counterpart beside it, and the index template that maps them
//! (per-language analyzers, a folded sub-field, a synonym graph from the glossary). The
//! Quickwit config (`quickwit/bireport-index.yaml`) maps the plain NDJSON export instead.

use serde::Serialize;
use serde_json::{json, Value};

use crate::ingest::Format;
use crate::record::{Counterpart, Facts, Kind, Partner, Record};

/// The index `export --bulk` names when none is given.
pub const DEFAULT_INDEX_NAME: &str = "bireport";

/// A period as OpenSearch's `date_range` takes it.
#[derive(Debug, Serialize)]
pub struct DateRange {
    pub gte: String,
    pub lte: String,
}

/// One record as a bulk document.
#[derive(Debug, Serialize)]
pub struct BulkDocument<'a> {
    pub id: &'a str,
    pub source: &'a str,
    pub format: Format,
    pub ordinal: u32,
    pub kind: Kind,
    pub lang: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner: Option<&'a str>,
    pub partners: &'a [Partner],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<DateRange>,
    pub facts: &'a Facts,
    /// The text, in the field of the record's language (`text_lt`, `text_en`, or
    /// `text_other` with the standard analyzer).
    #[serde(flatten)]
    pub text: LanguageText<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<&'a Counterpart>,
}

/// A text under the name of its language's field.
#[derive(Debug, Serialize)]
pub enum LanguageText<'a> {
    #[serde(rename = "text_lt")]
    Lithuanian(&'a str),
    #[serde(rename = "text_en")]
    English(&'a str),
    #[serde(rename = "text_other")]
    Other(&'a str),
}

impl<'a> BulkDocument<'a> {
    pub fn of(record: &'a Record) -> BulkDocument<'a> {
        let text = match record.lang.code.as_str() {
            "lt" => LanguageText::Lithuanian(&record.text),
            "en" => LanguageText::English(&record.text),
            _ => LanguageText::Other(&record.text),
        };
        BulkDocument {
            id: &record.id,
            source: &record.source,
            format: record.format,
            ordinal: record.ordinal,
            kind: record.kind,
            lang: &record.lang.code,
            title: record.title.as_deref(),
            partner: record.partner.as_deref(),
            partners: &record.partners,
            country: record.country.as_deref(),
            period: record.period.map(|p| DateRange {
                gte: crate::period::iso(p.start),
                lte: crate::period::iso(p.end),
            }),
            facts: &record.facts,
            text,
            counterpart: record.counterpart.as_ref(),
        }
    }
}

/// The OpenSearch mapping of a pair's evidence items: each kind's fields
/// ([`crate::pairing::Evidence`]), its `kind` as a keyword to filter on and its `text`.
fn evidence_mapping() -> serde_json::Value {
    let keyword = serde_json::json!({ "type": "keyword" });
    let span = serde_json::json!({ "properties": { "from": keyword, "to": keyword } });
    let word = serde_json::json!({ "properties": { "key": keyword, "written": keyword } });
    let words = serde_json::json!({ "properties": { "lithuanian": word, "english": word } });
    let shared = serde_json::json!({
        "properties": { "key": keyword, "lithuanian": keyword, "english": keyword }
    });
    serde_json::json!({
        "properties": {
            "kind": keyword,
            "text": { "type": "text", "analyzer": "folded" },
            "from": keyword,
            "to": keyword,
            "shared_days": { "type": "integer" },
            "union_days": { "type": "integer" },
            "days": { "type": "integer" },
            "lithuanian_period": span,
            "english_period": span,
            "english": keyword,
            "lithuanian": keyword,
            "concept": keyword,
            "place": keyword,
            "country": keyword,
            "names": shared,
            "words": words,
            "share": { "type": "float" },
            "similarity": { "type": "float" }
        }
    })
}

/// The `_bulk` action line that puts `record` into `index` under its own id.
pub fn bulk_action(index: &str, record: &Record) -> Value {
    json!({ "index": { "_index": index, "_id": record.id } })
}

/// Synonym lines for OpenSearch's `synonym_graph` filter: each glossary concept's English
/// and Lithuanian words as one set of equivalents.
pub fn glossary_synonyms() -> Vec<String> {
    crate::pairing::glossary::all_words()
        .into_iter()
        .map(|(_, english, lithuanian)| {
            let mut words: Vec<&str> = english.iter().chain(lithuanian).copied().collect();
            words.dedup();
            words.join(", ")
        })
        .collect()
}

/// The OpenSearch index template for [`BulkDocument`]s (`opensearch/bireport-template.json`
/// is this, printed by `bireport export --opensearch-template`).
pub fn opensearch_template() -> Value {
    let folded_text = json!({
        "type": "text",
        "analyzer": "folded",
        "search_analyzer": "folded_glossary"
    });
    let language_text = |analyzer: &str| {
        json!({
            "type": "text",
            "analyzer": analyzer,
            "index_phrases": true,
            "fields": { "folded": folded_text }
        })
    };
    json!({
        "index_patterns": [format!("{DEFAULT_INDEX_NAME}*")],
        "template": {
            "settings": {
                "analysis": {
                    "filter": {
                        "bireport_glossary": {
                            "type": "synonym_graph",
                            "synonyms": glossary_synonyms()
                        }
                    },
                    "analyzer": {
                        "folded": {
                            "type": "custom",
                            "tokenizer": "standard",
                            "filter": ["lowercase", "asciifolding"]
                        },
                        "folded_glossary": {
                            "type": "custom",
                            "tokenizer": "standard",
                            "filter": ["lowercase", "asciifolding", "bireport_glossary"]
                        }
                    }
                }
            },
            "mappings": {
                "dynamic": "strict",
                "properties": {
                    "id": { "type": "keyword" },
                    "source": { "type": "keyword" },
                    "format": { "type": "keyword" },
                    "ordinal": { "type": "integer" },
                    "kind": { "type": "keyword" },
                    "lang": { "type": "keyword" },
                    "title": folded_text,
                    "partner": {
                        "type": "text",
                        "analyzer": "folded",
                        "search_analyzer": "folded_glossary",
                        "fields": { "raw": { "type": "keyword", "ignore_above": 1024 } }
                    },
                    "partners": {
                        "type": "nested",
                        "properties": {
                            "name": folded_text,
                            "country": { "type": "keyword" }
                        }
                    },
                    "country": { "type": "keyword" },
                    "period": { "type": "date_range", "format": "yyyy-MM-dd" },
                    "facts": {
                        "properties": {
                            "project_number": { "type": "keyword" },
                            "promoter": folded_text,
                            "status": { "type": "keyword" },
                            "target_groups": folded_text,
                            "location": folded_text,
                            "costs": {
                                "properties": {
                                    "initial": { "type": "long" },
                                    "final": { "type": "long" },
                                    "grant": { "type": "long" }
                                }
                            }
                        }
                    },
                    "text_lt": language_text("lithuanian"),
                    "text_en": language_text("english"),
                    "text_other": { "type": "text", "analyzer": "standard" },
                    "counterpart": {
                        "properties": {
                            "id": { "type": "keyword" },
                            "score": { "type": "float" },
                            "evidence": evidence_mapping()
                        }
                    }
                }
            }
        }
    })
}
