//! `DiacriticVariants`: the document side of [`super::forms`]. Each word becomes its query
//! term and, where it differs, the folded stem of the word as written, both at the
//! word's position, so a query typed with or without diacritics meets the document.

use frostem::Stemmer;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::forms::document_terms;
use super::stem_cache::StemCache;
use super::Analyzer;

/// The forms of one word: the folded stem, and the stem of the folded word if different.
type Forms = (Box<str>, Option<Box<str>>);

/// A [`TokenFilter`] emitting a word's [`document_terms`]. Tokens should already be
/// lowercase.
#[derive(Clone, Copy)]
pub struct DiacriticVariants {
    stemmer: Stemmer,
    analyzer: Analyzer,
}

impl DiacriticVariants {
    /// A variants filter for `analyzer`.
    pub fn new(analyzer: Analyzer) -> Self {
        DiacriticVariants {
            stemmer: Stemmer::new(analyzer.algorithm()),
            analyzer,
        }
    }
}

impl TokenFilter for DiacriticVariants {
    type Tokenizer<T: Tokenizer> = DiacriticVariantsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DiacriticVariantsFilter<T> {
        DiacriticVariantsFilter {
            stemmer: self.stemmer,
            analyzer: self.analyzer,
            inner: tokenizer,
            cache: StemCache::default(),
        }
    }
}

/// A tokenizer whose tokens pass through [`DiacriticVariants`].
#[derive(Clone)]
pub struct DiacriticVariantsFilter<T> {
    stemmer: Stemmer,
    analyzer: Analyzer,
    inner: T,
    cache: StemCache<Forms>,
}

impl<T: Tokenizer> Tokenizer for DiacriticVariantsFilter<T> {
    type TokenStream<'a> = DiacriticVariantsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DiacriticVariantsStream {
            stemmer: self.stemmer,
            analyzer: self.analyzer,
            tail: self.inner.token_stream(text),
            pending: None,
            cache: &mut self.cache,
        }
    }
}

/// The token stream of a [`DiacriticVariantsFilter`].
pub struct DiacriticVariantsStream<'a, S> {
    stemmer: Stemmer,
    analyzer: Analyzer,
    tail: S,
    /// The second form of the current word, emitted on the next `advance`.
    pending: Option<Box<str>>,
    cache: &'a mut StemCache<Forms>,
}

impl<S: TokenStream> TokenStream for DiacriticVariantsStream<'_, S> {
    fn advance(&mut self) -> bool {
        if let Some(variant) = self.pending.take() {
            let token = self.tail.token_mut();
            token.text.clear();
            token.text.push_str(&variant);
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let (stemmer, analyzer) = (self.stemmer, self.analyzer);
        let token = self.tail.token_mut();
        let (primary, secondary) = self
            .cache
            .get_or_insert_with(&token.text, |word| document_terms(&stemmer, analyzer, word));
        self.pending = secondary.clone();
        token.text.clear();
        token.text.push_str(primary);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
