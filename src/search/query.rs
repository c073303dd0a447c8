//! Queries: how does the text a user typed, plus flags, become a tantivy query?
//!
//! The text is parsed with tantivy's grammar (after a check that `AND`/`OR`/`NOT` have
//! terms around them), field aliases are expanded to the per-language fields, and the
//! result is built by tantivy's `QueryParser` with every word required. With `--fuzzy`
//! the boolean structure is compiled here and each leaf is built by a parser whose fuzzy
//! distance suits that word's length. Filters become constant-score clauses.
//!
//! Phrases on the body fields are then answered from the bigram fields where they can be
//! ([`QueryBuilder::phrases_by_bigrams`]): a phrase of two content words is one term, a
//! longer one checks positions only where its content-word pairs all occur.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, QueryParser,
    QueryParserError, RangeQuery, TermQuery,
};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Term};
use time::Date;

use super::filter::{FilterKey, FilteredQuery, Gathered};
use super::rewrite::{check_operators, expand_aliases, phrases_are_exact, record_fields};
use super::translate::{self, Expansion, Translate};
use super::SearchRequest;
use crate::analysis::{Analyzer, Mode};
use crate::country;
use crate::error::{Error, Result};
use crate::index::{self, Facet, Fields};
use crate::pairing::lexicon::Lexicon;

/// How much more a match in a project page's title counts than one in the body: a title
/// names what the whole record is about, a body word may be said in passing.
const TITLE_BOOST: f32 = 2.0;
/// How much more a match in a partner name counts than one in the body: people search for
/// organisations by name, and a partner name is short, so a match there is rarely chance.
/// Less than a title: a partner's name says who, not what the initiative is about.
const PARTNER_BOOST: f32 = 1.5;

/// Words this long or longer may be one edit away with `--fuzzy`.
pub const FUZZY_ONE_EDIT: usize = 5;
/// Words this long or longer may be two edits away with `--fuzzy`.
pub const FUZZY_TWO_EDITS: usize = 9;

/// A user's query, built twice: as written (what snippets highlight and explanations
/// describe) and as run (phrases answered from bigrams where they can be). Both match the
/// same documents.
pub struct ParsedQuery {
    /// The query to run.
    pub matching: Box<dyn Query>,
    /// The query as written.
    pub written: Box<dyn Query>,
    /// The words searched besides the query's own, in the other language.
    pub expanded: Vec<Expansion>,
}

/// Builds tantivy queries against one index.
pub struct QueryBuilder<'a> {
    index: &'a Index,
    pub(super) fields: &'a Fields,
}

impl<'a> QueryBuilder<'a> {
    /// A builder for `index` with its `fields`.
    pub fn new(index: &'a Index, fields: &'a Fields) -> Self {
        QueryBuilder { index, fields }
    }

    /// Every record (every document is one).
    pub fn all_records(&self) -> Box<dyn Query> {
        Box::new(AllQuery)
    }

    /// The user's query text over the fields of `analyzers`, its words translated as
    /// `translate` says (into the language of `analyzers` when there is one), with the
    /// corpus's learned `lexicon` among the tables.
    pub fn parse(
        &self,
        text: &str,
        analyzers: &[Analyzer],
        fuzzy: bool,
        (translate, lexicon): (Translate, &Lexicon),
    ) -> Result<ParsedQuery> {
        let text = text.trim();
        if text.is_empty() || text == "*" {
            return Ok(ParsedQuery {
                matching: self.all_records(),
                written: self.all_records(),
                expanded: Vec::new(),
            });
        }
        let query_error = |reason: String| Error::Query {
            query: text.to_string(),
            reason,
            position: None,
        };
        let placed_error = |reason: String, position: usize| Error::Query {
            query: text.to_string(),
            reason,
            position: Some(position),
        };
        check_operators(text).map_err(|(reason, at)| placed_error(reason, at))?;
        let (ast, errors) = query_grammar::parse_query_lenient(text);
        if let Some(error) = errors.first() {
            // The grammar counts bytes; a person (and a browser) counts characters.
            let at = text
                .get(..error.pos)
                .map_or(error.pos, |head| head.chars().count())
                + 1;
            return Err(placed_error(
                format!("{} at character {at}", error.message),
                at,
            ));
        }
        let target = match analyzers {
            [one] => Some(*one),
            _ => None,
        };
        let mut expanded = Vec::new();
        let ast = translate::expand(ast, target, (translate, lexicon), &mut expanded);
        let ast = expand_aliases(ast, analyzers);
        let ast = record_fields(ast).map_err(query_error)?;
        self.check_fields(&ast).map_err(query_error)?;
        let exact_phrases = phrases_are_exact(&ast);
        let built = if fuzzy {
            let parsers = [0, 1, 2].map(|distance| self.parser(analyzers, distance));
            compile_fuzzy(ast, &parsers, analyzers)
        } else {
            self.parser(analyzers, 0)
                .build_query_from_user_input_ast(ast)
        };
        let written = built.map_err(|err| query_error(describe_parser_error(&err)))?;
        let matching = if exact_phrases {
            self.phrases_by_bigrams(&*written)
        } else {
            written.box_clone()
        };
        Ok(ParsedQuery {
            matching,
            written,
            expanded,
        })
    }

