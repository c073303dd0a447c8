//! `DiacriticVariants`: how does a query typed without diacritics find Lithuanian words?
//!
//! The Lithuanian stemmer reads endings by their diacritics (`-ių`, `-ės`, `-ą`), so
//! `šančių` stems to `šanč` (folded `sanc`) while a user typing `sanciu` gets the stem of
//! `sanciu`. At indexing time this filter emits both the folded stem (`sanc`) and, when it
//! differs, the stem of the folded word (`stem("sanciu")`) at the same position. A query
//! needs only the first form (for ASCII input the two are the same), so queries use the
//! plain stem-then-fold chain. Either way a query with or without diacritics meets one of
//! the forms a document was indexed with.

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::fold_diacritics;
use super::stem_cache::StemCache;

/// The forms of one word: the folded stem, and the stem of the folded word if different.
type Forms = (Box<str>, Option<Box<str>>);

/// A [`TokenFilter`] emitting `fold(stem(w))` and, if different, `stem(fold(w))`.
/// Tokens should already be lowercase.
#[derive(Clone, Copy)]
pub struct DiacriticVariants {
    stemmer: Stemmer,
}

impl DiacriticVariants {
    /// A variants filter stemming with `algorithm`.
    pub fn new(algorithm: Algorithm) -> Self {
        DiacriticVariants {
            stemmer: Stemmer::new(algorithm),
        }
    }
}

impl TokenFilter for DiacriticVariants {
    type Tokenizer<T: Tokenizer> = DiacriticVariantsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DiacriticVariantsFilter<T> {
        DiacriticVariantsFilter {
            stemmer: self.stemmer,
            inner: tokenizer,
            cache: StemCache::default(),
        }
    }
}

/// A tokenizer whose tokens pass through [`DiacriticVariants`].
#[derive(Clone)]
pub struct DiacriticVariantsFilter<T> {
    stemmer: Stemmer,
    inner: T,
    cache: StemCache<Forms>,
}

impl<T: Tokenizer> Tokenizer for DiacriticVariantsFilter<T> {
    type TokenStream<'a> = DiacriticVariantsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DiacriticVariantsStream {
            stemmer: self.stemmer,
            tail: self.inner.token_stream(text),
            pending: None,
            cache: &mut self.cache,
        }
    }
}

/// The token stream of a [`DiacriticVariantsFilter`].
pub struct DiacriticVariantsStream<'a, S> {
    stemmer: Stemmer,
    tail: S,
    /// The second form of the current word, emitted on the next `advance`.
    pending: Option<Box<str>>,
    cache: &'a mut StemCache<Forms>,
}

/// The forms of a lowercase `word`.
fn forms(stemmer: Stemmer, word: &str) -> Forms {
    if word.is_ascii() {
        return (stemmer.stem(word).into(), None);
    }
    let primary = fold_diacritics(&stemmer.stem(word));
    let folded = fold_diacritics(word);
    let secondary = stemmer.stem(&folded);
    let secondary = (secondary != primary.as_str()).then(|| secondary.into());
    (primary.into(), secondary)
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
        let stemmer = self.stemmer;
        let token = self.tail.token_mut();
        let (primary, secondary) = self
            .cache
            .get_or_insert_with(&token.text, |word| forms(stemmer, word));
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
