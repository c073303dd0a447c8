//! Forms: each half of a period read against the date forms the reports use.

use super::tokens::*;

/// How a half of a period is written, which decides what the other half may lend it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
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
pub(super) struct Half {
    pub(super) year: Option<i32>,
    pub(super) month: Option<u32>,
    pub(super) day: u32,
    pub(super) form: Form,
}

/// A reading position in the tokens; copied to try a form, so a form that does not fit
/// consumes nothing.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cursor<'a> {
    pub(super) tokens: &'a [Token],
    pub(super) at: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(tokens: &'a [Token]) -> Self {
        Cursor { tokens, at: 0 }
    }

    pub(super) fn done(&self) -> bool {
        self.at == self.tokens.len()
    }

    /// Takes the next token if `wanted` gives a value for it.
    pub(super) fn take<T>(&mut self, wanted: impl Fn(Token) -> Option<T>) -> Option<T> {
        let value = wanted(*self.tokens.get(self.at)?)?;
        self.at += 1;
        Some(value)
    }

    /// Takes `token` if it is next; for the optional parts of a form.
    pub(super) fn skip(&mut self, token: Token) -> bool {
        self.take(|t| (t == token).then_some(())).is_some()
    }

    /// Takes `token`, which the form needs.
    pub(super) fn need(&mut self, token: Token) -> Option<()> {
        self.take(|t| (t == token).then_some(()))
    }

    /// A day or a numeric month: one or two digits.
    pub(super) fn small(&mut self) -> Option<u32> {
        self.take(|t| match t {
            Token::Number {
                value,
                digits: 1 | 2,
            } => Some(value),
            _ => None,
        })
    }

    /// A year: four digits.
    pub(super) fn year(&mut self) -> Option<i32> {
        self.take(|t| match t {
            Token::Number { value, digits: 4 } => i32::try_from(value).ok(),
            _ => None,
        })
    }

    pub(super) fn month_name(&mut self) -> Option<u32> {
        self.take(|t| match t {
            Token::Month(month) => Some(u32::from(month)),
            _ => None,
        })
    }

    pub(super) fn dash(&mut self) -> bool {
        self.take(|t| matches!(t, Token::Dash { .. }).then_some(()))
            .is_some()
    }

    /// A separator inside a numeric date: `/`, `.` or a hyphen.
    pub(super) fn date_separator(&mut self) -> Option<Token> {
        self.take(|t| {
            matches!(t, Token::Slash | Token::Dot | Token::Dash { hyphen: true }).then_some(t)
        })
    }

    /// A year after a day or month, maybe after a comma (`November 8, 2021`); taken only
    /// when there is one.
    pub(super) fn trailing_year(&mut self) -> Option<i32> {
        let mut ahead = *self;
        ahead.skip(Token::Comma);
        let year = ahead.year()?;
        *self = ahead;
        Some(year)
    }
}

/// Reads one half in one form: the half and the cursor after it, `None` if it does not fit.
pub(super) type FormReader = fn(Cursor) -> Option<(Half, Cursor)>;

/// Every form a half can take. More than one may fit the same tokens (`liepos 4` is
/// Lithuanian and month-first English); the readings are then compared, never ranked.
pub(super) const FORMS: [FormReader; 7] = [
    year_month_day,
    day_month_year,
    day_month,
    day_name,
    name_day,
    lithuanian,
    day,
];

pub(super) fn half(year: Option<i32>, month: Option<u32>, day: u32, form: Form) -> Half {
    Half {
        year,
        month,
        day,
        form,
    }
}

/// `2020-02-21`: the same separator twice; or none, `2020 02 21` (a four-digit year first
/// leaves only the ISO order).
pub(super) fn year_month_day(mut c: Cursor) -> Option<(Half, Cursor)> {
    let year = c.year()?;
    let separator = c.date_separator();
    let month = c.small()?;
    if let Some(separator) = separator {
        c.need(separator)?;
    }
    let day = c.small()?;
    Some((half(Some(year), Some(month), day, Form::YearMonthDay), c))
}

/// `21/02/2020`: the same separator twice.
pub(super) fn day_month_year(mut c: Cursor) -> Option<(Half, Cursor)> {
    let day = c.small()?;
    let separator = c.date_separator()?;
    let month = c.small()?;
    c.need(separator)?;
    let year = c.year()?;
    Some((half(Some(year), Some(month), day, Form::DayMonthYear), c))
}

/// `21/02` or `21.02`, and `21/02 2020`. Not `21-02`: a hyphen between two small numbers
/// is the range of days `21–02`, never a day and month.
pub(super) fn day_month(mut c: Cursor) -> Option<(Half, Cursor)> {
    let day = c.small()?;
    c.take(|t| matches!(t, Token::Slash | Token::Dot).then_some(()))?;
    let month = c.small()?;
    let year = c.trailing_year();
    Some((half(year, Some(month), day, Form::DayMonth), c))
}

/// `8 November 2021`, `8th Nov.`, `8 November, 2021`.
pub(super) fn day_name(mut c: Cursor) -> Option<(Half, Cursor)> {
    let day = c.small()?;
    c.skip(Token::Ordinal);
    let month = c.month_name()?;
    let year = c.trailing_year();
    Some((half(year, Some(month), day, Form::DayName), c))
}

/// `November 8, 2021`, `Nov 8th 2021`, `November 8`.
pub(super) fn name_day(mut c: Cursor) -> Option<(Half, Cursor)> {
    let month = c.month_name()?;
    let day = c.small()?;
    c.skip(Token::Ordinal);
    let year = c.trailing_year();
    Some((half(year, Some(month), day, Form::NameDay), c))
}

/// `2022 m. liepos 4 d.`, `2022 m. liepos mėn. 4 d.`, `2022 liepos 4`, `rugpjūčio 3 d.`:
/// the year first, every marker optional.
pub(super) fn lithuanian(mut c: Cursor) -> Option<(Half, Cursor)> {
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
pub(super) fn day(mut c: Cursor) -> Option<(Half, Cursor)> {
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
pub(super) fn halves<'a>(c: Cursor<'a>) -> impl Iterator<Item = (Half, Cursor<'a>)> {
    FORMS.into_iter().filter_map(move |read| read(c))
}
