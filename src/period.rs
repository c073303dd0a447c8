//! Implementation periods: reading every date form the reports use into ISO dates.
//!
//! The reports write one period in many ways: numeric (`21/02-03/03 2020`,
//! `21/02/2020-03/03/2020`, `2020-02-21 – 2020-03-03`, `21.02.2020–03.03.2020`,
//! `8–12.11.2021`), with English month names (`8–12 November 2021`,
//! `November 8 – December 2, 2021`, `8th–12th Nov. 2021`) and with Lithuanian ones
//! (`2022 m. liepos 4–8 d.`, `2021 m. gruodžio 28 d. – 2022 m. sausio 5 d.`).
//!
//! The text is cut into tokens (numbers with their digit count, month names in either
//! language, the markers `m.`, `mėn.`, `d.` and `th`, dashes and the words `to`/`iki`,
//! `from`/`nuo`, the separators `/ . ,`), each half of the period is read against the
//! date forms, and the halves are joined: a half without a month or a year takes it from
//! the other one, a start month after the end month meaning the year before. Reading
//! never guesses. A token left over (a word it does not know, a stray number), a missing
//! year or month, or two readings that disagree give [`PeriodProblem::Unreadable`]: a
//! period is the one written or none.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month};

/// A closed date interval, `start <= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
}

/// Why a period's text gives no period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodProblem {
    /// Not a form bireport reads: an unknown word, a stray number, no year, or a text
    /// that could be read as two different periods.
    Unreadable,
    /// The form is read but names a day that does not exist (`31 February 2021`).
    ImpossibleDate,
    /// Both days exist but the end comes before the start (`12–8 November 2021`).
    EndBeforeStart,
}

impl fmt::Display for PeriodProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PeriodProblem::Unreadable => "not a date form bireport reads",
            PeriodProblem::ImpossibleDate => "no such date",
            PeriodProblem::EndBeforeStart => "the end comes before the start",
        })
    }
}

impl std::error::Error for PeriodProblem {}

impl Period {
    /// Every calendar year the period touches.
    pub fn years(&self) -> impl Iterator<Item = i32> {
        self.start.year()..=self.end.year()
    }

    /// True when the two periods share at least one day.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Days shared by both periods, 0 when they do not overlap.
    pub fn overlap_days(&self, other: &Period) -> i64 {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        if start > end {
            0
        } else {
            (end - start).whole_days() + 1
        }
    }

    /// Length in days, both ends included.
    pub fn days(&self) -> i64 {
        (self.end - self.start).whole_days() + 1
    }

    /// Reads the value of an `Implementation period:` line, or says why it gives no period.
    pub fn read(text: &str) -> Result<Period, PeriodProblem> {
        read_period(text)
    }

    /// Reads the value of an `Implementation period:` line; `None` for any problem.
    pub fn parse(text: &str) -> Option<Period> {
        Self::read(text).ok()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", iso(self.start), iso(self.end))
    }
}

/// Formats a date as `YYYY-MM-DD`.
pub fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Parses `YYYY-MM-DD`, or a bare `YYYY` (as its first or last day, per `end_of_year`).
pub fn parse_iso_date(text: &str, end_of_year: bool) -> Option<Date> {
    let numbers = number_groups(text.trim());
    match numbers.as_slice() {
        [(year, 4)] => {
            let (month, day) = if end_of_year { (12, 31) } else { (1, 1) };
            make_date(*year as i32, month, day)
        }
        [(year, 4), (month, _), (day, _)] => make_date(*year as i32, *month, *day),
        _ => None,
    }
}

#[derive(Serialize, Deserialize)]
struct PeriodRepr {
    start: String,
    end: String,
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        PeriodRepr {
            start: iso(self.start),
            end: iso(self.end),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let repr = PeriodRepr::deserialize(deserializer)?;
        let start = parse_iso_date(&repr.start, false);
        let end = parse_iso_date(&repr.end, true);
        match (start, end) {
            (Some(start), Some(end)) => Ok(Period { start, end }),
            _ => Err(serde::de::Error::custom("period dates must be YYYY-MM-DD")),
        }
    }
}

/// The runs of ASCII digits in `text`, each as (value, number of digits).
fn number_groups(text: &str) -> Vec<(u32, usize)> {
    let mut groups = Vec::new();
    let mut value: u32 = 0;
    let mut digits = 0usize;
    for c in text.chars() {
        if let Some(d) = c.to_digit(10) {
            if digits < 9 {
                value = value * 10 + d;
            }
            digits += 1;
        } else if digits > 0 {
            groups.push((value, digits));
            value = 0;
            digits = 0;
        }
    }
    if digits > 0 {
        groups.push((value, digits));
    }
    groups
}

fn make_date(year: i32, month: u32, day: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
}

// ---------------------------------------------------------------------------------------
// Tokens

/// One piece of a period's text; whitespace only separates pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
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
    fn takes_dot(self) -> bool {
        matches!(
            self,
            Token::Month(_) | Token::YearMark | Token::MonthMark | Token::DayMark
        )
    }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// The tokens of `text`, `None` when it holds a character or word no form uses.