    /// Every field the query names must exist; tantivy would only notice some of them (as
    /// in `x:*`) while searching, as an internal error.
    fn check_fields(&self, ast: &UserInputAst) -> std::result::Result<(), String> {
        match ast {
            UserInputAst::Clause(clauses) => clauses
                .iter()
                .try_for_each(|(_, sub)| self.check_fields(sub)),
            UserInputAst::Boost(sub, _) => self.check_fields(sub),
            UserInputAst::Leaf(leaf) => {
                let field = match leaf.as_ref() {
                    UserInputLeaf::Literal(literal) => literal.field_name.as_deref(),
                    UserInputLeaf::Range { field, .. } | UserInputLeaf::Set { field, .. } => {
                        field.as_deref()
                    }
                    UserInputLeaf::Exists { field } => Some(field.as_str()),
                    _ => None,
                };
                match field {
                    Some(name) if self.index.schema().get_field(name).is_err() => {
                        Err(describe_parser_error(&QueryParserError::FieldDoesNotExist(
                            name.to_string(),
                        )))
                    }
                    _ => Ok(()),
                }
            }
        }
    }

    fn parser(&self, analyzers: &[Analyzer], fuzzy_distance: u8) -> QueryParser {
        let mut defaults = Vec::new();
        for &analyzer in analyzers {
            let lang = self.fields.lang(analyzer);
            defaults.extend([lang.title, lang.partner, lang.body]);
        }
        let mut parser = QueryParser::for_index(self.index, defaults);
        parser.set_conjunction_by_default();
        for analyzer in Analyzer::ALL {
            let lang = self.fields.lang(analyzer);
            parser.set_field_boost(lang.title, TITLE_BOOST);
            parser.set_field_boost(lang.partner, PARTNER_BOOST);
            if fuzzy_distance > 0 {
                for field in [lang.title, lang.partner, lang.body] {
                    parser.set_field_fuzzy(field, false, fuzzy_distance, true);
                }
            }
        }
        parser
    }

    /// The constant-score filter clauses of a request's filters (its [`FilterKey`], so
    /// the filters and the key their gathered documents are kept under cannot differ).
    pub fn filters(&self, key: &FilterKey) -> Vec<Box<dyn Query>> {
        let fields = self.fields;
        let facet = |facet: Facet, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(fields.facet_profile, &index::facet_term(facet, value)),
                IndexRecordOption::Basic,
            ))
        };
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(lang) = &key.lang {
            filters.push(facet(Facet::Lang, lang));
        }
        if let Some(country) = &key.country {
            filters.push(facet(Facet::Country, country));
        }
        if let Some(year) = key.year {
            filters.push(facet(Facet::Year, &year.to_string()));
        }
        if let Some(kind) = key.kind {
            filters.push(facet(Facet::Kind, kind.as_str()));
        }
        if let Some(from) = key.from {
            filters.push(date_bound(
                fields.period_end,
                Bound::Included(from),
                Bound::Unbounded,
            ));
        }
        if let Some(to) = key.to {
            filters.push(date_bound(
                fields.period_start,
                Bound::Unbounded,
                Bound::Included(to),
            ));
        }
        filters
    }

    /// `request`'s filters, normalised (`lietuvių` is `lt`, `Norvegija` is `Norway`).
    pub fn filter_key(request: &SearchRequest) -> FilterKey {
        FilterKey {
            lang: request.lang.as_deref().map(normalize_lang),
            country: request.country.as_deref().map(normalize_country),
            year: request.year,
            kind: request.kind,
            from: request.from,
            to: request.to,
        }
    }

    /// `query` narrowed by `filters`, which do not change scores; their documents are
    /// gathered into `gathered` (or found there).
    pub fn filtered(
        query: Box<dyn Query>,
        mut filters: Vec<Box<dyn Query>>,
        gathered: Gathered,
    ) -> Box<dyn Query> {
        let filter = match filters.len() {
            0 => return query,
            1 => filters.remove(0),
            _ => Box::new(BooleanQuery::intersection(filters)),
        };
        // Every record, filtered, is the filter's records, scored as every record is.
        if query.downcast_ref::<AllQuery>().is_some() {
            return Box::new(ConstScoreQuery::new(filter, 1.0));
        }
        Box::new(FilteredQuery::new(query, filter, gathered))
    }
}

