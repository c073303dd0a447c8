//! The `--cross` join: records whose counterpart in the other language matches the query.

use tantivy::collector::TopDocs;
use tantivy::query::ExistsQuery;
use tantivy::{DocAddress, Searcher};

use super::translate::Translate;
use super::{join, normalize_lang, Engine, QueryBuilder, SearchRequest};
use crate::analysis::Analyzer;
use crate::error::Result;
use crate::index::{self, field};

/// Matches of the other language that `--cross` follows to their counterparts: enough
/// for any page a person reads, few enough that the join stays small on any corpus.
pub const CROSS_EXPANSION: usize = 1000;

impl Engine {
    /// Ids of records in the requested language(s) whose counterpart in the other language
    /// matches the query: the other side's best [`CROSS_EXPANSION`] matches that can have a
    /// counterpart (records with a period) are found by
    /// the query, their counterparts' keys by the pair store. The join runs on numeric
    /// record keys ([`index::record_key`]) read from the key column: decoding a thousand
    /// string ids costs a dictionary block each. The bound keeps `--cross` a
    /// small join on any corpus size. Returns the record keys of the counterparts.
    pub(super) fn counterparts_of_matches(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
    ) -> Result<Vec<u64>> {
        let mut found = Vec::new();
        let sides: Vec<(Analyzer, &str)> =
            match request.lang.as_deref().map(normalize_lang).as_deref() {
                Some("lt") => vec![(Analyzer::English, "en")],
                Some("en") => vec![(Analyzer::Lithuanian, "lt")],
                Some(_) => Vec::new(),
                None => vec![(Analyzer::English, "en"), (Analyzer::Lithuanian, "lt")],
            };
        for (analyzer, code) in sides {
            let other = SearchRequest {
                lang: Some(code.to_string()),
                ..SearchRequest::default()
            };
            let queries = self.queries();
            // Only records with a period can have a counterpart (pairing blocks on periods).
            let mut filters = queries.filters(&QueryBuilder::filter_key(&other));
            filters.push(Box::new(ExistsQuery::new(
                field::PERIOD_START.to_string(),
                false,
            )));
            let query = QueryBuilder::filtered(
                queries
                    .parse(
                        &request.query,
                        &[analyzer],
                        request.fuzzy,
                        (Translate::Never, &self.lexicon),
                    )?
                    .matching,
                filters,
                // The other language's records with a period: not a filter a person asks for.
                super::filter::Gathered::default(),
            );
            let best = searcher.search(
                &*query,
                &TopDocs::with_limit(CROSS_EXPANSION).order_by_score(),
            )?;
            let best: Vec<DocAddress> = best.into_iter().map(|(_, address)| address).collect();
            let matched: join::KeySet = join::read_keys(searcher, &best, index::KEY_FIELD)?
                .into_iter()
                .collect();
            if matched.is_empty() {
                continue;
            }
            found.extend(
                self.pairs
                    .counterpart_keys(code == "lt", |key| matched.contains(key)),
            );
        }
        found.sort();
        found.dedup();
        Ok(found)
    }
}
