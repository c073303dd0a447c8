//! Collection: the requested page of hits in score or date order, the total and the
//! facet counts, and a hit made from a record and its snippet.

use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DateTime, DocAddress, Order, Searcher};

use super::{facets, snippet, Engine, FacetCounts, Hit, SearchRequest, SortOrder};
use crate::error::Result;
use crate::index::field;
use crate::record::Record;

/// A page of (score, address), the total count, and facet counts.
type Page = (Vec<(f32, DocAddress)>, usize, FacetCounts);

impl Engine {
    /// The requested page of (score, address), the total, and facet counts.
    ///
    /// By score, the page and the counts are two passes: the page alone lets tantivy skip
    /// blocks of documents that cannot reach it (block-max WAND), and the counts need no
    /// scores at all. One pass doing both would score every match.
    pub(super) fn collect(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        request: &SearchRequest,
    ) -> Result<Page> {
        let limit = request.limit.max(1);
        let page = TopDocs::with_limit(limit).and_offset(request.offset);
        let (top, total, facets) = match request.sort {
            // Position checks cost the same on every pass: one pass, scoring all.
            SortOrder::Score if needs_positions(query) => searcher.search(
                query,
                &(page.order_by_score(), Count, facets::ProfileCounter),
            )?,
            SortOrder::Score => {
                let top = searcher.search(query, &page.order_by_score())?;
                let (total, facets) = searcher.search(query, &(Count, facets::ProfileCounter))?;
                (top, total, facets)
            }
            SortOrder::Date => {
                let by_date =
                    page.order_by_fast_field::<DateTime>(field::PERIOD_START, Order::Desc);
                let (top, total, facets) =
                    searcher.search(query, &(by_date, Count, facets::ProfileCounter))?;
                // Scores for display: explain each hit of the page.
                let scored = top
                    .into_iter()
                    .map(|(_, address)| {
                        let score = query
                            .explain(searcher, address)
                            .map(|e| e.value())
                            .unwrap_or(0.0);
                        (score, address)
                    })
                    .collect();
                (scored, total, facets)
            }
        };
        let top = if request.limit == 0 { Vec::new() } else { top };
        Ok((top, total, facets))
    }
}

/// Whether running `query` reads positions (a phrase not answered from bigrams).
fn needs_positions(query: &dyn Query) -> bool {
    let mut positions = false;
    query.query_terms(&mut |_, needs| positions |= needs);
    positions
}

/// A hit of `record` with its snippet and counterpart.
pub(super) fn make_hit(
    record: Record,
    score: f32,
    counterpart: Option<String>,
    snippets: &snippet::SnippetMaker,
) -> Hit {
    let snippet = snippets.snippet(&record);
    let mut matched: Vec<String> = Vec::new();
    for [from, to] in &snippet.highlights {
        let word = &snippet.text[*from..*to];
        if !matched.iter().any(|m| m == word) {
            matched.push(word.to_string());
        }
    }
    Hit {
        matched,
        snippet: snippet.to_html(),
        snippet_text: snippet.text,
        highlights: snippet.highlights,
        id: record.id,
        source: record.source,
        ordinal: record.ordinal,
        lang: record.lang.code,
        kind: record.kind,
        title: record.title,
        partner: record.partner,
        country: record.country,
        period: record.period,
        score,
        counterpart,
        via_counterpart: false,
    }
}
