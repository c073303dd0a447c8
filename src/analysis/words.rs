//! `WordTokenizer`: how is text cut into words? By Unicode's word boundaries (UAX#29),
//! so Lithuanian letters (`ą`, `ė`, `š`, `ž`) stay inside words and punctuation like
//! `„Oslo/Fusion“` splits cleanly. Typographic apostrophes become ASCII so the English
//! stemmer recognises possessives (`Kingdom’s` → `kingdom`).
//!
//! [`words`] gives the same words as `unicode-segmentation`'s `unicode_word_indices`, at
//! a fraction of the cost on the mostly-ASCII text of the reports: UAX#29 never joins
//! anything across ASCII whitespace into a word, so text is cut there first, and each
//! piece of ASCII and Latin letters (U+00C0–U+017F but `×` and `÷`: Lithuanian `ą`–`ž`,
//! Norwegian `ø`, Icelandic `ð`, all plain letters to UAX#29) is segmented by the subset
//! of the rules those characters need (letters, digits, `_`, and `. ' : , ;` between
//! letters or digits); pieces with any other character go to the crate, from the end of
//! the last word (a combining mark after whitespace joins the whitespace's segment, and
//! horizontal whitespace of any kind is one segment). The typographic quotes, dashes and
//! the euro sign of the reports cut pieces as whitespace does (UAX#29 never joins
//! anything across them either). A property test checks the two agree on arbitrary text.
//!
//! [`marked_words`] gives only the words with a capital or an ASCII digit (for the pairing
//! features' names, acronyms and numbers), skipping the pieces that cannot hold one.
//!
//! The analyzers use the tokenizer's lowercase form ([`WordTokenizer::lowercase`]), which
//! also drops overlong words: what tantivy's `RemoveLongFilter` and `LowerCaser` did after
//! it, in the same pass (another property test checks the tokens are the same).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

/// UAX#29 word-break classes of ASCII characters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Numeric,
    /// `_`
    ExtendNumLet,
    /// `:`
    MidLetter,
    /// `,` `;`
    MidNum,
    /// `.` `'`
    MidNumLetQ,
    Other,
}

/// The class of a byte of a simple piece, whose non-ASCII bytes all belong to letters.
fn class(byte: u8) -> Class {
    match byte {
        b'A'..=b'Z' | b'a'..=b'z' | 0x80..=0xFF => Class::Letter,
        b'0'..=b'9' => Class::Numeric,
        b'_' => Class::ExtendNumLet,
        b':' => Class::MidLetter,
        b',' | b';' => Class::MidNum,
        b'.' | b'\'' => Class::MidNumLetQ,
        _ => Class::Other,
    }
}

/// Whether a byte of a simple piece is part of a letter or digit.
fn is_word_byte(byte: u8) -> bool {
    WORD_BYTES[usize::from(byte)]
}

/// [`is_word_byte`] of every byte value: ASCII letters and digits, and every non-ASCII
/// byte (in a simple piece those all belong to letters).
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || b >= 0x80;
        byte += 1;
    }
    table
};

/// True when UAX#29 keeps `bytes[at - 1]` and `bytes[at]` in one segment (simple pieces
/// only).
fn joined(bytes: &[u8], at: usize) -> bool {
    use Class::*;
    let before = class(bytes[at - 1]);
    let after = class(bytes[at]);
    let next = bytes.get(at + 1).map(|b| class(*b));
    let previous = at.checked_sub(2).map(|i| class(bytes[i]));
    match (before, after) {
        (Letter | Numeric, Letter | Numeric) => true,
        (Letter | Numeric | ExtendNumLet, ExtendNumLet) | (ExtendNumLet, Letter | Numeric) => true,
        (Letter, MidLetter | MidNumLetQ) if next == Some(Letter) => true, // WB6
        (MidLetter | MidNumLetQ, Letter) if previous == Some(Letter) => true, // WB7
        (Numeric, MidNum | MidNumLetQ) if next == Some(Numeric) => true,  // WB12
        (MidNum | MidNumLetQ, Numeric) if previous == Some(Numeric) => true, // WB11
        _ => false,
    }
}

