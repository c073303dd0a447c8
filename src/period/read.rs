//! Reading: the halves joined into one period, or the reason there is none.

use super::forms::*;
use super::tokens::*;
use super::*;

pub(super) fn read_period(text: &str) -> Result<Period, PeriodProblem> {
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
pub(super) fn agreed(
    readings: Vec<Result<Period, PeriodProblem>>,
) -> Result<Period, PeriodProblem> {
    let (first, rest) = readings.split_first().ok_or(PeriodProblem::Unreadable)?;
    if rest.iter().all(|reading| reading == first) {
        *first
    } else {
        Err(PeriodProblem::Unreadable)
    }
}

/// A half read alone is a one-day period when it has a year and a month of its own.
pub(super) fn single_day(day: Half) -> Option<Result<Period, PeriodProblem>> {
    let date = date_of((day.year?, day.month?, day.day));
    Some(date.map(|date| Period {
        start: date,
        end: date,
    }))
}

/// The period of two halves, `None` when they are not written as one period.
pub(super) fn joined(start: Half, end: Half) -> Option<Result<Period, PeriodProblem>> {
    if !joinable(start.form, end.form) {
        return None;
    }
    let (start, end) = lend(start, end)?;
    Some(period_of(start, end))
}

/// Which halves make a period together: the same form on both sides, or a day alone
/// on the side where the month is written once for both.
pub(super) fn joinable(start: Form, end: Form) -> bool {
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
pub(super) type Written = (i32, u32, u32);

/// Both halves complete, each taking from the other what it leaves out: a half without
/// a month has the other's month and year; a half without a year has the other's, one
/// less for a start month after the end month and one more for an end month before the
/// start month (the period crossed a new year). `None` when neither has a year.
pub(super) fn lend(start: Half, end: Half) -> Option<(Written, Written)> {
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

pub(super) fn date_of((year, month, day): Written) -> Result<Date, PeriodProblem> {
    make_date(year, month, day).ok_or(PeriodProblem::ImpossibleDate)
}

pub(super) fn period_of(start: Written, end: Written) -> Result<Period, PeriodProblem> {
    let (start, end) = (date_of(start)?, date_of(end)?);
    if start <= end {
        Ok(Period { start, end })
    } else {
        Err(PeriodProblem::EndBeforeStart)
    }
}
