//! Implementation periods: parsing every date form the reports use into ISO dates.
//!
//! The reports write one period in many ways (`21/02-03/03 2020`, `21/02/2020-03/03/2020`,
//! `2020-02-21 – 2020-03-03`, `21.02.2020–03.03.2020`). Rather than one pattern per form,
//! the parser reads the sequence of numbers and decides by its shape, so any dash
//! (`-`, `–`, `—`) and any spacing work the same.

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

    /// Parses the value of an `Implementation period:` line.
    pub fn parse(text: &str) -> Option<Period> {
        parse_period(text)
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

fn ordered(start: Date, end: Date) -> Option<Period> {
    (start <= end).then_some(Period { start, end })
}

fn parse_period(text: &str) -> Option<Period> {
    let groups = number_groups(text);
    let is_year = |(_, digits): (u32, usize)| digits == 4;
    match groups.as_slice() {
        // DD/MM-DD/MM YYYY: a start month after the end month began the year before.
        [d1, m1, d2, m2, y] if is_year(*y) && !is_year(*d1) => {
            let end = make_date(y.0 as i32, m2.0, d2.0)?;
            let start_year = if m1.0 > m2.0 {
                y.0 as i32 - 1
            } else {
                y.0 as i32
            };
            ordered(make_date(start_year, m1.0, d1.0)?, end)
        }
        // YYYY-MM-DD - YYYY-MM-DD
        [y1, m1, d1, y2, m2, d2] if is_year(*y1) && is_year(*y2) => ordered(
            make_date(y1.0 as i32, m1.0, d1.0)?,
            make_date(y2.0 as i32, m2.0, d2.0)?,
        ),
        // DD/MM/YYYY-DD/MM/YYYY and DD.MM.YYYY-DD.MM.YYYY
        [d1, m1, y1, d2, m2, y2] if is_year(*y1) && is_year(*y2) => ordered(
            make_date(y1.0 as i32, m1.0, d1.0)?,
            make_date(y2.0 as i32, m2.0, d2.0)?,
        ),
        // A single day.
        [y, m, d] if is_year(*y) => {
            let day = make_date(y.0 as i32, m.0, d.0)?;
            ordered(day, day)
        }
        [d, m, y] if is_year(*y) => {
            let day = make_date(y.0 as i32, m.0, d.0)?;
            ordered(day, day)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Option<String> {
        Period::parse(text).map(|p| p.to_string())
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
}