/// The UAX#29 words of `text` with their byte offsets, as
/// `unicode_segmentation::UnicodeSegmentation::unicode_word_indices` gives them.
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        at: 0,
        last_end: 0,
        ascii_start: 0,
        ascii_next: 0,
        ascii_end: 0,
        unicode: None,
        skip_plain: false,
    }
}

/// The words of `text` that hold a capital (of any script) or an ASCII digit, each as
/// (end of the word before it, of any kind, or 0; offset; word): what [`words`] gives,
/// filtered, without segmenting the pieces of lowercase ASCII and Latin letters and ASCII
/// punctuation in between, which hold no such word (most of a report's text, Lithuanian
/// included). A property test checks it against filtering [`words`].
pub fn marked_words(text: &str) -> MarkedWords<'_> {
    MarkedWords {
        words: Words {
            skip_plain: true,
            ..words(text)
        },
    }
}

/// Iterator of [`marked_words`].
pub struct MarkedWords<'a> {
    words: Words<'a>,
}

impl<'a> Iterator for MarkedWords<'a> {
    type Item = (usize, usize, &'a str);

    fn next(&mut self) -> Option<(usize, usize, &'a str)> {
        loop {
            // `next_word` notes the ends of the words it skips but not of those it returns.
            let (offset, word) = self.words.next_word()?;
            let previous_end = std::mem::replace(&mut self.words.last_end, offset + word.len());
            if is_marked(word) {
                return Some((previous_end, offset, word));
            }
        }
    }
}

/// Whether `word` holds a capital or an ASCII digit ([`marked_words`]).
pub fn is_marked(word: &str) -> bool {
    if word.is_ascii() {
        word.bytes()
            .any(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    } else {
        word.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
    }
}

/// Where the last word of a plain piece (lowercase ASCII and Latin letters, ASCII
/// punctuation) ends (UAX#29: after its last letter and any `_` right after it), if the
/// piece has a word. A non-ASCII byte of such a piece belongs to a letter.
fn plain_piece_word_end(piece: &[u8]) -> Option<usize> {
    let last_letter = piece
        .iter()
        .rposition(|&b| b.is_ascii_lowercase() || b >= 0x80)?;
    let underscores = piece[last_letter + 1..]
        .iter()
        .take_while(|&&b| b == b'_')
        .count();
    Some(last_letter + 1 + underscores)
}

/// The code point of the Latin letter (U+00C0–U+017F but `×` and `÷`) whose UTF-8 starts
/// at `bytes[at]`, if one does.
fn latin_letter_at(bytes: &[u8], at: usize) -> Option<u32> {
    let (lead, next) = (*bytes.get(at)?, *bytes.get(at + 1)?);
    if !matches!(lead, 0xC3..=0xC5) || !(0x80..=0xBF).contains(&next) {
        return None;
    }
    let code = (u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F);
    (code >= 0xC0 && code != 0xD7 && code != 0xF7).then_some(code)
}

/// Whether the Latin letter `code` (see [`latin_letter_at`]) is a capital, by the rules of
/// its blocks (a unit test checks every one against `char::is_uppercase`).
fn is_latin_capital(code: u32) -> bool {
    match code {
        0xC0..=0xDE => true,
        0x100..=0x137 | 0x14A..=0x177 => code.is_multiple_of(2),
        0x139..=0x148 | 0x179..=0x17E => code % 2 == 1,
        0x178 => true,
        _ => false,
    }
}

/// Where the next byte at or after `from` that may mark a word for [`marked_words`] is (an
/// ASCII capital or digit, or a non-ASCII byte other than a lowercase Latin letter's),
/// eight bytes at a time: most of a report has none, so pieces of lowercase words are
/// passed over without being looked at one byte at a time.
fn next_marked_byte(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let found = next_capital_digit_or_other(bytes, at)?;
        match latin_letter_at(bytes, found) {
            Some(code) if !is_latin_capital(code) => at = found + 2,
            _ => return Some(found),
        }
    }
}

/// Where the next ASCII capital or digit, or non-ASCII byte, at or after `from` is.
fn next_capital_digit_or_other(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Each byte's low seven bits plus a constant below 0x80 cannot carry into the
        // next byte; its top bit then says whether the byte is at least (or above) a bound.
        let low = chunk & !HIGH;
        let at_least = |bound: u8| low.wrapping_add(ONES * u64::from(0x80 - bound)) & HIGH;
        let above = |bound: u8| low.wrapping_add(ONES * u64::from(0x7F - bound)) & HIGH;
        let marked =
            (chunk & HIGH) | (at_least(b'A') & !above(b'Z')) | (at_least(b'0') & !above(b'9'));
        if marked != 0 {
            return Some(at + (marked.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| b >= 0x80 || b.is_ascii_uppercase() || b.is_ascii_digit())
        .map(|offset| at + offset)
}

/// Iterator of [`words`].
pub struct Words<'a> {
    text: &'a str,
    /// Where the next piece starts.
    at: usize,
    /// Where the last word returned ends (0 before the first).
    last_end: usize,
    /// The simple piece being segmented: where it starts, where its next segment starts,
    /// where it ends.
    ascii_start: usize,
    ascii_next: usize,
    ascii_end: usize,
    /// A piece with other characters, segmented by the crate: its start, its words.
    unicode: Option<(usize, UnicodeWordIndices<'a>)>,
    /// Skip pieces of lowercase ASCII letters and punctuation, only noting where their
    /// last word ends ([`marked_words`]).
    skip_plain: bool,
}

impl<'a> Words<'a> {
    /// The next word of the current simple piece.
    fn next_simple(&mut self) -> Option<(usize, &'a str)> {
        // The piece alone: the rules must not look at the bytes before it (a separator's
        // last byte would pass for a letter's).
        let base = self.ascii_start;
        let bytes = &self.text.as_bytes()[base..self.ascii_end];
        while self.ascii_next < self.ascii_end {
            let start = self.ascii_next - base;
            let mut stop = start + 1;
            // Whether the byte before `stop` is, and whether any byte so far was, part of
            // a letter or digit.
            let mut after_word_byte = is_word_byte(bytes[start]);
            let mut any_word_byte = after_word_byte;
            while stop < bytes.len() {
                let word_byte = is_word_byte(bytes[stop]);
                // Letters and digits after letters and digits: the common case.
                let plain = word_byte && after_word_byte;
                if !plain && !joined(bytes, stop) {
                    break;
                }
                after_word_byte = word_byte;
                any_word_byte |= word_byte;
                stop += 1;
            }
            self.ascii_next = base + stop;
            if any_word_byte {
                return Some((base + start, &self.text[base + start..base + stop]));
            }
        }
        None
    }

    /// The next word, whatever kind of piece it comes from.
    fn next_word(&mut self) -> Option<(usize, &'a str)> {
        loop {
            if let Some(word) = self.next_simple() {
                return Some(word);
            }
            if let Some((start, words)) = &mut self.unicode {
                match words.next() {
                    Some((offset, word)) => return Some((*start + offset, word)),
                    None => self.unicode = None,
                }
            }
            // The next piece: up to the next ASCII whitespace.
            let bytes = self.text.as_bytes();
            let mut start = self.at;
            if self.skip_plain {
                // Straight to the piece holding the next marked byte (or the last piece):
                // the pieces before it are plain, and only their last word's end counts.
                let marked = next_marked_byte(bytes, start).unwrap_or(bytes.len());
                let piece = bytes[start..marked]
                    .iter()
                    .rposition(u8::is_ascii_whitespace)
                    .map_or(start, |space| start + space + 1);
                if let Some(word_end) = plain_piece_word_end(&bytes[start..piece]) {
                    self.last_end = start + word_end;
                }
                start = piece;
            }
            loop {
                match bytes.get(start) {
                    Some(byte) if byte.is_ascii_whitespace() => start += 1,
                    Some(0xE2) if is_separator(bytes, start) => start += SEPARATOR_BYTES,
                    _ => break,
                }
            }
            if start >= bytes.len() {
                return None;
            }
            let (mut end, mut simple, mut plain) = (start, true, self.skip_plain);
            // Whether every byte so far belongs to a letter or digit (in a simple piece).
            let mut letters_and_digits = true;
            while end < bytes.len() && !bytes[end].is_ascii_whitespace() {
                let byte = bytes[end];
                letters_and_digits &= is_word_byte(byte);
                if byte >= 0x80 {
                    if byte == 0xE2 && is_separator(bytes, end) {
                        break;
                    }
                    if simple {
                        simple = is_latin_letter_byte(bytes, end);
                        // A plain piece's Latin letters are lowercase (checked at lead
                        // bytes).
                        if plain && byte >= 0xC0 {
                            plain =
                                latin_letter_at(bytes, end).is_some_and(|c| !is_latin_capital(c));
                        }
                    }
                }
                plain &= !byte.is_ascii_uppercase() && !byte.is_ascii_digit();
                end += 1;
            }
            // Only simple pieces can be plain.
            plain &= simple;
            self.at = end;
            if plain {
                if let Some(word_end) = plain_piece_word_end(&bytes[start..end]) {
                    self.last_end = start + word_end;
                }
            } else if simple && letters_and_digits {
                // Letters and digits join (WB5, WB8–WB10): the piece is one word, most
                // pieces of prose, returned without segmenting it again.
                return Some((start, &self.text[start..end]));
            } else if simple {
                (self.ascii_start, self.ascii_next, self.ascii_end) = (start, start, end);
            } else {
                // From the end of the last word: a combining mark right after whitespace
                // belongs to the whitespace's segment (WB4), and horizontal whitespace,
                // ASCII or not, is one segment (WB3d), so such a word can reach back over
                // pieces that held no word. The last word's end is a boundary.
                let start = self.last_end;
                self.unicode = Some((start, self.text[start..end].unicode_word_indices()));
            }
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let word = self.next_word();
        if let Some((offset, word)) = word {
            self.last_end = offset + word.len();
        }
        word
    }
}

/// Appends `c` lowercase, as `char::to_lowercase` gives it. ASCII, Latin-1 and Latin
/// Extended-A letters (all of Lithuanian's) by their simple rules, the rest by Unicode's
/// tables (a unit test checks every character up to U+024F against `char::to_lowercase`).
pub(crate) fn push_lowercase(text: &mut String, c: char) {
    let code = u32::from(c);
    let lower = match code {
        0x41..=0x5A => code + 0x20,
        0x00..=0x7F | 0xDF..=0xFF => code,
        0xC0..=0xDE if code != 0xD7 => code + 0x20,
        // Pairs with the capital first (even): `Ą` 0x104 → `ą` 0x105.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 => code | 1,
        // Pairs with the capital odd: `Ž` 0x17D → `ž` 0x17E.
        0x139..=0x148 | 0x179..=0x17E => code + (code & 1),
        0x178 => 0xFF,
        _ => {
            text.extend(c.to_lowercase());
            return;
        }
    };
    text.push(char::from_u32(lower).unwrap_or(c));
}

/// Bytes of a [`is_separator`] character in UTF-8.
const SEPARATOR_BYTES: usize = 3;

/// Whether one of the typographic marks common in the reports starts at `at`: `„` `“` `”`
/// `–` `—` `…` `•` `€`. To UAX#29 they are punctuation like ASCII's (word-break class
/// Other): never in a word, never joining the words around them. So they cut pieces as
/// ASCII whitespace does, and a piece holding one is not left to the crate (which would
/// segment every such piece by the full rules, though the outcome at these marks is known).
fn is_separator(bytes: &[u8], at: usize) -> bool {
    matches!(
        bytes.get(at..at + SEPARATOR_BYTES),
        Some([0xE2, 0x80, 0x93 | 0x94 | 0x9C | 0x9D | 0x9E | 0xA2 | 0xA6] | [0xE2, 0x82, 0xAC])
    )
}

/// Whether the non-ASCII byte at `at` belongs to a letter of U+00C0–U+017F other than `×`
/// (U+00D7) and `÷` (U+00F7). Called on every byte of a piece until one fails, so a
/// continuation byte follows an accepted lead byte.
fn is_latin_letter_byte(bytes: &[u8], at: usize) -> bool {
    match bytes[at] {
        0xC4 | 0xC5 => true,
        0xC3 => !matches!(bytes.get(at + 1), Some(0x97 | 0xB7)),
        0x80..=0xBF => true,
        _ => false,
    }
}

/// Splits text into UAX#29 words, as written or (see [`WordTokenizer::lowercase`])
/// lowercase.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
    lowercase_below: Option<usize>,
}

impl WordTokenizer {
    /// Words lowercase, and only those shorter than `max_bytes` (as written, with ASCII
    /// apostrophes): what tantivy's `RemoveLongFilter::limit(max_bytes)` and `LowerCaser`
    /// after this tokenizer give, positions included, in one pass over each word (those
    /// filters copy a Lithuanian word, then lowercase it into another buffer, character by
    /// character through Unicode's tables, ASCII letters too).
    pub fn lowercase(max_bytes: usize) -> WordTokenizer {
        WordTokenizer {
            token: Token::default(),
            lowercase_below: Some(max_bytes),
        }
    }
}

/// The token stream of a [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    words: Words<'a>,
    token: &'a mut Token,
    lowercase_below: Option<usize>,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            words: words(text),
            token: &mut self.token,
            lowercase_below: self.lowercase_below,
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((offset, word)) = self.words.next() else {
                return false;
            };
            let text = &mut self.token.text;
            text.clear();
            self.token.position = self.token.position.wrapping_add(1);
            self.token.offset_from = offset;
            self.token.offset_to = offset + word.len();
            // U+2019 is E2 80 99 in UTF-8: most words are ASCII or have no 0xE2 byte to
            // look further at.
            let ascii = word.is_ascii();
            let apostrophes = if !ascii && word.as_bytes().contains(&0xE2) {
                word.matches('\u{2019}').count()
            } else {
                0
            };
            let Some(limit) = self.lowercase_below else {
                if apostrophes == 0 {
                    text.push_str(word);
                } else {
                    text.extend(word.chars().map(|c| if c == '\u{2019}' { '\'' } else { c }));
                }
                return true;
            };
            // Each typographic apostrophe (3 bytes) becomes an ASCII one (1 byte).
            if word.len() - 2 * apostrophes >= limit {
                continue;
            }
            if ascii {
                text.push_str(word);
                text.make_ascii_lowercase();
            } else {
                for c in word.chars() {
                    match c {
                        '\u{2019}' => text.push('\''),
                        c => push_lowercase(text, c),
                    }
                }
            }
            return true;
        }
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
    use super::{is_latin_capital, latin_letter_at, next_marked_byte, push_lowercase};

    #[test]
    fn latin_capitals_are_told_by_their_code_points() {
        for code in 0xC0..=0x17F_u32 {
            let c = char::from_u32(code).unwrap();
            let mut bytes = [0u8; 4];
            let encoded = c.encode_utf8(&mut bytes).as_bytes();
            if c == '×' || c == '÷' {
                assert_eq!(latin_letter_at(encoded, 0), None);
                continue;
            }
            assert_eq!(latin_letter_at(encoded, 0), Some(code), "{c}");
            assert_eq!(is_latin_capital(code), c.is_uppercase(), "{c}");
        }
        assert_eq!(latin_letter_at("a€".as_bytes(), 1), None);
    }

    #[test]
    fn the_next_marked_byte_is_found_at_every_offset() {
        for marked in [b'A', b'Z', b'0', b'9', 0x80, 0xC4, 0xFF] {
            for len in 0..20 {
                for at in 0..len {
                    // Around it, bytes next to the bounds, which must not count.
                    let mut bytes: Vec<u8> = (0..len)
                        .map(|i| [b'a', b'@', b'[', b'/', b':', b'z', b' ', 0x7F][i % 8])
                        .collect();
                    bytes[at] = marked;
                    for from in 0..=len {
                        let expected = (from <= at).then_some(at);
                        assert_eq!(next_marked_byte(&bytes, from), expected, "{bytes:?} {from}");
                    }
                }
            }
        }
        assert_eq!(next_marked_byte(b"lowercase words only, no marks", 0), None);
    }

    #[test]
    fn lowercase_is_unicodes_for_latin_letters_and_beyond() {
        for code in (0..=0x24F).chain(0x1E00..=0x1EFF).chain([0x212A, 0x2126]) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let mut fast = String::new();
            push_lowercase(&mut fast, c);
            assert_eq!(fast, c.to_lowercase().collect::<String>(), "U+{code:04X}");
        }
    }
}
