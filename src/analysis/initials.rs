//! `InitialGate`: which words are worth stemming when only a few terms are wanted?
//!
//! A snippet marks the words of a hit that became one of the query's terms, so it runs
//! the indexing chain over the whole body, stemming every word, to find two or three.
//! Stemming and folding keep a word's first character when it is an ASCII letter or digit
//! (Snowball stemmers remove and rewrite endings only, and ASCII folding leaves ASCII
//! alone), so a word starting with such a character that starts no wanted term cannot
//! become one. This filter blanks those words before the stemmer sees them (an empty
//! token, its offsets kept, matches no term), and lets every other word through.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// A [`TokenFilter`] that empties the tokens that start with an ASCII character no wanted
/// term starts with. Tokens should already be lowercase.
#[derive(Clone)]
pub struct InitialGate {
    /// Whether a term starts with each ASCII character.
    wanted: [bool; 128],
}

impl InitialGate {
    /// A gate for words that may become one of `terms`.
    pub fn new<'t>(terms: impl IntoIterator<Item = &'t str>) -> Self {
        let mut wanted = [false; 128];
        for term in terms {
            if let Some(&first) = term.as_bytes().first() {
                if first.is_ascii() {
                    wanted[usize::from(first)] = true;
                }
            }
        }
        InitialGate { wanted }
    }

    /// Whether a lowercase word starting with `word` may become a wanted term.
    fn may_match(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&first) if first.is_ascii() => self.wanted[usize::from(first)],
            Some(_) => true,
            None => false,
        }
    }
}

impl TokenFilter for InitialGate {
    type Tokenizer<T: Tokenizer> = InitialGateFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> InitialGateFilter<T> {
        InitialGateFilter {
            gate: self,
            inner: tokenizer,
        }
    }
}

/// A tokenizer whose tokens pass an [`InitialGate`].
#[derive(Clone)]
pub struct InitialGateFilter<T> {
    gate: InitialGate,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for InitialGateFilter<T> {
    type TokenStream<'a> = InitialGateStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        InitialGateStream {
            gate: &self.gate,
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of an [`InitialGateFilter`].
pub struct InitialGateStream<'a, S> {
    gate: &'a InitialGate,
    tail: S,
}

impl<S: TokenStream> TokenStream for InitialGateStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if !self.gate.may_match(&token.text) {
            token.text.clear();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analyzer, Mode, WordTokenizer, MAX_WORD_BYTES};
    use crate::generate::{generate, GenOptions};
    use tantivy::tokenizer::TextAnalyzer;

    /// (offset, text) of every token `analyzer` makes of `text`.
    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<(usize, String)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.offset_from, token.text.clone()));
        }
        out
    }

    /// What the gate relies on: every term made of a word that starts (lowercase) with an
    /// ASCII character starts with that character, in both languages and modes, over the
    /// sample reports and a generated corpus.
    #[test]
    fn terms_keep_the_first_ascii_character_of_their_word() {
        let mut texts: Vec<String> = crate::corpus::files()
            .iter()
            .map(|file| String::from_utf8_lossy(file.bytes).into_owned())
            .collect();
        let generated = generate(GenOptions {
            records: 300,
            seed: 5,
        });
        texts.extend(generated.parse().iter().map(|record| record.body()));
        let mut checked = 0;
        for text in &texts {
            let lowercase = tokens(
                TextAnalyzer::from(WordTokenizer::lowercase(MAX_WORD_BYTES)),
                text,
            );
            for analyzer in Analyzer::ALL {
                for mode in [Mode::Indexing, Mode::Searching] {
                    let mut words = lowercase.iter().peekable();
                    for (offset, term) in tokens(analyzer.build_plain(mode), text) {
                        while words.peek().is_some_and(|(at, _)| *at < offset) {
                            words.next();
                        }
                        let (at, word) = words.peek().expect("a word for every term");
                        assert_eq!(*at, offset);
                        let first = word.as_bytes()[0];
                        if first.is_ascii() {
                            assert_eq!(term.as_bytes().first(), Some(&first), "{word} → {term}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 50_000, "only {checked} terms checked");
    }

    #[test]
    fn only_words_that_may_become_a_wanted_term_pass() {
        let gate = InitialGate::new(["sveikat", "šanč", ""]);
        for (word, passes) in [
            ("sveikatos", true),
            ("savivaldybė", true),
            ("bendruomenė", false),
            ("šančių", true),
            ("žemųjų", true),
            ("2020", false),
            ("", false),
        ] {
            assert_eq!(gate.may_match(word), passes, "{word}");
        }
        // In a chain: blanked tokens keep their offsets and positions; words starting
        // with a letter outside ASCII pass (both forms of `Šančių`).
        let text = "Sveikatos bendruomenė, Šančių sveikata";
        let mut gated = Analyzer::Lithuanian.build_finding(Mode::Indexing, ["sveikat"]);
        let mut stream = gated.token_stream(text);
        let mut seen = Vec::new();
        while let Some(token) = stream.next() {
            seen.push((token.position, token.offset_from, token.text.clone()));
        }
        assert_eq!(
            seen,
            vec![
                (0, 0, "sveikat".to_string()),
                (1, 10, String::new()),
                (2, 24, "sanc".to_string()),
                (2, 24, "sant".to_string()),
                (3, 34, "sveikat".to_string()),
            ]
        );
    }
}
