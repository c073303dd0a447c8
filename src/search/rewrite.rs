//! The query text as typed, checked and rewritten before tantivy builds it: boolean
//! operators need terms around them, phrases must ask for adjacent words to be answered
//! from bigrams, field aliases (`title:`) expand to the per-language fields, and the
//! record fields (`lang:`, `country:`, `kind:`, `id:`) become the facet terms or key
//! ranges that answer them.

use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf};

use super::{normalize_country, normalize_lang};
use crate::analysis::{self, Analyzer, MAX_WORD_BYTES};
use crate::index::{self, Facet};

/// Field aliases accepted in queries, each expanding to these per-language fields.
const ALIASES: &[(&str, &[&str])] = &[
    ("title", &["title"]),
    ("partner", &["partner"]),
    ("body", &["body"]),
    ("text", &["title", "partner", "body"]),
];

/// Whether every phrase in `ast` asks for adjacent words: no slop, no prefix, and no word
/// too long to index (which would leave a gap between the terms around it).
pub(super) fn phrases_are_exact(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(clauses) => clauses.iter().all(|(_, sub)| phrases_are_exact(sub)),
        UserInputAst::Boost(sub, _) => phrases_are_exact(sub),
        UserInputAst::Leaf(leaf) => match leaf.as_ref() {
            UserInputLeaf::Literal(literal) if literal.delimiter != Delimiter::None => {
                literal.slop == 0
                    && !literal.prefix
                    && analysis::words(&literal.phrase)
                        .all(|(_, word)| word.len() <= MAX_WORD_BYTES)
            }
            _ => true,
        },
    }
}

/// Rejects boolean operators without a term on each side (`AND`, `visit OR`), which
/// tantivy's grammar would otherwise read as the words "and" and "or".
pub(super) fn check_operators(text: &str) -> std::result::Result<(), (String, usize)> {
    let mut in_quotes = false;
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        if c.is_whitespace() && !in_quotes {
            if let Some(s) = start.take() {
                words.push((s, &text[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    let is_binary = |word: &str| word == "AND" || word == "OR";
    for (n, (at, word)) in words.iter().enumerate() {
        let before = n.checked_sub(1).map(|p| words[p].1);
        let after = words.get(n + 1).map(|w| w.1);
        let missing_before = is_binary(word)
            && before.is_none_or(|b| is_binary(b) || b == "NOT" || b.ends_with('('));
        let missing_after = (is_binary(word) || *word == "NOT")
            && after.is_none_or(|a| is_binary(a) || a.starts_with(')'));
        if missing_before || missing_after {
            let side = if missing_before { "before" } else { "after" };
            let position = text[..*at].chars().count() + 1;
            return Err((
                format!(
                    "{word} at character {position} needs a term {side} it (to search for the word, write \"{}\")",
                    word.to_lowercase()
                ),
                position,
            ));
        }
    }
    Ok(())
}

/// Rewrites `title:`/`partner:`/`body:`/`text:` into the per-language fields.
pub(super) fn expand_aliases(ast: UserInputAst, analyzers: &[Analyzer]) -> UserInputAst {
    let targets = |field: &Option<String>| -> Option<Vec<String>> {
        let name = field.as_deref()?;
        let (_, bases) = ALIASES.iter().find(|(alias, _)| *alias == name)?;
        Some(
            bases
                .iter()
                .flat_map(|base| {
                    analyzers
                        .iter()
                        .map(move |a| format!("{base}_{}", a.name()))
                })
                .collect(),
        )
    };
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, sub)| (occur, expand_aliases(sub, analyzers)))
                .collect(),
        ),
        UserInputAst::Boost(sub, boost) => {
            UserInputAst::Boost(Box::new(expand_aliases(*sub, analyzers)), boost)
        }
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(literal) => match targets(&literal.field_name) {
                Some(fields) => UserInputAst::Clause(
                    fields
                        .into_iter()
                        .map(|field| {
                            let mut literal = literal.clone();
                            literal.field_name = Some(field);
                            let leaf =
                                UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal)));
                            (Some(query_grammar::Occur::Should), leaf)
                        })
                        .collect(),
                ),
                None => UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal))),
            },
            other => UserInputAst::Leaf(Box::new(other)),
        },
    }
}