fn tokenize(text: &str) -> Option<Vec<Token>> {
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
fn number(chars: &mut Chars) -> Token {
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
fn word(chars: &mut Chars, glued_to_number: bool) -> Option<Token> {
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
fn word_token(word: &str, glued_to_number: bool) -> Option<Token> {
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

fn symbol_token(c: char) -> Option<Token> {
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
fn fold(word: &str) -> String {
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
const MONTH_NAMES: [&[&str]; 12] = [
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
fn month_number(word: &str) -> Option<u8> {
    let index = MONTH_NAMES.iter().position(|names| names.contains(&word))?;
    u8::try_from(index + 1).ok()
}

// ---------------------------------------------------------------------------------------
// Forms

/// How a half of a period is written, which decides what the other half may lend it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `2020-02-21`, `2020.02.21`, `2020/02/21`.
    YearMonthDay,
    /// `21/02/2020`, `21.02.2020`, `21-02-2020`.
    DayMonthYear,
    /// `21/02`, `21.02`, maybe with a year after a space: `21/02 2020`.
    DayMonth,
    /// `8 November 2021`, `8th Nov.`.
    DayName,
    /// `November 8, 2021`, `Nov 8`.
    NameDay,
    /// `2022 m. liepos 4 d.`, `rugpjūčio 3 d.`, `2022 liepos 4`.
    Lithuanian,
    /// A day alone, `8`, `8th`, `8 d.`, or with a year, the end of `November 8–12, 2021`;
    /// its month is the other half's.
    Day,
}

/// One half of a period as written: what it leaves out comes from the other half.
#[derive(Debug, Clone, Copy)]
struct Half {
    year: Option<i32>,
    month: Option<u32>,
    day: u32,
    form: Form,
}

/// A reading position in the tokens; copied to try a form, so a form that does not fit
/// consumes nothing.
#[derive(Debug, Clone, Copy)]
struct Cursor<'a> {
    tokens: &'a [Token],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(tokens: &'a [Token]) -> Self {
        Cursor { tokens, at: 0 }
    }

    fn done(&self) -> bool {
        self.at == self.tokens.len()
    }

    /// Takes the next token if `wanted` gives a value for it.
    fn take<T>(&mut self, wanted: impl Fn(Token) -> Option<T>) -> Option<T> {
        let value = wanted(*self.tokens.get(self.at)?)?;
        self.at += 1;
        Some(value)
    }

    /// Takes `token` if it is next; for the optional parts of a form.
    fn skip(&mut self, token: Token) -> bool {
        self.take(|t| (t == token).then_some(())).is_some()
    }

    /// Takes `token`, which the form needs.
    fn need(&mut self, token: Token) -> Option<()> {
        self.take(|t| (t == token).then_some(()))
    }

    /// A day or a numeric month: one or two digits.
    fn small(&mut self) -> Option<u32> {
        self.take(|t| match t {
            Token::Number {
                value,
                digits: 1 | 2,
            } => Some(value),
            _ => None,
        })
    }

    /// A year: four digits.
    fn year(&mut self) -> Option<i32> {
        self.take(|t| match t {
            Token::Number { value, digits: 4 } => i32::try_from(value).ok(),
            _ => None,
        })
    }

    fn month_name(&mut self) -> Option<u32> {
        self.take(|t| match t {
            Token::Month(month) => Some(u32::from(month)),
            _ => None,
        })
    }

    fn dash(&mut self) -> bool {
        self.take(|t| matches!(t, Token::Dash { .. }).then_some(()))
            .is_some()
    }

    /// A separator inside a numeric date: `/`, `.` or a hyphen.
    fn date_separator(&mut self) -> Option<Token> {
        self.take(|t| {
            matches!(t, Token::Slash | Token::Dot | Token::Dash { hyphen: true }).then_some(t)
        })
    }

    /// A year after a day or month, maybe after a comma (`November 8, 2021`); taken only
    /// when there is one.
    fn trailing_year(&mut self) -> Option<i32> {
        let mut ahead = *self;
        ahead.skip(Token::Comma);
        let year = ahead.year()?;
        *self = ahead;
        Some(year)
    }
}

/// Reads one half in one form: the half and the cursor after it, `None` if it does not fit.
type FormReader = fn(Cursor) -> Option<(Half, Cursor)>;

/// Every form a half can take. More than one may fit the same tokens (`liepos 4` is
/// Lithuanian and month-first English); the readings are then compared, never ranked.
const FORMS: [FormReader; 7] = [
    year_month_day,
    day_month_year,
    day_month,
    day_name,
    name_day,
    lithuanian,
    day,
];

fn half(year: Option<i32>, month: Option<u32>, day: u32, form: Form) -> Half {
    Half {
        year,
        month,
        day,
        form,
    }
}

/// `2020-02-21`: the same separator twice.
fn year_month_day(mut c: Cursor) -> Option<(Half, Cursor)> {
    let year = c.year()?;
    let separator = c.date_separator()?;
    let month = c.small()?;
    c.need(separator)?;
    let day = c.small()?;
    Some((half(Some(year), Some(month), day, Form::YearMonthDay), c))
}

/// `21/02/2020`: the same separator twice.
fn day_month_year(mut c: Cursor) -> Option<(Half, Cursor)> {
    let day = c.small()?;
    let separator = c.date_separator()?;
    let month = c.small()?;
    c.need(separator)?;
    let year = c.year()?;
    Some((half(Some(year), Some(month), day, Form::DayMonthYear), c))
}

/// `21/02` or `21.02`, and `21/02 2020`. Not `21-02`: a hyphen between two small numbers
/// is the range of days `21–02`, never a day and month.
fn day_month(mut c: Cursor) -> Option<(Half, Cursor)> {
    let day = c.small()?;
    c.take(|t| matches!(t, Token::Slash | Token::Dot).then_some(()))?;
    let month = c.small()?;
    let year = c.trailing_year();
    Some((half(year, Some(month), day, Form::DayMonth), c))
}

/// `8 November 2021`, `8th Nov.`, `8 November, 2021`.
fn day_name(mut c: Cursor) -> Option<(Half, Cursor)> {
    let day = c.small()?;
    c.skip(Token::Ordinal);
    let month = c.month_name()?;
    let year = c.trailing_year();
    Some((half(year, Some(month), day, Form::DayName), c))
}

/// `November 8, 2021`, `Nov 8th 2021`, `November 8`.
fn name_day(mut c: Cursor) -> Option<(Half, Cursor)> {
    let month = c.month_name()?;
    let day = c.small()?;
    c.skip(Token::Ordinal);
    let year = c.trailing_year();
    Some((half(year, Some(month), day, Form::NameDay), c))
}

/// `2022 m. liepos 4 d.`, `2022 m. liepos mėn. 4 d.`, `2022 liepos 4`, `rugpjūčio 3 d.`:
/// the year first, every marker optional.
fn lithuanian(mut c: Cursor) -> Option<(Half, Cursor)> {
    let year = c.year();
    if year.is_some() {
        c.skip(Token::YearMark);
    }
    let month = c.month_name()?;
    c.skip(Token::MonthMark);
    let day = c.small()?;
    c.skip(Token::DayMark);
    Some((half(year, Some(month), day, Form::Lithuanian), c))
}

/// `8`, `8th`, `8 d.`, and `12, 2021` (the end of `November 8–12, 2021`).
fn day(mut c: Cursor) -> Option<(Half, Cursor)> {
    let day = c.small()?;
    let year = if c.skip(Token::DayMark) {
        None
    } else {
        c.skip(Token::Ordinal);
        c.trailing_year()
    };
    Some((half(year, None, day, Form::Day), c))
}

/// Every way the tokens from `c` start with a half.
fn halves<'a>(c: Cursor<'a>) -> impl Iterator<Item = (Half, Cursor<'a>)> {
    FORMS.into_iter().filter_map(move |read| read(c))
}

// ---------------------------------------------------------------------------------------
// Reading

fn read_period(text: &str) -> Result<Period, PeriodProblem> {
    let tokens = tokenize(text).ok_or(PeriodProblem::Unreadable)?;
    // A sentence's full stop or a list's comma after the period.
    let tokens = match tokens.as_slice() {
        [rest @ .., Token::Dot | Token::Comma] => rest,
        all => all,
    };
    let (from, tokens) = match tokens {
        [Token::From, rest @ ..] => (true, rest),
        all => (false, all),
    };
    let mut readings = Vec::new();
    for (start, mut after) in halves(Cursor::new(tokens)) {
        if after.done() && !from {
            readings.extend(single_day(start));
        }
        if !after.dash() {
            continue;
        }
        for (end, after_end) in halves(after) {
            if after_end.done() {
                readings.extend(joined(start, end));
            }
        }
    }
    agreed(readings)
}

/// The one outcome every reading gives; readings that disagree make the text unreadable
/// rather than a guess between them.
fn agreed(readings: Vec<Result<Period, PeriodProblem>>) -> Result<Period, PeriodProblem> {
    let (first, rest) = readings.split_first().ok_or(PeriodProblem::Unreadable)?;
    if rest.iter().all(|reading| reading == first) {
        *first
    } else {
        Err(PeriodProblem::Unreadable)
    }
}

/// A half read alone is a one-day period when it has a year and a month of its own.
fn single_day(day: Half) -> Option<Result<Period, PeriodProblem>> {
    let date = date_of((day.year?, day.month?, day.day));
    Some(date.map(|date| Period {
        start: date,
        end: date,
    }))
}

/// The period of two halves, `None` when they are not written as one period.
fn joined(start: Half, end: Half) -> Option<Result<Period, PeriodProblem>> {
    if !joinable(start.form, end.form) {
        return None;
    }
    let (start, end) = lend(start, end)?;
    Some(period_of(start, end))
}

/// Which halves make a period together: the same form on both sides, or a day alone
/// on the side where the month is written once for both.
fn joinable(start: Form, end: Form) -> bool {
    match (start, end) {
        // `8–12 November 2021`, `8–12.11.2021`: the start takes the end's month, written
        // after the days.
        (Form::Day, Form::DayName | Form::DayMonth | Form::DayMonthYear) => true,
        // `November 8–12, 2021`, `liepos 4–8 d.`, `2022-07-04–08`: the end keeps the
        // start's month, written before the days.
        (Form::NameDay | Form::Lithuanian | Form::YearMonthDay, Form::Day) => true,
        // `21/02-03/03/2020`, `21/02/2020-03/03`: one half has the year.
        (Form::DayMonth, Form::DayMonthYear) | (Form::DayMonthYear, Form::DayMonth) => true,
        (Form::Day, _) | (_, Form::Day) => false,
        _ => start == end,
    }
}

/// A date as written: year, month, day, not yet checked to exist.
type Written = (i32, u32, u32);

/// Both halves complete, each taking from the other what it leaves out: a half without
/// a month has the other's month and year; a half without a year has the other's, one
/// less for a start month after the end month and one more for an end month before the
/// start month (the period crossed a new year). `None` when neither has a year.
fn lend(start: Half, end: Half) -> Option<(Written, Written)> {
    let (mut start_year, mut end_year) = (start.year, end.year);
    let (start_month, end_month) = match (start.month, end.month) {
        (Some(start_month), Some(end_month)) => (start_month, end_month),
        // Only `Day` has no month, and only the end's may carry a year, when the start
        // has none: `November 8–12, 2021`, not a second year in `2022 liepos 4–8 2023`.
        (None, Some(month)) if start_year.is_none() => (month, month),
        (Some(month), None) if start_year.is_none() || end_year.is_none() => {
            start_year = start_year.or(end_year);
            end_year = start_year;
            (month, month)
        }
        _ => return None,
    };
    let (start_year, end_year) = match (start_year, end_year) {
        (Some(start_year), Some(end_year)) => (start_year, end_year),
        (None, Some(end_year)) => (end_year - i32::from(start_month > end_month), end_year),
        (Some(start_year), None) => (start_year, start_year + i32::from(end_month < start_month)),
        (None, None) => return None,
    };
    Some((
        (start_year, start_month, start.day),
        (end_year, end_month, end.day),
    ))
}

fn date_of((year, month, day): Written) -> Result<Date, PeriodProblem> {
    make_date(year, month, day).ok_or(PeriodProblem::ImpossibleDate)
}

fn period_of(start: Written, end: Written) -> Result<Period, PeriodProblem> {
    let (start, end) = (date_of(start)?, date_of(end)?);
    if start <= end {
        Ok(Period { start, end })
    } else {
        Err(PeriodProblem::EndBeforeStart)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Option<String> {
        Period::parse(text).map(|p| p.to_string())
    }

    /// The period read from `text`, as `start..end`, or the problem's phrase.
    fn read(text: &str) -> String {
        match Period::read(text) {
            Ok(period) => period.to_string(),
            Err(problem) => problem.to_string(),
        }
    }

    #[test]
    fn every_documented_form_parses_to_the_same_period() {
        let expected = Some("2020-02-21..2020-03-03".to_string());
        for form in [
            "21/02-03/03 2020",
            "21/02 - 03/03 2020",
            "21/02–03/03 2020",
            "21/02/2020-03/03/2020",
            "21/02/2020 — 03/03/2020",
            "2020-02-21 – 2020-03-03",
            "2020-02-21-2020-03-03",
            "21.02.2020–03.03.2020",
            "21.02.2020 - 03.03.2020",
        ] {
            assert_eq!(show(form), expected, "form {form:?}");
        }
    }

    #[test]
    fn a_start_month_after_the_end_month_is_the_previous_year() {
        assert_eq!(
            show("15/12-10/01 2021").as_deref(),
            Some("2020-12-15..2021-01-10")
        );
        assert_eq!(
            Period::parse("15/12-10/01 2021").unwrap().years().count(),
            2
        );
    }

    #[test]
    fn impossible_or_reversed_dates_are_rejected() {
        assert_eq!(show("31/02-03/03 2020"), None);
        assert_eq!(show("2020-03-03 - 2020-02-21"), None);
        assert_eq!(show("soon"), None);
        assert_eq!(show(""), None);
        assert_eq!(show("99999999999999999999/1-1/1 2020"), None);
    }

    #[test]
    fn overlap_counts_shared_days() {
        let a = Period::parse("21/02-03/03 2020").unwrap();
        let b = Period::parse("27/02-03/03 2020").unwrap();
        assert!(a.overlaps(&b));
        assert_eq!(a.overlap_days(&b), 6);
        assert_eq!(b.days(), 6);
    }

    #[test]
    fn numeric_forms_read_as_before() {
        assert_eq!(read("21/02/2020"), "2020-02-21..2020-02-21");
        assert_eq!(read("2020-02-21"), "2020-02-21..2020-02-21");
        assert_eq!(read("21.02.2020"), "2020-02-21..2020-02-21");
        assert_eq!(read("21/02 2020"), "2020-02-21..2020-02-21");
        assert_eq!(read("21/02-03/03/2020"), "2020-02-21..2020-03-03");
        assert_eq!(read("2020.02.21 - 2020.03.03"), "2020-02-21..2020-03-03");
        assert_eq!(read("21-02-2020 – 03-03-2020"), "2020-02-21..2020-03-03");
        assert_eq!(read("21/02/2020 to 03/03/2020"), "2020-02-21..2020-03-03");
        assert_eq!(read("21.02.2020–03.03.2020."), "2020-02-21..2020-03-03");
    }

    #[test]
    fn numeric_days_of_one_month_read_too() {
        assert_eq!(read("8–12.11.2021"), "2021-11-08..2021-11-12");
        assert_eq!(read("8-12/11/2021"), "2021-11-08..2021-11-12");
        assert_eq!(read("8–12.11 2021"), "2021-11-08..2021-11-12");
        assert_eq!(read("2022-07-04–08"), "2022-07-04..2022-07-08");
        assert_eq!(read("2022.07.04 – 8 d."), "2022-07-04..2022-07-08");
        assert_eq!(
            Period::read("12–8.11.2021"),
            Err(PeriodProblem::EndBeforeStart)
        );
        assert_eq!(
            Period::read("2022-07-04–08, 2022"),
            Err(PeriodProblem::Unreadable)
        );
    }

    #[test]
    fn english_forms_read_as_written() {
        assert_eq!(read("8–12 November 2021"), "2021-11-08..2021-11-12");
        assert_eq!(
            read("8 November – 2 December 2021"),
            "2021-11-08..2021-12-02"
        );
        assert_eq!(
            read("28 December 2021 – 5 January 2022"),
            "2021-12-28..2022-01-05"
        );
        assert_eq!(read("November 8–12, 2021"), "2021-11-08..2021-11-12");
        assert_eq!(
            read("November 8 – December 2, 2021"),
            "2021-11-08..2021-12-02"
        );
        assert_eq!(read("8-12 Nov 2021"), "2021-11-08..2021-11-12");
        assert_eq!(read("8 Nov. 2021 – 12 Nov. 2021"), "2021-11-08..2021-11-12");
        assert_eq!(read("8th–12th November 2021"), "2021-11-08..2021-11-12");
        assert_eq!(read("8 November 2021"), "2021-11-08..2021-11-08");
        assert_eq!(read("November 8, 2021"), "2021-11-08..2021-11-08");
    }

    #[test]
    fn english_variants_read_too() {
        assert_eq!(
            read("28 December – 5 January 2022"),
            "2021-12-28..2022-01-05"
        );
        assert_eq!(
            read("December 28 – January 5, 2022"),
            "2021-12-28..2022-01-05"
        );
        assert_eq!(
            read("December 28, 2021 – January 5, 2022"),
            "2021-12-28..2022-01-05"
        );
        assert_eq!(read("8 to 12 November 2021"), "2021-11-08..2021-11-12");
        assert_eq!(read("from 8 to 12 November 2021"), "2021-11-08..2021-11-12");
        assert_eq!(read("1st-3rd SEPT. 2021"), "2021-09-01..2021-09-03");
        assert_eq!(read("nov 8 2021"), "2021-11-08..2021-11-08");
        assert_eq!(read("8 November, 2021"), "2021-11-08..2021-11-08");
        assert_eq!(read("  8–12 November 2021, "), "2021-11-08..2021-11-12");
        assert_eq!(
            read("8\u{a0}–\u{a0}12\u{a0}November\u{a0}2021"),
            "2021-11-08..2021-11-12"
        );
    }

    #[test]
    fn lithuanian_forms_read_as_written() {
        assert_eq!(read("2022 m. liepos 4–8 d."), "2022-07-04..2022-07-08");
        assert_eq!(
            read("2022 m. liepos 28 d. – rugpjūčio 3 d."),
            "2022-07-28..2022-08-03"
        );
        assert_eq!(
            read("2021 m. gruodžio 28 d. – 2022 m. sausio 5 d."),
            "2021-12-28..2022-01-05"
        );
        assert_eq!(read("2022 m. liepos 4 d."), "2022-07-04..2022-07-04");
        assert_eq!(read("2022 liepos 4-8"), "2022-07-04..2022-07-08");
    }

    #[test]
    fn lithuanian_variants_read_too() {
        assert_eq!(read("2022m. liepos 4d.–8d."), "2022-07-04..2022-07-08");
        assert_eq!(read("2022m.liepos4d."), "2022-07-04..2022-07-04");
        assert_eq!(read("2022 m. liepos mėn. 4 d."), "2022-07-04..2022-07-04");
        assert_eq!(read("2022 M. RUGPJŪČIO 3 D."), "2022-08-03..2022-08-03");
        assert_eq!(read("2022 m. rugpjucio 3 d."), "2022-08-03..2022-08-03");
        assert_eq!(read("2022 m. birz. 3 d."), "2022-06-03..2022-06-03");
        assert_eq!(read("2022 m. geguzes 3 d."), "2022-05-03..2022-05-03");
        assert_eq!(read("2022 m. liepa 4 d."), "2022-07-04..2022-07-04");
        assert_eq!(
            read("2021 m. gruodžio 28 d. – sausio 5 d."),
            "2021-12-28..2022-01-05"
        );
        assert_eq!(
            read("gruodžio 28 d. – 2022 m. sausio 5 d."),
            "2021-12-28..2022-01-05"
        );
        assert_eq!(
            read("nuo 2022 m. liepos 4 d. iki rugpjūčio 3 d."),
            "2022-07-04..2022-08-03"
        );
        assert_eq!(read("2022 m. liepos 4 iki 8 d."), "2022-07-04..2022-07-08");
    }

    #[test]
    fn every_dash_joins_the_halves() {
        for dash in [
            "-", "–", "—", "‒", "−", " to ", " iki ", " - ", " – ", "\u{2010}",
        ] {
            assert_eq!(
                read(&format!("8{dash}12 November 2021")),
                "2021-11-08..2021-11-12",
                "{dash:?}"
            );
            assert_eq!(
                read(&format!("2022 m. liepos 4{dash}8 d.")),
                "2022-07-04..2022-07-08",
                "{dash:?}"
            );
        }
    }

    #[test]
    fn every_month_name_reads_as_its_month() {
        let names: [&[&str]; 12] = [
            &["January", "Jan", "Jan.", "sausio", "sausis", "saus."],
            &["February", "Feb", "Feb.", "vasario", "vasaris", "vas."],
            &["March", "Mar", "Mar.", "kovo", "kovas", "kov."],
            &["April", "Apr", "Apr.", "balandžio", "balandis", "bal."],
            &["May", "May.", "gegužės", "gegužė", "geg.", "geguzes"],
            &[
                "June",
                "Jun",
                "Jun.",
                "birželio",
                "birželis",
                "birž.",
                "birz.",
            ],
            &["July", "Jul", "Jul.", "liepos", "liepa", "liep."],
            &[
                "August",
                "Aug",
                "Aug.",
                "rugpjūčio",
                "rugpjūtis",
                "rugpj.",
                "rugpjucio",
            ],
            &[
                "September",
                "Sep",
                "Sep.",
                "Sept",
                "Sept.",
                "rugsėjo",
                "rugsėjis",
                "rugs.",
            ],
            &["October", "Oct", "Oct.", "spalio", "spalis", "spal."],
            &[
                "November",
                "Nov",
                "Nov.",
                "lapkričio",
                "lapkritis",
                "lapkr.",
            ],
            &["December", "Dec", "Dec.", "gruodžio", "gruodis", "gruod."],
        ];
        for (index, spellings) in names.iter().enumerate() {
            let expected = format!("2021-{:02}-08..2021-{:02}-08", index + 1, index + 1);
            for name in spellings.iter() {
                for text in [
                    format!("8 {name} 2021"),
                    format!("{name} 8, 2021"),
                    format!("2021 m. {name} 8 d."),
                    format!("8 {} 2021", name.to_uppercase()),
                    format!("8 {} 2021", name.to_lowercase()),
                ] {
                    assert_eq!(read(&text), expected, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn the_misreadings_of_the_digit_counter_are_gone() {
        // Read by counting digits, these were 2021-12-08 and 2022-04-08.
        assert_eq!(read("8–12 November 2021"), "2021-11-08..2021-11-12");
        assert_eq!(read("2022 m. liepos 4–8 d."), "2022-07-04..2022-07-08");
    }

    #[test]
    fn unknown_words_stray_numbers_and_missing_years_are_unreadable() {
        for text in [
            "",
            "   ",
            "TBD",
            "2021 spring",
            "21/02-03/03",
            "8–12 Movember 2021",
            "8–12 November",
            "8–12 November 2021 approx.",
            "about 8–12 November 2021",
            "8–12 November 2021 (online)",
            "8–12 November 2021 5",
            "8 November 2021 2021",
            "3 rug. 2022",
            "8 th November 2021",
            "from 8 November 2021",
            "8–12",
            "8 – November 12, 2021",
            "November 8 – 12 December 2021",
            "8 November – 12, 2021",
            "2022 liepos 4-8 2023",
            "2021-11-08 – 12 Nov",
            "21-02 2020",
            "2020 02 21",
            "21/02/2020-03/03/20",
            "2022 m. m. liepos 4 d.",
            "liepos m. 4 d.",
            "8–12 Novembre 2021",
        ] {
            assert_eq!(
                Period::read(text),
                Err(PeriodProblem::Unreadable),
                "{text:?}"
            );
        }
    }

    #[test]
    fn impossible_days_and_reversed_halves_say_so() {
        assert_eq!(
            Period::read("31 February 2021"),
            Err(PeriodProblem::ImpossibleDate)
        );
        assert_eq!(
            Period::read("8–31 November 2021"),
            Err(PeriodProblem::ImpossibleDate)
        );
        assert_eq!(
            Period::read("2021 m. vasario 29 d."),
            Err(PeriodProblem::ImpossibleDate)
        );
        assert_eq!(
            Period::read("21/13/2020"),
            Err(PeriodProblem::ImpossibleDate)
        );
        assert_eq!(
            Period::read("12–8 November 2021"),
            Err(PeriodProblem::EndBeforeStart)
        );
        assert_eq!(
            Period::read("2022 m. liepos 8–4 d."),
            Err(PeriodProblem::EndBeforeStart)
        );
        assert_eq!(
            Period::read("12 November 2021 – 8 November 2021"),
            Err(PeriodProblem::EndBeforeStart)
        );
        assert_eq!(read("29 February 2020"), "2020-02-29..2020-02-29");
    }

    #[test]
    fn readings_that_disagree_are_unreadable() {
        // No form now gives one text two periods; if one ever did, neither is taken.
        let a = Period::parse("8 November 2021").unwrap();
        let b = Period::parse("9 November 2021").unwrap();
        assert_eq!(agreed(vec![Ok(a), Ok(a)]), Ok(a));
        assert_eq!(agreed(vec![Ok(a), Ok(b)]), Err(PeriodProblem::Unreadable));
        assert_eq!(
            agreed(vec![Ok(a), Err(PeriodProblem::ImpossibleDate)]),
            Err(PeriodProblem::Unreadable)
        );
        assert_eq!(agreed(Vec::new()), Err(PeriodProblem::Unreadable));
    }

    #[test]
    fn problems_read_as_short_phrases() {
        assert_eq!(
            PeriodProblem::Unreadable.to_string(),
            "not a date form bireport reads"
        );
        assert_eq!(PeriodProblem::ImpossibleDate.to_string(), "no such date");
        assert_eq!(
            PeriodProblem::EndBeforeStart.to_string(),
            "the end comes before the start"
        );
    }

    mod properties {
        use proptest::prelude::*;
        use time::{Date, Duration, Month};

        use super::super::{Period, PeriodProblem};

        const ENGLISH: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const GENITIVE: [&str; 12] = [
            "sausio",
            "vasario",
            "kovo",
            "balandžio",
            "gegužės",
            "birželio",
            "liepos",
            "rugpjūčio",
            "rugsėjo",
            "spalio",
            "lapkričio",
            "gruodžio",
        ];
        const NOMINATIVE: [&str; 12] = [
            "sausis",
            "vasaris",
            "kovas",
            "balandis",
            "gegužė",
            "birželis",
            "liepa",
            "rugpjūtis",
            "rugsėjis",
            "spalis",
            "lapkritis",
            "gruodis",
        ];
        const LITHUANIAN_SHORT: [&str; 12] = [
            "saus", "vas", "kov", "bal", "geg", "birž", "liep", "rugpj", "rugs", "spal", "lapkr",
            "gruod",
        ];
        const DASHES: [&str; 7] = ["-", "–", "—", "‒", "−", "to", "iki"];

        /// How one rendering spells what a form leaves open; each field an index into
        /// the choices, drawn at random.
        #[derive(Debug, Clone)]
        struct Spelling {
            english: usize,
            lithuanian: usize,
            ascii: bool,
            case: usize,
            year_mark: usize,
            day_mark: usize,
            month_mark: bool,
            ordinal: bool,
            comma: bool,
            spaced: bool,
            padded: bool,
            trailing: usize,
        }

        fn spelling() -> impl Strategy<Value = Spelling> {
            (
                (
                    0..4usize,
                    0..4usize,
                    any::<bool>(),
                    0..3usize,
                    0..3usize,
                    0..3usize,
                ),
                (
                    any::<bool>(),
                    any::<bool>(),
                    any::<bool>(),
                    any::<bool>(),
                    any::<bool>(),
                ),
                0..3usize,
            )
                .prop_map(
                    |(
                        (english, lithuanian, ascii, case, year_mark, day_mark),
                        (month_mark, ordinal, comma, spaced, padded),
                        trailing,
                    )| Spelling {
                        english,
                        lithuanian,
                        ascii,
                        case,
                        year_mark,
                        day_mark,
                        month_mark,
                        ordinal,
                        comma,
                        spaced,
                        padded,
                        trailing,
                    },
                )
        }

        /// A day from 2000 to 2035, often a late-December one so that periods cross the
        /// new year.
        fn start_day() -> impl Strategy<Value = Date> {
            let first = Date::from_calendar_date(2000, Month::January, 1).unwrap();
            let last = Date::from_calendar_date(2035, Month::December, 31).unwrap();
            prop_oneof![
                (first.to_julian_day()..=last.to_julian_day())
                    .prop_map(|day| Date::from_julian_day(day).unwrap()),
                (2000..=2035i32, 1..=31u8).prop_map(|(year, day)| {
                    Date::from_calendar_date(year, Month::December, day).unwrap()
                }),
            ]
        }

        fn period() -> impl Strategy<Value = Period> {
            (start_day(), 0..=60i64).prop_map(|(start, days)| Period {
                start,
                end: start + Duration::days(days),
            })
        }

        fn english_name(month: usize, s: &Spelling) -> String {
            let full = ENGLISH[month - 1];
            match s.english {
                0 => full.to_string(),
                1 => full[..3].to_string(),
                2 => format!("{}.", &full[..3]),
                _ if month == 9 => "Sept.".to_string(),
                _ => full.to_lowercase(),
            }
        }

        fn lithuanian_name(month: usize, s: &Spelling) -> String {
            let name = match s.lithuanian {
                0 => GENITIVE[month - 1].to_string(),
                1 => NOMINATIVE[month - 1].to_string(),
                2 => LITHUANIAN_SHORT[month - 1].to_string(),
                _ => format!("{}.", LITHUANIAN_SHORT[month - 1]),
            };
            let name = if s.ascii {
                without_lithuanian_letters(&name)
            } else {
                name
            };
            if s.month_mark {
                format!("{name} mėn.")
            } else {
                name
            }
        }

        fn without_lithuanian_letters(text: &str) -> String {
            text.chars()
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

        fn ordinal(day: u8) -> &'static str {
            match (day % 10, day % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            }
        }

        /// Every form of the period, with each dash, in the spelling drawn.
        fn renderings(period: Period, s: &Spelling) -> Vec<String> {
            let (sy, sm, sd) = parts(period.start);
            let (ey, em, ed) = parts(period.end);
            let same_month = sy == ey && sm == em;
            // With at most 60 days, a half's year is always the other's or next to it,
            // so either half may leave it out; checked anyway, as the rule reads.
            let start_year_implied = (sy == ey && sm <= em) || (sy + 1 == ey && sm > em);
            let end_year_implied = start_year_implied;

            let en_day = |d: u8| {
                if s.ordinal {
                    format!("{d}{}", ordinal(d))
                } else {
                    d.to_string()
                }
            };
            let (sdn, edn) = (en_day(sd), en_day(ed));
            let (sen, een) = (english_name(sm, s), english_name(em, s));
            let (slt, elt) = (lithuanian_name(sm, s), lithuanian_name(em, s));
            let comma = if s.comma { "," } else { "" };
            let year_mark = ["", " m.", "m."][s.year_mark];
            let day_mark = ["", " d.", "d."][s.day_mark];
            let lt_year = |y: i32| format!("{y}{year_mark} ");
            let lt_day = |d: u8| format!("{d}{day_mark}");
            let num = |n: u8| {
                if s.padded {
                    format!("{n:02}")
                } else {
                    n.to_string()
                }
            };

            let mut texts = Vec::new();
            for dash in DASHES {
                let d = if dash.len() == 2 || dash == "iki" || s.spaced {
                    format!(" {dash} ")
                } else {
                    dash.to_string()
                };
                // English, day first.
                texts.push(format!("{sdn} {sen} {sy}{d}{edn} {een} {ey}"));
                if start_year_implied {
                    texts.push(format!("{sdn} {sen}{d}{edn} {een} {ey}"));
                }
                if end_year_implied {
                    texts.push(format!("{sdn} {sen} {sy}{d}{edn} {een}"));
                }
                if same_month {
                    texts.push(format!("{sdn}{d}{edn} {een} {ey}"));
                }
                // English, month first.
                texts.push(format!("{sen} {sdn}{comma} {sy}{d}{een} {edn}{comma} {ey}"));
                if start_year_implied {
                    texts.push(format!("{sen} {sdn}{d}{een} {edn}{comma} {ey}"));
                }
                if same_month {
                    texts.push(format!("{sen} {sdn}{d}{edn}{comma} {ey}"));
                }
                // Lithuanian.
                let (ly, lsd, led) = (lt_year(sy), lt_day(sd), lt_day(ed));
                texts.push(format!("{ly}{slt} {lsd}{d}{}{elt} {led}", lt_year(ey)));
                if end_year_implied {
                    texts.push(format!("{ly}{slt} {lsd}{d}{elt} {led}"));
                }
                if start_year_implied {
                    texts.push(format!("{slt} {lsd}{d}{}{elt} {led}", lt_year(ey)));
                }
                if same_month {
                    texts.push(format!("{ly}{slt} {sd}{d}{led}"));
                    texts.push(format!("{ly}{slt} {lsd}{d}{led}"));
                    for sep in ["/", ".", "-"] {
                        texts.push(format!(
                            "{}{d}{}{sep}{}{sep}{ey}",
                            num(sd),
                            num(ed),
                            num(em as u8)
                        ));
                        texts.push(format!("{sy}{sep}{:02}{sep}{:02}{d}{}", sm, sd, num(ed)));
                    }
                }
                // Numeric.
                for sep in ["/", ".", "-"] {
                    let (sd2, sm2, ed2, em2) = (num(sd), num(sm as u8), num(ed), num(em as u8));
                    texts.push(format!(
                        "{sd2}{sep}{sm2}{sep}{sy}{d}{ed2}{sep}{em2}{sep}{ey}"
                    ));
                    texts.push(format!(
                        "{sy}{sep}{:02}{sep}{:02}{d}{ey}{sep}{:02}{sep}{:02}",
                        sm, sd, em, ed
                    ));
                    if sep != "-" && start_year_implied {
                        texts.push(format!("{sd2}{sep}{sm2}{d}{ed2}{sep}{em2} {ey}"));
                        texts.push(format!("{sd2}{sep}{sm2}{d}{ed2}{sep}{em2}{sep}{ey}"));
                    }
                    if sep != "-" && end_year_implied {
                        texts.push(format!("{sd2}{sep}{sm2}{sep}{sy}{d}{ed2}{sep}{em2}"));
                    }
                }
            }
            finished(texts, s)
        }

        /// Every form of one day, in the spelling drawn.
        fn day_renderings(day: Date, s: &Spelling) -> Vec<String> {
            let (y, m, d) = parts(day);
            let english_day = if s.ordinal {
                format!("{d}{}", ordinal(d))
            } else {
                d.to_string()
            };
            let (en, lt) = (english_name(m, s), lithuanian_name(m, s));
            let comma = if s.comma { "," } else { "" };
            let year_mark = ["", " m.", "m."][s.year_mark];
            let day_mark = ["", " d.", "d."][s.day_mark];
            let num = |n: usize| {
                if s.padded {
                    format!("{n:02}")
                } else {
                    n.to_string()
                }
            };
            let mut texts = vec![
                format!("{english_day} {en} {y}"),
                format!("{en} {english_day}{comma} {y}"),
                format!("{y}{year_mark} {lt} {d}{day_mark}"),
                format!("{y} {lt} {d}"),
                format!("{}/{} {y}", num(usize::from(d)), num(m)),
            ];
            for sep in ["/", ".", "-"] {
                texts.push(format!("{}{sep}{}{sep}{y}", num(usize::from(d)), num(m)));
                texts.push(format!("{y}{sep}{m:02}{sep}{d:02}"));
            }
            finished(texts, s)
        }

        /// The texts with the trailing punctuation and the letter case drawn.
        fn finished(texts: Vec<String>, s: &Spelling) -> Vec<String> {
            let trailing = ["", ".", ","][s.trailing];
            texts
                .into_iter()
                .map(|text| {
                    let text = format!("{text}{trailing}");
                    match s.case {
                        0 => text,
                        1 => text.to_lowercase(),
                        _ => text.to_uppercase(),
                    }
                })
                .collect()
        }

        /// Every rendering of the period and of its first and last day alone, each with
        /// the period it writes.
        fn all_renderings(period: Period, s: &Spelling) -> Vec<(String, Period)> {
            let mut all: Vec<(String, Period)> = renderings(period, s)
                .into_iter()
                .map(|text| (text, period))
                .collect();
            for day in [period.start, period.end] {
                let single = Period {
                    start: day,
                    end: day,
                };
                all.extend(
                    day_renderings(day, s)
                        .into_iter()
                        .map(|text| (text, single)),
                );
            }
            all
        }

        fn parts(date: Date) -> (i32, usize, u8) {
            (date.year(), usize::from(u8::from(date.month())), date.day())
        }

        /// Words no form uses (none starts with a letter a month name or marker starts
        /// with), numbers that can be neither a day nor a year's place, and known junk.
        fn junk() -> impl Strategy<Value = String> {
            prop_oneof![
                "[cehpquwxyzCEHPQUWXYZ][a-zA-Z]{0,8}",
                "[0-9]{1,3}",
                "[0-9]{5,7}",
                Just("TBD".to_string()),
                Just("spring".to_string()),
                Just("Movember".to_string()),
                Just("approx.".to_string()),
                Just("pavasaris".to_string()),
                Just("May".to_string()),
                Just("(2 weeks)".to_string()),
                Just("to".to_string()),
                Just("m.".to_string()),
                Just("–".to_string()),
                Just("rug.".to_string()),
            ]
        }

        proptest! {
            #[test]
            fn every_form_reads_back_its_period(period in period(), s in spelling()) {
                for (text, written) in all_renderings(period, &s) {
                    prop_assert_eq!(Period::read(&text), Ok(written), "{:?}", text);
                }
            }

            #[test]
            fn junk_around_a_period_makes_it_unreadable(
                period in period(),
                s in spelling(),
                junk in junk(),
                before in any::<bool>(),
            ) {
                for (text, _) in all_renderings(period, &s) {
                    let text = if before { format!("{junk} {text}") } else { format!("{text} {junk}") };
                    prop_assert_eq!(Period::read(&text), Err(PeriodProblem::Unreadable), "{:?}", text);
                }
            }
        }
    }
}
