//! Implementation periods: reading every date form the reports use into ISO dates.
//!
//! The reports write one period in many ways: numeric (`21/02-03/03 2020`,
//! `21/02/2020-03/03/2020`, `2020-02-21 – 2020-03-03`, `21.02.2020–03.03.2020`,
//! `8–12.11.2021`, `2020 02 21–24`), with English month names (`8–12 November 2021`,
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

mod forms;
mod read;
mod tokens;

use read::read_period;

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

pub(crate) fn make_date(year: i32, month: u32, day: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
}

#[cfg(test)]
mod tests;
