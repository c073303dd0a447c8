//! Printing: typed results → text for people, or JSON for scripts.
//!
//! A [`Printer`] writes to any writer, coloured or not, at a given width: the commands
//! hand it stdout, tests a buffer. Matched words are highlighted in colour on a terminal
//! (or with `--color always`); otherwise the text is printed as written, so `grep` finds
//! in piped output what is in the record (as ripgrep does). Match positions are in the
//! JSON. Text wraps to the width (`COLUMNS`, else the terminal's).
//!
//! One file per family of views: [`search`] (hits, facets, counts), [`record`] (`show`,
//! `counterpart`), [`pairs`] (pairs, review), [`reports`] (index, check, eval, bench);
//! [`style`] holds the colours and the wrapping they share.

mod pairs;
mod record;
mod reports;
mod search;
mod style;

use std::io::{self, BufWriter, Write};

use serde::Serialize;

use super::Context;
use style::Style;

/// Indent of the lines under a heading line.
const INDENT: &str = "    ";

/// Writes views as text to `out`.
pub struct Printer<W: Write> {
    out: W,
    style: Style,
    /// Columns to fit.
    width: usize,
}

impl<W: Write> Printer<W> {
    /// A printer to `out`, in colour or not, fitting `width` columns.
    pub fn new(out: W, color: bool, width: usize) -> Printer<W> {
        Printer {
            out,
            style: Style { color },
            width,
        }
    }

    /// The writer, once printing is done.
    #[cfg(test)]
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl Printer<BufWriter<io::StdoutLock<'static>>> {
    /// A printer to stdout with the context's colour choice, at the terminal's width.
    pub fn stdout(context: &Context) -> Self {
        Printer::new(
            BufWriter::new(io::stdout().lock()),
            context.color,
            terminal_width(),
        )
    }
}

/// Prints `value` as pretty JSON and a newline.
pub fn json<T: Serialize>(value: &T) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()
}

/// Columns to fit: `COLUMNS`, else the terminal's width, else 100.
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .filter(|&c| c >= 20)
        .unwrap_or(100)
}

/// `1234567` → `1,234,567`.
pub(crate) fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printer_writes_to_any_writer_in_the_style_asked_for() {
        let stats = bireport::search::Stats {
            records: 3,
            files: 2,
            facets: bireport::search::FacetCounts {
                lang: [("en".to_string(), 2), ("lt".to_string(), 1)].into(),
                ..Default::default()
            },
        };
        let printed = |color: bool| {
            let mut printer = Printer::new(Vec::new(), color, 80);
            printer.stats(&stats, std::path::Path::new("ix")).unwrap();
            String::from_utf8(printer.into_inner()).unwrap()
        };
        assert_eq!(
            printed(false),
            "3 records from 2 files in ix\n  lang: en 2, lt 1\n"
        );
        assert_eq!(
            printed(true),
            "\x1b[1m3 records from 2 files in ix\x1b[0m\n  lang: en 2, lt 1\n"
        );
    }

    #[test]
    fn thousands_are_grouped_by_commas() {
        assert_eq!(thousands(200054), "200,054");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(54), "54");
    }
}
