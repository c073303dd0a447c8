//! Queries across languages: which words of the other language does a query word stand
//! for, and how are they searched besides it?
//!
//! A word is looked up in three compiled tables, in this order: the towns of
//! `data/places.tsv` (`Reikjavikas` = `Reykjavík`), the countries of `data/countries.tsv`
//! (`Norway` = `Norvegija`), and the bilingual glossary (`mental` = `psichikos`,
//! `psichinis`, with a user's own terms from `index --glossary`); then in the lexicon
//! pairing learned from the corpus's own partner names (`Rescue` = `gelbėjimo`). Each
//! matches every case form, so `Norvegijoje` is Norway. The words found are searched as
//! alternatives of the word, weighted below it ([`TRANSLATION_BOOST`]), and analysed like
//! any query word, so `Norvegija` finds `Norvegijoje` too.
//!
//! Translation is asked for with `--translate`, and is on by default when `--lang` names
//! the other language than a word's: `mental health --lang lt` searches `psichikos`,
//! `sveikata` as well. The words added are reported ([`Expansion`]).

use serde::Serialize;
use tantivy::query_grammar::{Occur, UserInputAst, UserInputLeaf, UserInputLiteral};

use crate::analysis::{fold_diacritics, stem_lithuanian, Analyzer};
use crate::pairing::features::word_key;
use crate::pairing::glossary;
use crate::pairing::lexicon::Lexicon;
use crate::{country, place};

/// The weight of a translation against the word as typed: a record in the language asked
/// for that uses the word itself (a name, a loan word) ranks above one that matched only
/// through a translation.
pub const TRANSLATION_BOOST: f64 = 0.5;

/// When to translate query words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Translate {
    /// Words the tables place in the other language than `--lang`'s.
    #[default]
    Auto,
    /// Every word the tables know (`--translate`).
    Always,
    /// None (`--no-translate`).
    Never,
}

/// Which table a translation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A town's names (`data/places.tsv`).
    Place,
    /// A country's names (`data/countries.tsv`).
    Country,
    /// The bilingual glossary.
    Glossary,
    /// The lexicon learned from the corpus's pairs (`lexicon.tsv`).
    Lexicon,
}

/// A query word and the words searched for it besides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expansion {
    /// The word as typed.
    pub word: String,
    /// The words searched besides it.
    pub also: Vec<String>,
    /// The table they came from.
    pub from: Source,
}

/// What the tables know of one word.
struct Known {
    /// The word's language, where the tables tell (a native name is neither).
    lang: Option<Analyzer>,
    english: Vec<String>,
    lithuanian: Vec<String>,
    from: Source,
}

/// What the tables (and the corpus's `lexicon`) know of `word`; with `names_only`, only
/// the places and countries (the glossary is the largest table to build, and a search
/// without a language asked for translates names only).
fn look_up(word: &str, lexicon: &Lexicon, names_only: bool) -> Option<Known> {
    let same =
        |a: &str, b: &str| fold_diacritics(&a.to_lowercase()) == fold_diacritics(&b.to_lowercase());
    // Lithuanian names are inflected (`Reikjaviko`); English and native ones are not.
    let same_stem = |a: &str, b: &str| {
        let stem = |w: &str| stem_lithuanian(&fold_diacritics(&w.to_lowercase()));
        stem(a) == stem(b)
    };
    if let Some(place) = place::of_word(word) {
        let mut english = vec![place.name];
        english.extend(place.other_spellings());
        let as_english = english.iter().any(|name| same(word, name));
        let as_lithuanian = same_stem(word, place.lithuanian);
        return Some(Known {
            lang: language(as_english, as_lithuanian),
            english: english.into_iter().map(String::from).collect(),
            lithuanian: vec![place.lithuanian.to_string()],
            from: Source::Place,
        });
    }
    if let Some(english) = country::normalize(word) {
        let others = country::other_names(english);
        let natives = others.get(1..).unwrap_or_default();
        let as_english = same(word, english);
        let as_native = natives.iter().any(|native| same(word, native));
        let mut english_names = vec![english];
        english_names.extend(natives.iter().copied());
        return Some(Known {
            lang: language(as_english || as_native, !as_english && !as_native),
            english: english_names.into_iter().map(String::from).collect(),
            lithuanian: others.iter().take(1).map(|n| n.to_string()).collect(),
            from: Source::Country,
        });
    }
    if names_only {
        return None;
    }
    let Some((english, lithuanian, is_lithuanian)) = glossary::words_of(word) else {
        let (other, is_lithuanian) = lexicon.translation(&word_key(word))?;
        let other = vec![other.to_string()];
        let (english, lithuanian) = match is_lithuanian {
            true => (other, Vec::new()),
            false => (Vec::new(), other),
        };
        return Some(Known {
            lang: language(!is_lithuanian, is_lithuanian),
            english,
            lithuanian,
            from: Source::Lexicon,
        });
    };
    Some(Known {
        lang: language(!is_lithuanian, is_lithuanian),
        english: english.iter().map(|w| w.to_string()).collect(),
        lithuanian: lithuanian.iter().map(|w| w.to_string()).collect(),
        from: Source::Glossary,
    })
}

