//! `SnowballStemmer`: how are inflected forms reduced to one key? With frostem's Snowball
//! algorithms, on the word folded first ([`query_term`]). tantivy's own `Stemmer` covers
//! English but not Lithuanian, so this filter wraps frostem for both languages.

use frostem::Stemmer;

use super::forms::query_term;
use super::Analyzer;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::stem_cache::StemCache;

/// A [`TokenFilter`] that replaces each token by its query term ([`query_term`]).
/// Tokens should already be lowercase.
#[derive(Clone, Copy)]
pub struct SnowballStemmer {
    stemmer: Stemmer,
    analyzer: Analyzer,
}

impl SnowballStemmer {
    /// A stemmer filter for `analyzer`.
    pub fn new(analyzer: Analyzer) -> Self {
        SnowballStemmer {
            stemmer: Stemmer::new(analyzer.algorithm()),
            analyzer,
        }
    }
}

impl TokenFilter for SnowballStemmer {
    type Tokenizer<T: Tokenizer> = SnowballFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SnowballFilter<T> {
        SnowballFilter {
            stemmer: self.stemmer,
            analyzer: self.analyzer,
            inner: tokenizer,
            cache: StemCache::default(),
        }
    }
}

/// A tokenizer whose tokens are stemmed by [`SnowballStemmer`].
#[derive(Clone)]
pub struct SnowballFilter<T> {
    stemmer: Stemmer,
    analyzer: Analyzer,
    inner: T,
    cache: StemCache<Option<Box<str>>>,
}

impl<T: Tokenizer> Tokenizer for SnowballFilter<T> {
    type TokenStream<'a> = SnowballTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SnowballTokenStream {
            stemmer: self.stemmer,
            analyzer: self.analyzer,
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
        }
    }
}

/// The token stream of a [`SnowballFilter`].
pub struct SnowballTokenStream<'a, S> {
    stemmer: Stemmer,
    analyzer: Analyzer,
    tail: S,
    /// word → its stem, `None` when the stem is the word itself.
    cache: &'a mut StemCache<Option<Box<str>>>,
}

impl<S: TokenStream> TokenStream for SnowballTokenStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let (stemmer, analyzer) = (self.stemmer, self.analyzer);
        let token = self.tail.token_mut();
        let stem = self.cache.get_or_insert_with(&token.text, |word| {
            let term = query_term(&stemmer, analyzer, word);
            (term != word).then(|| term.into())
        });
        if let Some(stem) = stem {
            token.text.clear();
            token.text.push_str(stem);
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
