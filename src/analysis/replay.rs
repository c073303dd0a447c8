//! Replay: the bigram field reads the body's terms instead of analysing the body again.
//!
//! tantivy analyses each field of a document on the indexing thread, field after field, so
//! the bigram field (`body_en_bigrams`) gets the same section texts just after the body
//! field did. [`RecordingTokenizer`], around each indexing analyzer, keeps the terms of
//! the last few texts in a per-thread table; [`ReplayTokenizer`] gives those terms back for a
//! text the same analyzer recorded (texts compared in full) and analyses the text itself
//! otherwise. Either way the terms are the same, so replaying only saves the second
//! segmentation, lowercase and stem of every body word.

use std::cell::RefCell;

use tantivy::tokenizer::{BoxTokenStream, TextAnalyzer, Token, TokenStream, Tokenizer};

/// How many recent texts each thread remembers (a document's title, partners and
/// sections come before its bigram field).
const RECENT_TEXTS: usize = 16;

thread_local! {
    static RECENT: RefCell<Recent> = RefCell::new(Recent::default());
}

/// The terms of the last texts analysed on this thread.
#[derive(Default)]
struct Recent {
    entries: Vec<Entry>,
    next: usize,
    generation: u64,
}

/// One text and its tokens; usable once its stream has ended.
#[derive(Default)]
struct Entry {
    source: u8,
    generation: u64,
    complete: bool,
    text: String,
    tokens: Vec<Token>,
    len: usize,
}

impl Recent {
    /// Starts recording `text`; returns the generation that identifies the recording.
    fn start(&mut self, source: u8, text: &str) -> (usize, u64) {
        if self.entries.len() < RECENT_TEXTS {
            self.entries.push(Entry::default());
        }
        // Round robin over the slots (filled one by one at first).
        let slot = self.next;
        self.next = (slot + 1) % RECENT_TEXTS;
        self.generation += 1;
        let entry = &mut self.entries[slot];
        entry.generation = self.generation;
        entry.source = source;
        entry.complete = false;
        entry.text.clear();
        entry.text.push_str(text);
        entry.len = 0;
        (slot, self.generation)
    }

    fn entry(&mut self, (slot, generation): (usize, u64)) -> Option<&mut Entry> {
        self.entries
            .get_mut(slot)
            .filter(|entry| entry.generation == generation)
    }
}

/// Copies `from` into `to`, reusing `to`'s text buffer.
fn copy_token(from: &Token, to: &mut Token) {
    to.offset_from = from.offset_from;
    to.offset_to = from.offset_to;
    to.position = from.position;
    to.position_length = from.position_length;
    to.text.clear();
    to.text.push_str(&from.text);
}

/// Appends `token` to a token buffer whose first `len` tokens are in use.
fn push_token(tokens: &mut Vec<Token>, len: &mut usize, token: &Token) {
    match tokens.get_mut(*len) {
        Some(slot) => copy_token(token, slot),
        None => tokens.push(token.clone()),
    }
    *len += 1;
}

/// A tokenizer running an analyzer and remembering, per thread, the tokens of the texts
/// it analyses, under a `source` number that names the analyzer.
#[derive(Clone)]
pub struct RecordingTokenizer {
    source: u8,
    inner: TextAnalyzer,
}

impl RecordingTokenizer {
    /// Records `inner`'s tokens under `source`, which a [`ReplayTokenizer`] asks for.
    pub fn new(source: u8, inner: TextAnalyzer) -> Self {
        RecordingTokenizer { source, inner }
    }
}

impl Tokenizer for RecordingTokenizer {
    type TokenStream<'a> = RecorderStream<BoxTokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let recording = RECENT.with(|recent| recent.borrow_mut().start(self.source, text));
        RecorderStream {
            tail: self.inner.token_stream(text),
            recording,
        }
    }
}

/// The token stream of a [`RecordingTokenizer`].
pub struct RecorderStream<S> {
    tail: S,
    recording: (usize, u64),
}

