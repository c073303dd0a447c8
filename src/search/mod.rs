//! Search: from a user's query and filters to ranked hits with snippets, counterparts and
//! facet counts, over one index at its last commit.
//!
//! The query uses tantivy's syntax (phrases, AND/OR/NOT, `field:term`) with every word
//! required by default (`query`). Without `--lang` it runs against both languages'
//! fields, each side analysed by its own analyzer, so `sveikatos` and `health` both work.
//! Filters narrow results without changing BM25 ranking. With no hits, `suggest` says
//! which filter value or word was probably meant.

mod collect;
mod cross;
mod engine;
mod facets;
mod filter;
mod hints;
mod join;
mod pairs;
mod phrases;
mod query;
mod records;
mod rewrite;
mod snippet;
mod suggest;
pub mod translate;

use std::collections::BTreeMap;

use serde::Serialize;
use time::Date;

use crate::analysis::Analyzer;
pub use crate::index::Facet;
use crate::period::Period;
use crate::record::Kind;
pub use cross::CROSS_EXPANSION;
pub use engine::Engine;
pub use query::{normalize_country, normalize_lang, QueryBuilder, FUZZY_ONE_EDIT, FUZZY_TWO_EDITS};
pub use snippet::{leading_text, Snippet, SNIPPET_CHARS};
pub use suggest::closest;
use translate::{Expansion, Translate};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// Best BM25 score first.
    #[default]
    Score,
    /// Latest period start first; records without a period last.
    Date,
}

/// A search as the user asked for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchRequest {
    /// Query in tantivy syntax; empty or `*` matches everything.
    pub query: String,
    /// Language filter (`en`, `lt`, or a language name).
    pub lang: Option<String>,
    /// Country filter (any known name; normalised to English).
    pub country: Option<String>,
    /// Year the period touches.
    pub year: Option<i32>,
    /// Record kind.
    pub kind: Option<Kind>,
    /// Period ends on or after this day.
    pub from: Option<Date>,
    /// Period starts on or before this day.
    pub to: Option<Date>,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Order of hits.
    pub sort: SortOrder,
    /// Let words of 5+ letters match within one edit (two for 9+).
    pub fuzzy: bool,
    /// Also return records whose counterpart in the other language matches.
    pub cross: bool,
    /// When to search query words' translations too.
    pub translate: Translate,
}

/// Facet counts over a whole result set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FacetCounts {
    /// Records per language code.
    pub lang: BTreeMap<String, u64>,
    /// Records per country.
    pub country: BTreeMap<String, u64>,
    /// Records per year.
    pub year: BTreeMap<String, u64>,
    /// Records per kind.
    pub kind: BTreeMap<String, u64>,
}

impl FacetCounts {
    /// The counts of one facet's values.
    pub fn of(&self, facet: Facet) -> &BTreeMap<String, u64> {
        match facet {
            Facet::Lang => &self.lang,
            Facet::Country => &self.country,
            Facet::Year => &self.year,
            Facet::Kind => &self.kind,
        }
    }

    fn of_mut(&mut self, facet: Facet) -> &mut BTreeMap<String, u64> {
        match facet {
            Facet::Lang => &mut self.lang,
            Facet::Country => &mut self.country,
            Facet::Year => &mut self.year,
            Facet::Kind => &mut self.kind,
        }
    }
}

/// One hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Record id.
    pub id: String,
    /// Source file.
    pub source: String,
    /// Position in the file.
    pub ordinal: u32,
    /// Language code.
    pub lang: String,
    /// Record kind.
    pub kind: Kind,
    /// Project page title.
    pub title: Option<String>,
    /// First partner.
    pub partner: Option<String>,
    /// First partner's country.
    pub country: Option<String>,
    /// Implementation period.
    pub period: Option<Period>,
    /// BM25 score.
    pub score: f32,
    /// Snippet with matches in `<b>…</b>` (HTML-escaped).
    pub snippet: String,
    /// The snippet as plain text.
    pub snippet_text: String,
    /// Byte ranges of the matches in `snippet_text`.
    pub highlights: Vec<[usize; 2]>,
    /// The words of the snippet that matched, each once, as written (`Norvegijoje` for
    /// `Norway`).
    pub matched: Vec<String>,
    /// Counterpart record id, if paired.
    pub counterpart: Option<String>,
    /// True when the record matched only through its counterpart (`--cross`).
    pub via_counterpart: bool,
}

/// A page of hits with the counts of the whole result set.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Matching records in all.
    pub total: usize,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Facet counts of all matching records.
    pub facets: FacetCounts,
    /// Suggestions when nothing matched: misspelt filter values or words.
    pub hints: Vec<String>,
    /// Words searched besides the query's own, in the other language (`--translate`).
    pub expanded: Vec<Expansion>,
}

/// Counts of a whole index.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Records.
    pub records: usize,
    /// Files.
    pub files: usize,
    /// Facet counts.
    pub facets: FacetCounts,
}

/// The analyzers a request's words are searched with: its language's, or every one.
fn request_analyzers(request: &SearchRequest) -> Vec<Analyzer> {
    match request.lang.as_deref() {
        Some(code) => vec![Analyzer::for_lang(&normalize_lang(code))],
        None => Analyzer::ALL.to_vec(),
    }
}
