//! Phrases answered from word pairs: a phrase on a body field becomes its bigrams' terms
//! (the bigram fields index each pair of adjacent content words), so most phrases need no
//! position check at all.

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::QueryBuilder;
use crate::analysis::{self, Analyzer};

impl QueryBuilder<'_> {
    /// `query` with its phrases on body fields answered from the bigram fields: a phrase
    /// of two content words becomes its bigram's term (scored like a term of the body);
    /// a longer phrase keeps its position check, narrowed to documents holding all of its
    /// content-word bigrams. Only for phrases whose terms are adjacent (no slop, no
    /// dropped word), which `phrases_are_exact` checks on the query text. Phrases the
    /// parser wrapped in a boost (title, partner) are left as they are.
    pub fn phrases_by_bigrams(&self, query: &dyn Query) -> Box<dyn Query> {
        if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
            let clauses = boolean
                .clauses()
                .iter()
                .map(|(occur, sub)| (*occur, self.phrases_by_bigrams(&**sub)))
                .collect();
            return Box::new(BooleanQuery::with_minimum_required_clauses(
                clauses,
                boolean.get_minimum_number_should_match(),
            ));
        }
        if let Some(phrase) = query.downcast_ref::<PhraseQuery>() {
            if let Some(rewritten) = self.phrase_by_bigrams(phrase) {
                return rewritten;
            }
        }
        query.box_clone()
    }

    fn phrase_by_bigrams(&self, phrase: &PhraseQuery) -> Option<Box<dyn Query>> {
        let (analyzer, bigram_field) = Analyzer::ALL.into_iter().find_map(|analyzer| {
            let lang = self.fields.lang(analyzer);
            (lang.body == phrase.field()).then_some((analyzer, lang.body_bigrams))
        })?;
        let terms = phrase.phrase_terms();
        let texts: Vec<String> = terms
            .iter()
            .map(|term| term.value().as_str().map(str::to_string))
            .collect::<Option<_>>()?;
        let bigrams: Vec<Term> = texts
            .windows(2)
            .filter(|pair| {
                pair.iter()
                    .all(|t| !analysis::is_function_term(analyzer, t))
            })
            .map(|pair| Term::from_field_text(bigram_field, &analysis::bigram(&pair[0], &pair[1])))
            .collect();
        match bigrams.as_slice() {
            [] => None,
            [only] if texts.len() == 2 => Some(Box::new(TermQuery::new(
                only.clone(),
                IndexRecordOption::WithFreqs,
            ))),
            _ => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> =
                    vec![(Occur::Must, Box::new(phrase.clone()))];
                for bigram in bigrams {
                    let filter = TermQuery::new(bigram, IndexRecordOption::Basic);
                    clauses.push((
                        Occur::Must,
                        Box::new(ConstScoreQuery::new(Box::new(filter), 0.0)),
                    ));
                }
                Some(Box::new(BooleanQuery::new(clauses)))
            }
        }
    }
}