/// The language of a word that is (or is not) one of the English and the Lithuanian names;
/// `None` when it is both (`Oslo`) or neither.
fn language(english: bool, lithuanian: bool) -> Option<Analyzer> {
    match (english, lithuanian) {
        (true, false) => Some(Analyzer::English),
        (false, true) => Some(Analyzer::Lithuanian),
        _ => None,
    }
}

/// The words to search for `word` besides it, in `target`'s language (or, without a
/// target, the other language than the word's), as `translate` wants.
fn translations(
    word: &str,
    target: Option<Analyzer>,
    (translate, lexicon): (Translate, &Lexicon),
) -> Option<Expansion> {
    if translate == Translate::Never {
        return None;
    }
    // A possessive is the word (`women's`).
    let base = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    // The tables are asked for the word without its diacritics, so a word gives the same
    // translations however it is typed.
    let names_only = target.is_none() && translate == Translate::Auto;
    let known = look_up(&fold_diacritics(base), lexicon, names_only)?;
    let is_name = matches!(known.from, Source::Place | Source::Country);
    let into: &[Analyzer] = match (target, known.lang, translate) {
        // Already the language asked for.
        (Some(target), Some(lang), Translate::Auto) if lang == target => return None,
        (Some(target), _, _) => &[target][..],
        // A place or a country is one name in two languages: without a target, both.
        (None, _, _) if is_name => &Analyzer::ALL[..],
        (None, _, Translate::Auto) => return None,
        (None, Some(Analyzer::English), _) => &[Analyzer::Lithuanian][..],
        (None, Some(Analyzer::Lithuanian), _) => &[Analyzer::English][..],
        (None, None, _) => &Analyzer::ALL[..],
    };
    let words = into.iter().flat_map(|analyzer| match analyzer {
        Analyzer::English => known.english.iter(),
        Analyzer::Lithuanian => known.lithuanian.iter(),
    });
    let typed = fold_diacritics(&base.to_lowercase());
    let mut also: Vec<String> = Vec::new();
    for candidate in words {
        let folded = fold_diacritics(&candidate.to_lowercase());
        if folded != typed
            && !also
                .iter()
                .any(|a| fold_diacritics(&a.to_lowercase()) == folded)
        {
            also.push(candidate.to_string());
        }
    }
    (!also.is_empty()).then(|| Expansion {
        word: word.to_string(),
        also,
        from: known.from,
    })
}

/// `ast` with each plain word (no field, or a text field alias; not a phrase, a range or a
/// fuzzy or prefix term) searched together with its translations; the expansions made are
/// added to `expansions`.
///
/// When words were translated into the language asked for, the words the tables do not
/// know are no longer required, only ranked by: they are most likely words of the other
/// language, which the records asked for would not contain (`domestic` of `domestic
/// violence --lang lt`, where `violence` is `smurtas`).
pub fn expand(
    ast: UserInputAst,
    target: Option<Analyzer>,
    translate: (Translate, &Lexicon),
    expansions: &mut Vec<Expansion>,
) -> UserInputAst {
    let before = expansions.len();
    let ast = expand_words(ast, target, translate, expansions);
    if target.is_some() && expansions.len() > before {
        relax_untranslated(ast)
    } else {
        ast
    }
}