/// Query fields that are not fields of the index: `lang`, `country` and `kind` are read
/// from the facet profile's terms (values normalised as the `--lang`, `--country`, `--kind` flags are),
/// `id` from the record key column. Indexing them again as fields of their own would add
/// terms to every record (a unique `id` term each) that these look-ups already answer.
pub(super) const RECORD_FIELDS: [&str; 4] = [
    Facet::Lang.name(),
    Facet::Country.name(),
    Facet::Kind.name(),
    "id",
];

/// `ast` with the leaves on [`RECORD_FIELDS`] rewritten to the facet profile terms or key range
/// that answer them; an error for ranges, regexes and `field:*` on them.
pub(super) fn record_fields(ast: UserInputAst) -> std::result::Result<UserInputAst, String> {
    let leaf = |leaf: UserInputLeaf| UserInputAst::Leaf(Box::new(leaf));
    let value = |field: &str, value: &str| -> UserInputLeaf {
        let facet = |facet: Facet, value: &str| {
            UserInputLeaf::Literal(query_grammar::UserInputLiteral {
                field_name: Some(index::PROFILE_FIELD.to_string()),
                phrase: index::facet_term(facet, value),
                delimiter: Delimiter::None,
                slop: 0,
                prefix: false,
            })
        };
        match Facet::named(field) {
            Some(Facet::Lang) => facet(Facet::Lang, &normalize_lang(value)),
            Some(Facet::Country) => facet(Facet::Country, &normalize_country(value)),
            Some(Facet::Kind) => facet(Facet::Kind, &value.trim().to_lowercase()),
            _ => {
                let key = index::record_key(value).to_string();
                UserInputLeaf::Range {
                    field: Some(index::KEY_FIELD.to_string()),
                    lower: query_grammar::UserInputBound::Inclusive(key.clone()),
                    upper: query_grammar::UserInputBound::Inclusive(key),
                }
            }
        }
    };
    let is_record_field = |field: Option<&str>| field.is_some_and(|f| RECORD_FIELDS.contains(&f));
    Ok(match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, sub)| Ok((occur, record_fields(sub)?)))
                .collect::<std::result::Result<_, String>>()?,
        ),
        UserInputAst::Boost(sub, boost) => {
            UserInputAst::Boost(Box::new(record_fields(*sub)?), boost)
        }
        UserInputAst::Leaf(original) => match *original {
            UserInputLeaf::Literal(literal) if is_record_field(literal.field_name.as_deref()) => {
                if literal.prefix {
                    let field = literal.field_name.unwrap_or_default();
                    return Err(format!(
                        "`{field}` takes whole values ({field}:{}), not prefixes",
                        literal.phrase
                    ));
                }
                leaf(value(
                    literal.field_name.as_deref().unwrap_or_default(),
                    &literal.phrase,
                ))
            }
            UserInputLeaf::Set { field, elements } if is_record_field(field.as_deref()) => {
                // Any of the values, all scored alike (as tantivy scores a set).
                let field = field.unwrap_or_default();
                let any = UserInputAst::Clause(
                    elements
                        .iter()
                        .map(|element| {
                            (
                                Some(query_grammar::Occur::Should),
                                leaf(value(&field, element)),
                            )
                        })
                        .collect(),
                );
                UserInputAst::Boost(Box::new(any), 0.0.into())
            }
            UserInputLeaf::Range {
                field: Some(field), ..
            }
            | UserInputLeaf::Regex {
                field: Some(field), ..
            }
            | UserInputLeaf::Exists { field }
                if RECORD_FIELDS.contains(&field.as_str()) =>
            {
                return Err(format!(
                    "`{field}` takes values such as {field}:{}, not ranges or patterns",
                    example_value(&field)
                ));
            }
            other => leaf(other),
        },
    })
}

/// A value of a [`RECORD_FIELDS`] field, for messages.
pub(super) fn example_value(field: &str) -> &'static str {
    match field {
        "lang" => "lt",
        "country" => "Norway",
        "kind" => "project",
        _ => "ID",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_need_terms_on_both_sides() {
        assert!(check_operators("visit AND norway").is_ok());
        assert!(check_operators("\"this AND\" that").is_ok());
        assert!(check_operators("visit AND NOT norway").is_ok());
        assert!(check_operators("AND").unwrap_err() == ("AND at character 1 needs a term before it (to search for the word, write \"and\")".to_string(), 1));
        assert!(check_operators("visit OR").unwrap_err().1 == 7);
        assert!(check_operators("a AND OR b").is_err());
        assert!(check_operators("NOT").is_err());
    }
}
