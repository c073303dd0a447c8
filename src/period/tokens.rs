//! Tokens: a period's text cut into numbers, month names, markers, dashes and separators.

/// One piece of a period's text; whitespace only separates pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token {
    /// A run of ASCII digits: its value (the first nine digits) and how many digits it has,
    /// which tells a year (4) from a day or month (1–2).
    Number {
        value: u32,
        digits: usize,
    },
    /// A month name or abbreviation, 1–12, with its dot if it had one.
    Month(u8),
    /// `m.` (metai) after a Lithuanian year.
    YearMark,
    /// `mėn.` (mėnesio) after a Lithuanian month.
    MonthMark,
    /// `d.` (diena) after a Lithuanian day.
    DayMark,
    /// `st`, `nd`, `rd` or `th` right after a day's digits.
    Ordinal,
    /// A dash between the halves, or `to`/`iki`. A hyphen also separates the parts of a
    /// numeric date (`2020-02-21`); the longer dashes never do.
    Dash {
        hyphen: bool,
    },
    /// `from`/`nuo` before a period's first half.
    From,
    Slash,
    Dot,
    Comma,
}

impl Token {
    /// Markers and month abbreviations take the dot written after them (`m.`, `Nov.`).
    pub(super) fn takes_dot(self) -> bool {
        matches!(
            self,
            Token::Month(_) | Token::YearMark | Token::MonthMark | Token::DayMark
        )
    }
}

pub(super) type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// The tokens of `text`, `None` when it holds a character or word no form uses.
pub(super) fn tokenize(text: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    // Whether the last character read was a digit: `8th` is a day, `8 th` is not.
    let mut after_digit = false;
    while let Some(&c) = chars.peek() {
        let glued_to_number = after_digit;
        after_digit = c.is_ascii_digit();
        if c.is_ascii_digit() {
            tokens.push(number(&mut chars));
        } else if c.is_alphabetic() {
            tokens.push(word(&mut chars, glued_to_number)?);
        } else if c.is_whitespace() {
            chars.next();
        } else {
            tokens.push(symbol_token(c)?);
            chars.next();
        }
    }
    Some(tokens)
}

/// Reads a run of digits, keeping the count of all of them so that an overlong number
/// is never taken for a day or a year.
pub(super) fn number(chars: &mut Chars) -> Token {
    let mut value: u32 = 0;
    let mut digits = 0usize;
    while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
        if digits < 9 {
            value = value * 10 + d;
        }
        digits += 1;
        chars.next();
    }
    Token::Number { value, digits }
}

/// Reads a run of letters, and the dot after it when the word takes one.
pub(super) fn word(chars: &mut Chars, glued_to_number: bool) -> Option<Token> {
    let mut word = String::new();
    while let Some(c) = chars.next_if(|c| c.is_alphabetic()) {
        word.push(c);
    }
    let token = word_token(&fold(&word), glued_to_number)?;
    if token.takes_dot() {
        chars.next_if_eq(&'.');
    }
    Some(token)
}

/// The token of one folded word; `glued_to_number` when no space parts it from the
/// digits before it, the only place an ordinal suffix (`8th`) is one.
pub(super) fn word_token(word: &str, glued_to_number: bool) -> Option<Token> {
    match word {
        "m" => Some(Token::YearMark),
        "men" => Some(Token::MonthMark),
        "d" => Some(Token::DayMark),
        "st" | "nd" | "rd" | "th" if glued_to_number => Some(Token::Ordinal),
        "to" | "iki" => Some(Token::Dash { hyphen: false }),
        "from" | "nuo" => Some(Token::From),
        _ => month_number(word).map(Token::Month),
    }
}

pub(super) fn symbol_token(c: char) -> Option<Token> {
    match c {
        '/' => Some(Token::Slash),
        '.' => Some(Token::Dot),
        ',' => Some(Token::Comma),
        // Hyphen-minus, hyphen and non-breaking hyphen.
        '-' | '\u{2010}' | '\u{2011}' => Some(Token::Dash { hyphen: true }),
        // Figure dash, en dash, em dash, minus sign.
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => Some(Token::Dash { hyphen: false }),
        _ => None,
    }
}

/// Lowercase, with the Lithuanian letters as their base letters, since reports are
/// often typed without them (`rugpjucio`). Only the Lithuanian letters: any other
/// accented letter is in no month name, and stays so.
pub(super) fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ą' => 'a',
            'č' => 'c',
            'ę' | 'ė' => 'e',
            'į' => 'i',
            'š' => 's',
            'ų' | 'ū' => 'u',
            'ž' => 'z',
            c => c,
        })
        .collect()
}

/// Every month name read, folded, January first: English full and short names,
/// Lithuanian genitive (as dates use it: `liepos 4 d.`), nominative and the standard
/// abbreviations. Only whole listed names: `rug.` could be August (`rugpj.`) or
/// September (`rugs.`), so no prefix of a name is taken for it.
pub(super) const MONTH_NAMES: [&[&str]; 12] = [
    &["january", "jan", "sausio", "sausis", "saus"],
    &["february", "feb", "vasario", "vasaris", "vas"],
    &["march", "mar", "kovo", "kovas", "kov"],
    &["april", "apr", "balandzio", "balandis", "bal"],
    &["may", "geguzes", "geguze", "geg"],
    &["june", "jun", "birzelio", "birzelis", "birz"],
    &["july", "jul", "liepos", "liepa", "liep"],
    &["august", "aug", "rugpjucio", "rugpjutis", "rugpj"],
    &["september", "sep", "sept", "rugsejo", "rugsejis", "rugs"],
    &["october", "oct", "spalio", "spalis", "spal"],
    &["november", "nov", "lapkricio", "lapkritis", "lapkr"],
    &["december", "dec", "gruodzio", "gruodis", "gruod"],
];

/// The month (1–12) a folded word names.
pub(super) fn month_number(word: &str) -> Option<u8> {
    let index = MONTH_NAMES.iter().position(|names| names.contains(&word))?;
    u8::try_from(index + 1).ok()
}
