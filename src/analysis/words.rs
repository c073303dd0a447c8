//! `WordTokenizer`: how is text cut into words? By Unicode's word boundaries (UAX#29),
//! so Lithuanian letters (`ą`, `ė`, `š`, `ž`) stay inside words and punctuation like
//! `„Oslo/Fusion“` splits cleanly. Typographic apostrophes become ASCII so the English
//! stemmer recognises possessives (`Kingdom’s` → `kingdom`).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

/// Splits text into UAX#29 words.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The token stream of a [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    words: UnicodeWordIndices<'a>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            words: text.unicode_word_indices(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((offset, word)) = self.words.next() else {
            return false;
        };
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        self.token.offset_from = offset;
        self.token.offset_to = offset + word.len();
        if word.contains('\u{2019}') {
            self.token
                .text
                .extend(word.chars().map(|c| if c == '\u{2019}' { '\'' } else { c }));
        } else {
            self.token.text.push_str(word);
        }
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}
