//! The tantivy schema: which fields a record becomes, and how each is indexed.
//!
//! Text is indexed per language (`title_en`/`title_lt`, `partner_*`, `body_*`), each with
//! its language's analyzer; a record fills only its own language's fields. The body is
//! also indexed as pairs of adjacent terms (`body_en_bigrams`, without positions), which
//! turns two-word phrases into term look-ups. A record's facet values (language, kind,
//! countries, every year its period touches) are one string, `facet_profile`
//! ([`super::profile`]): a fast column for facet counts, indexed one term per value for
//! filters. Language, country and kind have no fields of their own (queries on them read
//! the profile's terms), nor does the id (looked up by the record key's fast column): a
//! unique term per record would give the term dictionary an entry per record that no
//! query reads. A record is stored once:
//! its identity and language as JSON (`record`), its text as it is (`record_text`)
//! ([`crate::record::StoredRecord`]); reading it back parses the text again, so `show` and
//! snippets need no other store, and no other field of a record is stored. Every document
//! is a record. Pairs of counterparts are not in the index but beside it, in the pair
//! store written with the same commit ([`super::pairs`]), so records never need rewriting
//! when pairing changes; so is what an incremental run needs of each record (its file's
//! hash, its pairing features: [`super::incremental`]). Bump [`SCHEMA_VERSION`] whenever
//! any of this changes, and whenever ingest parses a record's text differently (stored
//! records are parsed again when read, and must read back as they were indexed).

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

use crate::analysis::Analyzer;

/// The names of the schema's fields that code outside the schema reads by name (fast
/// columns, existence and order), so a name is spelled once.
pub mod field {
    pub const SOURCE: &str = "source";
    pub const PROJECT_NUMBER: &str = "project_number";
    pub const PERIOD_START: &str = "period_start";
    pub const PERIOD_END: &str = "period_end";
    pub const COST_INITIAL: &str = "cost_initial";
    pub const COST_FINAL: &str = "cost_final";
    pub const COST_GRANT: &str = "cost_grant";
    pub const ORDINAL: &str = "ordinal";
    pub const RECORD: &str = "record";
    pub const RECORD_TEXT: &str = "record_text";
}

/// Version of the schema, of the stored record and pair JSON, of the parsing that turns a
/// stored record's text back into its fields, and of the analysis that makes the index's
/// terms.
/// Indexes of another version are refused with a message that says how to rebuild.
pub const SCHEMA_VERSION: u32 = 14;

/// Text fields that exist once per analyzer.
#[derive(Debug, Clone, Copy)]
pub struct LangFields {
    /// Project page title.
    pub title: Field,
    /// Partner names.
    pub partner: Field,
    /// Section texts.
    pub body: Field,
    /// Section texts as pairs of adjacent terms, for phrases (see
    /// [`crate::analysis::bigrams`]).
    pub body_bigrams: Field,
}

/// Handles of every schema field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Record key: a hash of the id (fast), for joins with pairs and look-ups by id.
    pub key: Field,
    /// Source path, exact (fast, for per-file deletes and incremental runs).
    pub source: Field,
    /// Project number, exact.
    pub project_number: Field,
    /// Every facet value in one string: fast, for facet counts; indexed one term per value
    /// ([`super::facet_term`]), for filters.
    pub facet_profile: Field,
    /// English text fields.
    pub en: LangFields,
    /// Lithuanian text fields.
    pub lt: LangFields,
    /// Period start (date, fast).
    pub period_start: Field,
    /// Period end (date, fast).
    pub period_end: Field,
    /// Initial cost in euros.
    pub cost_initial: Field,
    /// Final cost in euros.
    pub cost_final: Field,
    /// Grant in euros.
    pub cost_grant: Field,
    /// Position in the file.
    pub ordinal: Field,
    /// The record but its text, as JSON ([`crate::record::StoredRecord::to_json`]).
    pub record: Field,
    /// The record's text, stored as it is.
    pub record_text: Field,
}

impl Fields {
    /// The text fields of `analyzer`.
    pub fn lang(&self, analyzer: Analyzer) -> LangFields {
        match analyzer {
            Analyzer::English => self.en,
            Analyzer::Lithuanian => self.lt,
        }
    }

    /// Looks every field up in `schema`; `None` if one is missing.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        let lang = |suffix: &str| -> Option<LangFields> {
            Some(LangFields {
                title: f(&format!("title_{suffix}"))?,
                partner: f(&format!("partner_{suffix}"))?,
                body: f(&format!("body_{suffix}"))?,
                body_bigrams: f(&format!("body_{suffix}_bigrams"))?,
            })
        };
        Some(Fields {
            key: f(super::KEY_FIELD)?,
            source: f(field::SOURCE)?,
            project_number: f(field::PROJECT_NUMBER)?,
            facet_profile: f(super::PROFILE_FIELD)?,
            en: lang("en")?,
            lt: lang("lt")?,
            period_start: f(field::PERIOD_START)?,
            period_end: f(field::PERIOD_END)?,
            cost_initial: f(field::COST_INITIAL)?,
            cost_final: f(field::COST_FINAL)?,
            cost_grant: f(field::COST_GRANT)?,
            ordinal: f(field::ORDINAL)?,
            record: f(field::RECORD)?,
            record_text: f(field::RECORD_TEXT)?,
        })
    }
}

/// Builds bireport's schema.
pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |analyzer: Analyzer| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer.name())
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let bigrams = |analyzer: Analyzer| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer.bigrams_name())
                .set_index_option(IndexRecordOption::WithFreqs),
        )
    };
    let mut lang_fields = |analyzer: Analyzer| LangFields {
        title: builder.add_text_field(&format!("title_{}", analyzer.name()), text(analyzer)),
        partner: builder.add_text_field(&format!("partner_{}", analyzer.name()), text(analyzer)),
        body: builder.add_text_field(&format!("body_{}", analyzer.name()), text(analyzer)),
        body_bigrams: builder.add_text_field(
            &format!("body_{}_bigrams", analyzer.name()),
            bigrams(analyzer),
        ),
    };
    let en = lang_fields(Analyzer::English);
    let lt = lang_fields(Analyzer::Lithuanian);
    let date = DateOptions::default()
        .set_indexed()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    let cost = NumericOptions::default().set_indexed().set_fast();
    let fields = Fields {
        key: builder.add_u64_field(super::KEY_FIELD, FAST),
        source: builder.add_text_field(field::SOURCE, STRING | FAST),
        project_number: builder.add_text_field(field::PROJECT_NUMBER, STRING),
        facet_profile: builder.add_text_field(
            super::PROFILE_FIELD,
            TextOptions::default()
                .set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(super::profile::PROFILE_TOKENIZER)
                        .set_index_option(IndexRecordOption::Basic)
                        .set_fieldnorms(false),
                )
                .set_fast("raw"),
        ),
        en,
        lt,
        period_start: builder.add_date_field(field::PERIOD_START, date.clone()),
        period_end: builder.add_date_field(field::PERIOD_END, date),
        cost_initial: builder.add_u64_field(field::COST_INITIAL, cost.clone()),
        cost_final: builder.add_u64_field(field::COST_FINAL, cost.clone()),
        cost_grant: builder.add_u64_field(field::COST_GRANT, cost),
        ordinal: builder.add_u64_field(field::ORDINAL, FAST),
        record: builder.add_text_field(field::RECORD, STORED),
        record_text: builder.add_text_field(field::RECORD_TEXT, STORED),
    };
    (builder.build(), fields)
}
