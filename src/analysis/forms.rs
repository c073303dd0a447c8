//! The terms one word becomes: what a query looks for and what a document carries.
//!
//! A query word becomes one term that depends only on the word with its diacritics
//! folded, so `Førde` and `Forde`, `Tromsø` and `Tromso`, `išsėtinė` and `issetine` are
//! the same query ([`query_term`]). Folding comes before stemming: the English stemmer
//! keeps `førde` whole but makes `forde` `ford`.
//!
//! The Lithuanian stemmer reads some endings by their diacritics (`-ųjų`, `-ėmis`, `-ių`),
//! so a folded word's ending is first given back the diacritics it most often has
//! ([`restore_ending`]): without it `bendruomeniu` and `bendruomenės` stemmed apart. Only
//! endings that are hardly ever written without diacritics are restored.
//!
//! A document word carries its query term and, where it differs, the folded stem of the
//! word as written ([`document_terms`]): that is the form in which inflections written
//! with diacritics share a stem, so nothing a query found before is lost.

use std::borrow::Cow;

use frostem::Stemmer;

use super::{fold_diacritics, Analyzer};

/// Folded Lithuanian endings and the diacritics to give them back before stemming, the
/// longest first.
const RESTORED_ENDINGS: [(&str, &str); 6] = [
    ("emis", "ėmis"),
    ("uju", "ųjų"),
    ("ems", "ėms"),
    ("eje", "ėje"),
    ("ese", "ėse"),
    ("iu", "ių"),
];

/// The term a query word (lowercase) becomes for `analyzer`.
pub fn query_term(stemmer: &Stemmer, analyzer: Analyzer, word: &str) -> String {
    if word.is_ascii() && analyzer == Analyzer::English {
        return stemmer.stem(word).into_owned();
    }
    let folded = fold_diacritics(word);
    match analyzer {
        Analyzer::English => stemmer.stem(&folded).into_owned(),
        Analyzer::Lithuanian => fold_diacritics(&stemmer.stem(&restore_ending(&folded))),
    }
}

/// The terms a document word (lowercase) carries: its query term, and the folded stem of
/// the word as written when that differs.
pub fn document_terms(
    stemmer: &Stemmer,
    analyzer: Analyzer,
    word: &str,
) -> (Box<str>, Option<Box<str>>) {
    // Most words are ASCII and end as no restored ending does: one stem, one term.
    if word.is_ascii()
        && (analyzer == Analyzer::English || matches!(restore_ending(word), Cow::Borrowed(_)))
    {
        return (stemmer.stem(word).into(), None);
    }
    let query = query_term(stemmer, analyzer, word);
    let as_written = fold_diacritics(&stemmer.stem(word));
    let other = (as_written != query).then(|| as_written.into_boxed_str());
    (query.into_boxed_str(), other)
}

/// `folded` with the diacritics of its Lithuanian ending given back (see the module doc).
fn restore_ending(folded: &str) -> Cow<'_, str> {
    for (plain, written) in RESTORED_ENDINGS {
        if let Some(stem) = folded.strip_suffix(plain) {
            if !stem.is_empty() {
                return Cow::Owned(format!("{stem}{written}"));
            }
        }
    }
    Cow::Borrowed(folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use frostem::Algorithm;

    fn query(analyzer: Analyzer, word: &str) -> String {
        let algorithm = match analyzer {
            Analyzer::English => Algorithm::English,
            Analyzer::Lithuanian => Algorithm::Lithuanian,
        };
        query_term(&Stemmer::new(algorithm), analyzer, word)
    }

    #[test]
    fn a_word_with_or_without_diacritics_is_one_query() {
        for analyzer in Analyzer::ALL {
            for (written, typed) in [
                ("førde", "forde"),
                ("tromsø", "tromso"),
                ("bodø", "bodo"),
                ("kópavogur", "kopavogur"),
                ("išsėtinė", "issetine"),
                ("bendruomenių", "bendruomeniu"),
            ] {
                assert_eq!(
                    query(analyzer, written),
                    query(analyzer, typed),
                    "{written}"
                );
            }
        }
    }

    #[test]
    fn lithuanian_endings_written_without_diacritics_stem_as_with_them() {
        let lt = |word| query(Analyzer::Lithuanian, word);
        assert_eq!(lt("bendruomenių"), lt("bendruomenės"));
        assert_eq!(lt("bendruomenėmis"), lt("bendruomenė"));
        assert_eq!(restore_ending("gatveje"), "gatvėje");
        assert_eq!(restore_ending("iu"), "iu");
        assert_eq!(restore_ending("namas"), "namas");
    }
}
