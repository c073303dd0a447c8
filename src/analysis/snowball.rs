//! `SnowballStemmer`: how are inflected forms reduced to one key? With frostem's Snowball
//! algorithms. tantivy's own `Stemmer` covers English but not Lithuanian, so this filter
//! wraps any frostem algorithm; bireport uses it for both languages to keep one code path.

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::stem_cache::StemCache;

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
            cache: StemCache::default(),
        }
    }
}

/// A tokenizer whose tokens are stemmed by [`SnowballStemmer`].
#[derive(Clone)]
pub struct SnowballFilter<T> {
    stemmer: Stemmer,
    inner: T,
    cache: StemCache<Option<Box<str>>>,
}

impl<T: Tokenizer> Tokenizer for SnowballFilter<T> {
    type TokenStream<'a> = SnowballTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SnowballTokenStream {
            stemmer: self.stemmer,
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
        }
    }
}

/// The token stream of a [`SnowballFilter`].
pub struct SnowballTokenStream<'a, S> {
    stemmer: Stemmer,
    tail: S,
    /// word → its stem, `None` when the stem is the word itself.
    cache: &'a mut StemCache<Option<Box<str>>>,
}

impl<S: TokenStream> TokenStream for SnowballTokenStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let stemmer = self.stemmer;
        let token = self.tail.token_mut();
        let stem = self.cache.get_or_insert_with(&token.text, |word| {
            let stem = stemmer.stem(word);
            (stem != word).then(|| stem.into())
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
