//! Facet profiles: every facet value of a record (`lang`, `kind`, `country`, `year`) in one
//! string, `lang␟en␞kind␟initiative␞country␟Norway␞year␟2020`.
//!
//! The profile is one field serving both needs: its fast column (the whole string) makes
//! facet counts one column read per document (see `search::facets`), and its terms (the
//! string cut at each `␞` by [`EntryTokenizer`], so `country␟Norway` is one term) are
//! what filters and the `lang:`, `country:`, `kind:` query fields look up. Not a tantivy
//! facet field: it indexes ancestor terms (`/lang` besides `/lang/en`) no filter here
//! needs, and keeps a column of its own beside the one counts read.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The field holding each document's facet profile (fast, and indexed by entry).
pub const PROFILE_FIELD: &str = "facet_profile";
/// The tokenizer cutting a profile into its entries.
pub const PROFILE_TOKENIZER: &str = "profile_entries";
/// Separates a facet from its value in a profile.
const PROFILE_VALUE: char = '\u{1f}';
/// Separates the entries of a profile.
const PROFILE_ENTRY: char = '\u{1e}';

/// A property of records that searches filter on and count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    /// The record's language code.
    Lang,
    /// A partner's country (English name).
    Country,
    /// A year the period touches.
    Year,
    /// Initiative or project page.
    Kind,
}

impl Facet {
    /// Every facet, in the order results list their counts.
    pub const ALL: [Facet; 4] = [Facet::Lang, Facet::Country, Facet::Year, Facet::Kind];

    /// Its name in profiles, in counts and as a query field (`lang:en`).
    pub const fn name(self) -> &'static str {
        match self {
            Facet::Lang => "lang",
            Facet::Country => "country",
            Facet::Year => "year",
            Facet::Kind => "kind",
        }
    }

    /// The facet of this name.
    pub fn named(name: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|facet| facet.name() == name)
    }
}

/// Every facet value of `record` in one string (`lang␟en␞kind␟initiative␞…`).
pub fn facet_profile(record: &crate::record::Record) -> String {
    // One string built in place: this runs for every record indexed.
    let mut profile = String::with_capacity(64);
    let mut entry = |facet: Facet, value: &str| {
        if !profile.is_empty() {
            profile.push(PROFILE_ENTRY);
        }
        push_entry(&mut profile, facet, value);
    };
    entry(Facet::Lang, &record.lang.code);
    entry(Facet::Kind, record.kind.as_str());
    for country in record.countries() {
        entry(Facet::Country, country);
    }
    if let Some(period) = &record.period {
        for year in period.years() {
            entry(Facet::Year, &year.to_string());
        }
    }
    profile
}

fn push_entry(profile: &mut String, facet: Facet, value: &str) {
    profile.push_str(facet.name());
    profile.push(PROFILE_VALUE);
    profile.push_str(value);
}

/// The term of one facet value (`facet_term(Facet::Lang, "en")`), as profiles are indexed.
pub fn facet_term(facet: Facet, value: &str) -> String {
    let mut term = String::with_capacity(facet.name().len() + value.len() + 1);
    push_entry(&mut term, facet, value);
    term
}

/// The (facet, value) entries of a [`facet_profile`] (entries of no known facet skipped).
pub fn parse_facet_profile(profile: &str) -> impl Iterator<Item = (Facet, &str)> {
    profile
        .split(PROFILE_ENTRY)
        .filter_map(|entry| entry.split_once(PROFILE_VALUE))
        .filter_map(|(name, value)| Some((Facet::named(name)?, value)))
}

/// Cuts a profile into its entries, one token each. (tantivy's `RegexTokenizer` does the
/// same with `[^\u{1e}]+`, but its regex's cache pool is shared by the indexing threads,
/// which then contend for it on every profile; this is a plain split.)
#[derive(Clone, Default)]
pub struct EntryTokenizer {
    token: Token,
}

impl Tokenizer for EntryTokenizer {
    type TokenStream<'a> = EntryStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> EntryStream<'a> {
        self.token.reset();
        EntryStream {
            text,
            at: 0,
            token: &mut self.token,
        }
    }
}

/// The token stream of an [`EntryTokenizer`].
pub struct EntryStream<'a> {
    text: &'a str,
    /// Where the next entry starts (past the end when done).
    at: usize,
    token: &'a mut Token,
}

impl TokenStream for EntryStream<'_> {
    fn advance(&mut self) -> bool {
        while self.at <= self.text.len() {
            let rest = &self.text[self.at..];
            let len = rest.find(PROFILE_ENTRY).unwrap_or(rest.len());
            let (start, end) = (self.at, self.at + len);
            self.at = end + PROFILE_ENTRY.len_utf8();
            if len == 0 {
                continue;
            }
            self.token.position = self.token.position.wrapping_add(1);
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.text.clear();
            self.token.text.push_str(&self.text[start..end]);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_facet_profile_reads_back_as_its_entries_and_is_indexed_as_their_terms() {
        let text = "Partner: Alpha Society (Norway)\n\nMain results of the initiative:\n\nThe visit took place.\n\nImplementation period: 20/12/2020-10/01/2021\n";
        let record = crate::ingest::records(&crate::ingest::SourceText {
            format: Default::default(),
            source: "a.txt".into(),
            text: text.into(),
        })
        .remove(0);
        let profile = facet_profile(&record);
        let entries: Vec<(Facet, &str)> = parse_facet_profile(&profile).collect();
        let expected = [
            (Facet::Lang, "en"),
            (Facet::Kind, "initiative"),
            (Facet::Country, "Norway"),
            (Facet::Year, "2020"),
            (Facet::Year, "2021"),
        ];
        assert_eq!(entries, expected, "{profile:?}");
        let mut tokenizer = EntryTokenizer::default();
        let mut stream = tokenizer.token_stream(&profile);
        let mut terms = Vec::new();
        while stream.advance() {
            let token = stream.token();
            assert_eq!(&profile[token.offset_from..token.offset_to], token.text);
            terms.push(token.text.clone());
        }
        let expected: Vec<String> = expected.iter().map(|(f, v)| facet_term(*f, v)).collect();
        assert_eq!(terms, expected);
        // A value with spaces stays one term; empty entries give none.
        let mut stream = tokenizer.token_stream("\u{1e}country\u{1f}United Kingdom\u{1e}\u{1e}");
        assert!(stream.advance());
        assert_eq!(
            stream.token().text,
            facet_term(Facet::Country, "United Kingdom")
        );
        assert!(!stream.advance());
        let mut stream = tokenizer.token_stream("");
        assert!(!stream.advance());
    }
}
