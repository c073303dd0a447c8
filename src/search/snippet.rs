//! Snippets: which part of a hit to show, with the matched words marked.
//!
//! Text is tokenized the way documents were indexed ([`Mode::Indexing`]), so a word that
//! matched through its diacritic-free form is highlighted too.

use std::collections::{BTreeMap, BTreeSet};

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::{collapse_overlapped_ranges, SnippetGenerator};
use tantivy::Searcher;

use super::suggest;
use crate::analysis::{Analyzer, Mode};
use crate::error::Result;
use crate::index::Fields;
use crate::record::Record;

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 220;

/// A snippet: plain text with the byte ranges of matches (sorted, disjoint).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The fragment as plain text.
    pub text: String,
    /// Byte ranges of matches in `text`.
    pub highlights: Vec<[usize; 2]>,
}

impl Snippet {
    /// The snippet with matches in `<b>…</b>`, HTML-escaped.
    pub fn to_html(&self) -> String {
        let mut html = String::with_capacity(self.text.len() + 16);
        let mut at = 0;
        for [from, to] in &self.highlights {
            html.push_str(&html_escape(&self.text[at..*from]));
            html.push_str("<b>");
            html.push_str(&html_escape(&self.text[*from..*to]));
            html.push_str("</b>");
            at = *to;
        }
        html.push_str(&html_escape(&self.text[at..]));
        html
    }
}

/// Builds snippets for hits of either language.
pub struct SnippetMaker {
    en: SnippetGenerator,
    lt: SnippetGenerator,
}

impl SnippetMaker {
    /// Snippet generators for the terms of `query`; with `fuzzy_words` (the query text of a
    /// `--fuzzy` search), also for the indexed terms its words reach, since fuzzy queries
    /// do not report the terms they matched.
    pub fn new(
        searcher: &Searcher,
        query: &dyn Query,
        fields: &Fields,
        fuzzy_words: Option<&str>,
    ) -> Result<SnippetMaker> {
        let make = |field, analyzer| generator(searcher, query, field, analyzer, fuzzy_words);
        Ok(SnippetMaker {
            en: make(fields.en.body, Analyzer::English)?,
            lt: make(fields.lt.body, Analyzer::Lithuanian)?,
        })
    }

    /// The snippet of `record`: the best fragment of its body, or its start when the match
    /// was elsewhere (title, partner names).
    pub fn snippet(&self, record: &Record) -> Snippet {
        let generator = match Analyzer::for_lang(&record.lang.code) {
            Analyzer::English => &self.en,
            Analyzer::Lithuanian => &self.lt,
        };
        let body = record.body();
        let snippet = generator.snippet(&body);
        if snippet.is_empty() {
            return Snippet {
                text: leading_text(&body, SNIPPET_CHARS),
                highlights: Vec::new(),
            };
        }
        Snippet {
            text: snippet.fragment().to_string(),
            // Sorted and disjoint: a word indexed in two forms that the query both asks
            // for (`valdžios OR valdzios`, `--fuzzy`) is highlighted twice, once per form.
            highlights: collapse_overlapped_ranges(snippet.highlighted())
                .into_iter()
                .map(|range| [range.start, range.end])
                .collect(),
        }
    }
}

fn generator(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
    analyzer: Analyzer,
    fuzzy_words: Option<&str>,
) -> Result<SnippetGenerator> {
    let mut terms = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    let mut weighted = BTreeMap::new();
    for term in terms {
        let Some(text) = term.value().as_str().map(str::to_string) else {
            continue;
        };
        let doc_freq = searcher.doc_freq(&term)?;
        if doc_freq > 0 {
            weighted.insert(text, 1.0 / (1.0 + doc_freq as f32));
        }
    }
    for word in fuzzy_words.map(suggest::plain_words).unwrap_or_default() {
        let distance = suggest::fuzzy_edits(word.chars().count());
        let term = analyzer.terms(Mode::Searching, &word).into_iter().next();
        let (Some(term), true) = (term, distance > 0) else {
            continue;
        };
        for (close, doc_freq) in suggest::close_terms(searcher, field, &term, distance)? {
            weighted.insert(close, 1.0 / (1.0 + doc_freq as f32));
        }
    }
    // Documents' terms, without recording them for bigrams, found only where they can be.
    let tokenizer = analyzer.build_finding(Mode::Indexing, weighted.keys().map(String::as_str));
    Ok(SnippetGenerator::new(
        weighted,
        tokenizer,
        field,
        SNIPPET_CHARS,
    ))
}

/// The first `max` characters of `text`, cut at a word boundary, whitespace flattened.
pub fn leading_text(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(at) => cut[..at].to_string(),
        None => cut,
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_marks_and_escapes() {
        let snippet = Snippet {
            text: "a <b> & mental health".to_string(),
            highlights: vec![[8, 14]],
        };
        assert_eq!(snippet.to_html(), "a &lt;b&gt; &amp; <b>mental</b> health");
        assert_eq!(leading_text("one  two\nthree", 8), "one two");
    }
}
