//! Hints for a search that found nothing: filter values no record has (with the value
//! probably meant) and misspelt words.

use std::collections::BTreeMap;

use tantivy::Searcher;

use super::{
    closest, normalize_country, normalize_lang, request_analyzers, suggest, Engine, SearchRequest,
};
use crate::error::Result;

impl Engine {
    /// Why a search may have found nothing: filter values no record has (with the value
    /// probably meant) and misspelt words.
    pub(super) fn hints_for(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
    ) -> Result<Vec<String>> {
        let known = self.stats()?.facets;
        let mut hints = Vec::new();
        let mut check =
            |flag: &str, value: Option<String>, values: &BTreeMap<String, u64>, extra: &[&str]| {
                let Some(value) = value else { return };
                if values.contains_key(&value) {
                    return;
                }
                let names: Vec<&str> = values.keys().map(String::as_str).collect();
                let guess = closest(&value, names.iter().copied().chain(extra.iter().copied()))
                    .map(|g| format!("did you mean {flag} {g}? "))
                    .unwrap_or_default();
                let listed = if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                };
                hints.push(format!(
                    "{guess}no record in the index has {flag} {value:?}; it has: {listed}"
                ));
            };
        let countries: Vec<&str> = crate::country::english_names().collect();
        check(
            "--lang",
            request.lang.as_deref().map(normalize_lang),
            &known.lang,
            &["en", "lt"],
        );
        check(
            "--country",
            request.country.as_deref().map(normalize_country),
            &known.country,
            &countries,
        );
        check(
            "--year",
            request.year.map(|y| y.to_string()),
            &known.year,
            &[],
        );
        check(
            "--kind",
            request.kind.map(|k| k.as_str().to_string()),
            &known.kind,
            &[],
        );

        let fields: Vec<_> = request_analyzers(request)
            .into_iter()
            .flat_map(|a| {
                let lang = self.fields().lang(a);
                [(lang.body, a), (lang.partner, a), (lang.title, a)]
            })
            .collect();
        let words = suggest::words(searcher, self.fields(), &request.query, &fields)?;
        if !words.is_empty() {
            let mut corrected = request.query.clone();
            for (typed, word) in &words {
                corrected = corrected.replacen(typed.as_str(), word, 1);
            }
            // With --fuzzy the spelling was tried already: what kept it out was a filter.
            hints.push(if request.fuzzy {
                format!("\"{corrected}\" is in the index, but no record of it passes the filters")
            } else {
                format!("did you mean \"{corrected}\"? (or try --fuzzy)")
            });
        }
        Ok(hints)
    }
}