impl<S: TokenStream> TokenStream for RecorderStream<S> {
    fn advance(&mut self) -> bool {
        let more = self.tail.advance();
        RECENT.with(|recent| {
            let mut recent = recent.borrow_mut();
            if let Some(entry) = recent.entry(self.recording) {
                if more {
                    push_token(&mut entry.tokens, &mut entry.len, self.tail.token());
                } else {
                    entry.complete = true;
                }
            }
        });
        more
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// A tokenizer giving back the recorded tokens of a text, or `fallback`'s tokens for a
/// text this thread has not recorded.
#[derive(Clone)]
pub struct ReplayTokenizer {
    source: u8,
    fallback: TextAnalyzer,
    tokens: Vec<Token>,
}

impl ReplayTokenizer {
    /// Replays texts recorded under `source`; analyses others with `fallback` (the
    /// analyzer a [`RecordingTokenizer`] wraps).
    pub fn new(source: u8, fallback: TextAnalyzer) -> Self {
        ReplayTokenizer {
            source,
            fallback,
            tokens: Vec::new(),
        }
    }
}

impl Tokenizer for ReplayTokenizer {
    type TokenStream<'a> = ReplayStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ReplayStream<'a> {
        let mut len = 0;
        let replayed = RECENT.with(|recent| {
            let mut recent = recent.borrow_mut();
            let entry = recent
                .entries
                .iter_mut()
                .find(|entry| entry.complete && entry.source == self.source && entry.text == text);
            // The recording's tokens are taken, not copied (the entry gets this
            // tokenizer's old buffer to record into); a text is replayed once.
            let Some(entry) = entry else {
                return false;
            };
            std::mem::swap(&mut self.tokens, &mut entry.tokens);
            len = entry.len;
            entry.len = 0;
            entry.complete = false;
            true
        });
        if !replayed {
            let mut stream = self.fallback.token_stream(text);
            while stream.advance() {
                push_token(&mut self.tokens, &mut len, stream.token());
            }
        }
        ReplayStream {
            tokens: &mut self.tokens[..len],
            next: 0,
        }
    }
}

/// The token stream of a [`ReplayTokenizer`].
pub struct ReplayStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl TokenStream for ReplayStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Analyzer, Mode};
    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.position, token.text.clone()));
        }
        out
    }

    #[test]
    fn replayed_terms_equal_analysed_terms() {
        let texts = [
            "Šančių bendruomenė organizavo renginius vaikams ir jaunimui",
            "Youth participation in culture and heritage",
            "",
        ];
        for analyzer in Analyzer::ALL {
            let mut recording = analyzer.build(Mode::Indexing);
            let source = analyzer as u8;
            let mut replay = TextAnalyzer::from(ReplayTokenizer::new(
                source,
                analyzer.build(Mode::Searching),
            ));
            let mut plain = analyzer.build_plain(Mode::Indexing);
            for text in texts {
                let expected = tokens(&mut plain, text);
                assert_eq!(tokens(&mut recording, text), expected);
                assert_eq!(tokens(&mut replay, text), expected, "{text}");
                // Taken by the first replay: a second one analyses the text again (with
                // the fallback, here the searching chain, which has no diacritic variants).
                let searching = tokens(&mut analyzer.build(Mode::Searching), text);
                assert_eq!(tokens(&mut replay, text), searching, "{text}, again");
            }
            // Recording into a buffer a replay handed back keeps nothing of before.
            for text in texts.iter().rev() {
                assert_eq!(tokens(&mut recording, text), tokens(&mut plain, text));
                assert_eq!(tokens(&mut replay, text), tokens(&mut plain, text));
            }
        }
    }

    #[test]
    fn unrecorded_and_unfinished_texts_are_analysed() {
        let chain = || Analyzer::English.build(Mode::Indexing);
        let mut replay = TextAnalyzer::from(ReplayTokenizer::new(
            Analyzer::English as u8,
            Analyzer::English.build_plain(Mode::Indexing),
        ));
        let expected = tokens(&mut chain(), "never recorded words");
        assert_eq!(tokens(&mut replay, "never recorded words"), expected);
        // A stream dropped before its end is not replayed.
        let mut recording = chain();
        let mut stream = recording.token_stream("cut short here");
        assert!(stream.advance());
        drop(stream);
        assert_eq!(
            tokens(&mut replay, "cut short here"),
            tokens(&mut chain(), "cut short here")
        );
    }

    #[test]
    fn another_analyzers_recording_is_not_replayed() {
        let text = "Šančių bendruomenė";
        let mut lithuanian = Analyzer::Lithuanian.build(Mode::Indexing);
        tokens(&mut lithuanian, text);
        let mut english = TextAnalyzer::from(ReplayTokenizer::new(
            Analyzer::English as u8,
            Analyzer::English.build_plain(Mode::Indexing),
        ));
        assert_eq!(
            tokens(&mut english, text),
            tokens(&mut Analyzer::English.build_plain(Mode::Indexing), text)
        );
    }
}
