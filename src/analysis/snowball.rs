//! `SnowballStemmer`: how are inflected forms reduced to one key? With frostem's Snowball
//! algorithms. tantivy's own `Stemmer` covers English but not Lithuanian, so this filter
//! wraps any frostem algorithm; bireport uses it for both languages to keep one code path.

use std::borrow::Cow;

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// A [`TokenFilter`] that replaces each token by its Snowball stem.
/// Tokens should already be lowercase.
#[derive(Clone, Copy)]
pub struct SnowballStemmer {
    stemmer: Stemmer,
}

impl SnowballStemmer {
    /// A stemmer filter for `algorithm`.
    pub fn new(algorithm: Algorithm) -> Self {
        SnowballStemmer {
            stemmer: Stemmer::new(algorithm),
        }
    }
}

impl TokenFilter for SnowballStemmer {
    type Tokenizer<T: Tokenizer> = SnowballFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SnowballFilter<T> {
        SnowballFilter {
            stemmer: self.stemmer,
            inner: tokenizer,
        }
    }
}

/// A tokenizer whose tokens are stemmed by [`SnowballStemmer`].
#[derive(Clone)]
pub struct SnowballFilter<T> {
    stemmer: Stemmer,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for SnowballFilter<T> {
    type TokenStream<'a> = SnowballTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SnowballTokenStream {
            stemmer: self.stemmer,
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of a [`SnowballFilter`].
pub struct SnowballTokenStream<S> {
    stemmer: Stemmer,
    tail: S,
}

impl<S: TokenStream> TokenStream for SnowballTokenStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        // Only a changed stem allocates; an unchanged word is left in place.
        if let Cow::Owned(stem) = self.stemmer.stem(&token.text) {
            token.text = stem;
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