/// `ast` with its required plain words made optional ([`expand`]).
fn relax_untranslated(ast: UserInputAst) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, sub)| match (occur, sub) {
                    (None, UserInputAst::Leaf(leaf))
                        if matches!(&*leaf, UserInputLeaf::Literal(l) if is_plain_word(l)) =>
                    {
                        (Some(Occur::Should), UserInputAst::Leaf(leaf))
                    }
                    (occur, sub) => (occur, sub),
                })
                .collect(),
        ),
        other => other,
    }
}

fn expand_words(
    ast: UserInputAst,
    target: Option<Analyzer>,
    translate: (Translate, &Lexicon),
    expansions: &mut Vec<Expansion>,
) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, sub)| (occur, expand_words(sub, target, translate, expansions)))
                .collect(),
        ),
        UserInputAst::Boost(sub, boost) => UserInputAst::Boost(
            Box::new(expand_words(*sub, target, translate, expansions)),
            boost,
        ),
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(literal) if is_plain_word(&literal) => {
                match translations(&literal.phrase, target, translate) {
                    Some(expansion) => {
                        let alternatives = expansion
                            .also
                            .iter()
                            .map(|word| {
                                let mut translated = literal.clone();
                                translated.phrase = word.clone();
                                (Some(Occur::Should), literal_ast(translated))
                            })
                            .collect();
                        expansions.push(expansion);
                        UserInputAst::Clause(vec![
                            (Some(Occur::Should), literal_ast(literal)),
                            (
                                Some(Occur::Should),
                                UserInputAst::Boost(
                                    Box::new(UserInputAst::Clause(alternatives)),
                                    TRANSLATION_BOOST.into(),
                                ),
                            ),
                        ])
                    }
                    None => literal_ast(literal),
                }
            }
            other => UserInputAst::Leaf(Box::new(other)),
        },
    }
}

fn literal_ast(literal: UserInputLiteral) -> UserInputAst {
    UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal)))
}

/// A single word on the text fields, not quoted, fuzzy or a prefix.
fn is_plain_word(literal: &UserInputLiteral) -> bool {
    let text_field = match literal.field_name.as_deref() {
        None => true,
        Some(field) => ["text", "title", "partner", "body"].contains(&field),
    };
    text_field
        && !literal.prefix
        && literal.slop == 0
        && literal.delimiter == tantivy::query_grammar::Delimiter::None
        && literal.phrase.starts_with(char::is_alphabetic)
        && literal
            .phrase
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn also(word: &str, target: Option<Analyzer>, translate: Translate) -> Vec<String> {
        translations(word, target, (translate, &Lexicon::default()))
            .map(|e| e.also)
            .unwrap_or_default()
    }

    #[test]
    fn places_and_countries_cross_languages_in_every_case() {
        let lt = Some(Analyzer::Lithuanian);
        let en = Some(Analyzer::English);
        assert_eq!(also("Norway", lt, Translate::Auto), vec!["Norvegija"]);
        assert_eq!(
            also("Norvegijoje", en, Translate::Auto),
            vec!["Norway", "Norge", "Noreg"]
        );
        assert_eq!(also("Reikjavikas", en, Translate::Auto), vec!["Reykjavík"]);
        assert_eq!(also("Tromsø", lt, Translate::Auto), vec!["Tromsė"]);
        // Already the language asked for: nothing added unless asked.
        assert!(also("Norvegija", lt, Translate::Auto).is_empty());
        assert!(also("Norway", en, Translate::Auto).is_empty());
        // Without a language asked for, a name is searched in both.
        for translate in [Translate::Auto, Translate::Always] {
            assert_eq!(
                also("Norway", None, translate),
                vec!["Norge", "Noreg", "Norvegija"]
            );
        }
        assert!(also("mental", None, Translate::Auto).is_empty());
        assert!(also("Norway", lt, Translate::Never).is_empty());
    }

    #[test]
    fn glossary_words_cross_languages() {
        let lt = Some(Analyzer::Lithuanian);
        assert_eq!(
            also("mental", lt, Translate::Auto),
            vec!["psichikos", "psichinis"]
        );
        assert_eq!(also("health", lt, Translate::Auto), vec!["sveikata"]);
        assert_eq!(
            also("sveikatos", Some(Analyzer::English), Translate::Auto),
            vec!["health"]
        );
        assert!(also("unlisted", lt, Translate::Always).is_empty());
    }
}
