//! `WordBigrams`: how does a two-word phrase become one term?
//!
//! A phrase query reads the positions of both words in every document holding both, which
//! makes `"youth participation"` the slowest kind of query on a large index. The body
//! fields therefore have a companion field whose terms are the adjacent pairs of the
//! body's terms, joined by [`BIGRAM_SEPARATOR`] (`youth particip`). A two-word phrase is
//! then one term look-up, and a longer phrase checks positions only where all its pairs
//! occur. Pairs are formed between terms at consecutive positions only, so a gap (a word
//! too long to index) never joins the words around it. Where a position holds several
//! terms (Lithuanian diacritic variants), every combination is emitted, so a phrase typed
//! with or without diacritics finds its pair as the single-word forms do.
//!
//! Pairs with a function word (`of`, `the`, `ir`, `su`: [`is_function_term`]) are left
//! out: they are most of all pairs, and the phrases that consist of nothing else are rare.
//! A phrase without a pair of content words keeps the position check alone.

use hashbrown::HashSet;
use std::sync::LazyLock;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::{Analyzer, Mode};

/// Function words that never start or end a bigram, as typed.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "if",
    "in", "into", "is", "it", "its", "no", "not", "of", "on", "or", "such", "that", "the", "their",
    "then", "there", "these", "they", "this", "to", "was", "were", "which", "will", "with",
];
const LITHUANIAN_FUNCTION_WORDS: &[&str] = &[
    "ir", "bei", "su", "kad", "yra", "į", "iš", "per", "ar", "nuo", "prie", "apie", "už", "tai",
    "kaip", "o", "bet", "ne", "jo", "jų", "jos", "dėl", "tarp", "po", "iki", "buvo", "bus", "tik",
    "dar", "jau", "taip", "pat", "kuris", "kurie", "kurių", "kuri",
];

/// The terms the function words analyse to, per analyzer (in both modes).
static FUNCTION_TERMS: LazyLock<[HashSet<String>; 2]> = LazyLock::new(|| {
    let terms = |analyzer: Analyzer, words: &[&str]| -> HashSet<String> {
        words
            .iter()
            .flat_map(|word| {
                [Mode::Indexing, Mode::Searching]
                    .into_iter()
                    .flat_map(move |mode| analyzer.terms(mode, word))
            })
            .collect()
    };
    [
        terms(Analyzer::English, ENGLISH_FUNCTION_WORDS),
        terms(Analyzer::Lithuanian, LITHUANIAN_FUNCTION_WORDS),
    ]
});

/// Whether `term` (as `analyzer` makes it) is a function word's, which no bigram holds.
pub fn is_function_term(analyzer: Analyzer, term: &str) -> bool {
    function_terms(analyzer).contains(term)
}

fn function_terms(analyzer: Analyzer) -> &'static HashSet<String> {
    &FUNCTION_TERMS[match analyzer {
        Analyzer::English => 0,
        Analyzer::Lithuanian => 1,
    }]
}

/// Joins the two terms of a bigram.
pub const BIGRAM_SEPARATOR: char = ' ';

/// The bigram term of two adjacent terms.
pub fn bigram(first: &str, second: &str) -> String {
    let mut joined = String::with_capacity(first.len() + 1 + second.len());
    joined.push_str(first);
    joined.push(BIGRAM_SEPARATOR);
    joined.push_str(second);
    joined
}

/// A [`TokenFilter`] replacing a stream of terms by the pairs of content terms at
/// adjacent positions.
#[derive(Clone, Copy)]
pub struct WordBigrams {
    skip: &'static HashSet<String>,
}

impl WordBigrams {
    /// Bigrams of `analyzer`'s terms, without its function words.
    pub fn new(analyzer: Analyzer) -> Self {
        WordBigrams {
            skip: function_terms(analyzer),
        }
    }
}

impl TokenFilter for WordBigrams {
    type Tokenizer<T: Tokenizer> = WordBigramsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> WordBigramsFilter<T> {
        WordBigramsFilter {
            inner: tokenizer,
            skip: self.skip,
            groups: Default::default(),
        }
    }
}

/// A tokenizer whose terms pass through [`WordBigrams`].
#[derive(Clone)]
pub struct WordBigramsFilter<T> {
    inner: T,
    skip: &'static HashSet<String>,
    /// Reused between streams: the terms at the previous and at the current position.
    groups: [Group; 2],
}

/// The terms found at one position (their strings are reused from text to text).
#[derive(Clone, Default)]
struct Group {
    position: usize,
    offset_from: usize,
    offset_to: usize,
    terms: Vec<String>,
    len: usize,
}

impl Group {
    fn start(&mut self, token: &Token, skip: &HashSet<String>) {
        self.position = token.position;
        self.offset_from = token.offset_from;
        self.offset_to = token.offset_to;
        self.len = 0;
        self.push(token, skip);
    }

    /// Adds a term at this position, unless it is a function word's.
    fn push(&mut self, token: &Token, skip: &HashSet<String>) {
        self.offset_to = self.offset_to.max(token.offset_to);
        if skip.contains(&token.text) {
            return;
        }
        if let Some(term) = self.terms.get_mut(self.len) {
            term.clear();
            term.push_str(&token.text);
        } else {
            self.terms.push(token.text.clone());
        }
        self.len += 1;
    }

    fn terms(&self) -> &[String] {
        &self.terms[..self.len]
    }
}

impl<T: Tokenizer> Tokenizer for WordBigramsFilter<T> {
    type TokenStream<'a> = WordBigramsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        for group in &mut self.groups {
            group.len = 0;
        }
        WordBigramsStream {
            tail: self.inner.token_stream(text),
            skip: self.skip,
            groups: &mut self.groups,
            current: 0,
            held: false,
            pair: None,
            started: false,
            token: Token::default(),
        }
    }
}