/// A `--lang` value as a language code: `lt`, `LT`, `lithuanian` and `lietuvių` are `lt`.
pub fn normalize_lang(value: &str) -> String {
    let value = value.trim().to_lowercase();
    match value.as_str() {
        "english" | "eng" | "anglų" | "anglu" => "en".to_string(),
        "lithuanian" | "lit" | "lietuvių" | "lietuviu" => "lt".to_string(),
        _ => value,
    }
}

/// A `--country` value as the English name the index uses (unknown names unchanged).
pub fn normalize_country(value: &str) -> String {
    country::normalize(value)
        .map(str::to_string)
        .unwrap_or_else(|| value.trim().to_string())
}

fn date_bound(field: Field, lower: Bound<Date>, upper: Bound<Date>) -> Box<dyn Query> {
    let term = |date: Date| Term::from_field_date(field, index::date_value(date));
    Box::new(RangeQuery::new(lower.map(term), upper.map(term)))
}

/// Builds `ast` as tantivy's parser would (missing occurs are `Must`), but each single-word
/// leaf by the parser whose fuzzy distance suits the word's length.
fn compile_fuzzy(
    ast: UserInputAst,
    parsers: &[QueryParser; 3],
    analyzers: &[Analyzer],
) -> std::result::Result<Box<dyn Query>, QueryParserError> {
    match ast {
        UserInputAst::Clause(clauses) => {
            let mut built = Vec::with_capacity(clauses.len());
            for (occur, sub) in clauses {
                let occur = match occur {
                    Some(query_grammar::Occur::Should) => Occur::Should,
                    Some(query_grammar::Occur::MustNot) => Occur::MustNot,
                    Some(query_grammar::Occur::Must) | None => Occur::Must,
                };
                built.push((occur, compile_fuzzy(sub, parsers, analyzers)?));
            }
            if !built.is_empty() && built.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                return Err(QueryParserError::AllButQueryForbidden);
            }
            Ok(Box::new(BooleanQuery::new(built)))
        }
        UserInputAst::Boost(sub, boost) => Ok(Box::new(BoostQuery::new(
            compile_fuzzy(*sub, parsers, analyzers)?,
            boost.into_inner() as f32,
        ))),
        UserInputAst::Leaf(leaf) => {
            let distance = match leaf.as_ref() {
                UserInputLeaf::Literal(literal) => fuzzy_distance(literal, analyzers),
                _ => 0,
            };
            parsers[distance].build_query_from_user_input_ast(UserInputAst::Leaf(leaf))
        }
    }
}

/// How many edits `--fuzzy` allows for a literal: none for phrases, prefixes and words that
/// analyse to more than one term.
fn fuzzy_distance(literal: &query_grammar::UserInputLiteral, analyzers: &[Analyzer]) -> usize {
    if literal.delimiter != Delimiter::None || literal.prefix {
        return 0;
    }
    let single_term = analyzers
        .iter()
        .all(|a| a.terms(Mode::Searching, &literal.phrase).len() == 1);
    if !single_term {
        return 0;
    }
    super::suggest::fuzzy_edits(literal.phrase.chars().count())
}

fn describe_parser_error(err: &QueryParserError) -> String {
    match err {
        QueryParserError::FieldDoesNotExist(field) => format!(
            "unknown field {field:?}; fields are text, title, partner, body (and their _en/_lt forms), country, lang, kind, project_number, id, source"
        ),
        QueryParserError::AllButQueryForbidden => {
            "a query cannot only exclude (add a word to search for)".to_string()
        }
        other => other.to_string(),
    }
}