/// The token stream of a [`WordBigramsFilter`].
pub struct WordBigramsStream<'a, S> {
    tail: S,
    skip: &'static HashSet<String>,
    groups: &'a mut [Group; 2],
    /// Which of `groups` holds the current position; the other holds the previous one.
    current: usize,
    /// Whether the tail's token is the first of a position not yet grouped.
    held: bool,
    /// The next (previous term, current term) indices to emit.
    pair: Option<(usize, usize)>,
    /// Whether a position has been read (the groups hold this text's terms).
    started: bool,
    token: Token,
}

impl<S: TokenStream> WordBigramsStream<'_, S> {
    /// Moves to the next position's terms; false at the end of the text.
    fn next_group(&mut self) -> bool {
        if !self.held && !self.tail.advance() {
            return false;
        }
        self.current = 1 - self.current;
        let group = &mut self.groups[self.current];
        group.start(self.tail.token(), self.skip);
        self.held = false;
        while self.tail.advance() {
            let token = self.tail.token();
            if token.position != group.position {
                self.held = true;
                break;
            }
            group.push(token, self.skip);
        }
        true
    }
}

impl<S: TokenStream> TokenStream for WordBigramsStream<'_, S> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some((i, j)) = self.pair {
                let previous = &self.groups[1 - self.current];
                let current = &self.groups[self.current];
                if i < previous.len {
                    self.pair = Some(if j + 1 < current.len {
                        (i, j + 1)
                    } else {
                        (i + 1, 0)
                    });
                    let token = &mut self.token;
                    token.text.clear();
                    token.text.push_str(&previous.terms()[i]);
                    token.text.push(BIGRAM_SEPARATOR);
                    token.text.push_str(&current.terms()[j]);
                    token.position = previous.position;
                    token.position_length = 2;
                    token.offset_from = previous.offset_from;
                    token.offset_to = current.offset_to;
                    return true;
                }
                self.pair = None;
            }
            let had_previous = self.started && self.groups[self.current].len > 0;
            if !self.next_group() {
                return false;
            }
            self.started = true;
            let previous = &self.groups[1 - self.current];
            let current = &self.groups[self.current];
            if had_previous && current.len > 0 && previous.position + 1 == current.position {
                self.pair = Some((0, 0));
            }
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{PreTokenizedStream, TextAnalyzer};

    fn token(position: usize, text: &str) -> Token {
        Token {
            position,
            text: text.to_string(),
            offset_from: position * 10,
            offset_to: position * 10 + text.len(),
            position_length: 1,
        }
    }

    /// The bigrams of a pre-tokenized stream.
    fn bigrams_of(tokens: Vec<Token>) -> Vec<(usize, String)> {
        let mut stream = WordBigramsStream {
            tail: PreTokenizedStream::from(tantivy::tokenizer::PreTokenizedString {
                text: String::new(),
                tokens,
            }),
            skip: function_terms(Analyzer::English),
            groups: &mut Default::default(),
            current: 0,
            held: false,
            pair: None,
            started: false,
            token: Token::default(),
        };
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().position, stream.token().text.clone()));
        }
        out
    }

    #[test]
    fn adjacent_terms_pair_up() {
        let pairs = bigrams_of(vec![token(0, "ant"), token(1, "bee"), token(2, "cat")]);
        assert_eq!(pairs, vec![(0, "ant bee".into()), (1, "bee cat".into())]);
        assert!(bigrams_of(vec![token(0, "ant")]).is_empty());
        assert!(bigrams_of(Vec::new()).is_empty());
    }

    #[test]
    fn gaps_never_join_words() {
        let pairs = bigrams_of(vec![token(0, "ant"), token(2, "cat"), token(3, "dog")]);
        assert_eq!(pairs, vec![(2, "cat dog".into())]);
    }

    #[test]
    fn variants_at_one_position_pair_in_every_combination() {
        let pairs = bigrams_of(vec![
            token(0, "ant"),
            token(0, "ant2"),
            token(1, "bee"),
            token(2, "cat"),
            token(2, "cat2"),
        ]);
        let texts: Vec<String> = pairs.into_iter().map(|(_, text)| text).collect();
        assert_eq!(texts, ["ant bee", "ant2 bee", "bee cat", "bee cat2"]);
    }

    #[test]
    fn function_words_start_and_end_no_pair() {
        let pairs = bigrams_of(vec![
            token(0, "ministri"),
            token(1, "of"),
            token(2, "cultur"),
            token(3, "heritag"),
            token(4, "the"),
        ]);
        assert_eq!(pairs, vec![(2, "cultur heritag".into())]);
        for (analyzer, word) in [(Analyzer::English, "The"), (Analyzer::Lithuanian, "į")] {
            let term = &analyzer.terms(Mode::Searching, word)[0];
            assert!(is_function_term(analyzer, term), "{word}");
        }
        assert!(!is_function_term(Analyzer::English, "heritag"));
    }

    #[test]
    fn a_filter_is_reusable_across_texts() {
        let mut analyzer = TextAnalyzer::builder(super::super::WordTokenizer::default())
            .filter(WordBigrams::new(Analyzer::English))
            .build();
        for _ in 0..2 {
            let mut stream = analyzer.token_stream("one two three");
            let mut texts = Vec::new();
            while let Some(token) = stream.next() {
                texts.push(token.text.clone());
            }
            assert_eq!(texts, ["one two", "two three"]);
            drop(stream);
            let mut stream = analyzer.token_stream("solo");
            assert!(stream.next().is_none());
        }
    }
}
