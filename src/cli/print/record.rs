//! One record (`show`), and a record beside its counterpart (`counterpart`): side by side
//! on a wide terminal, one after the other on a narrow one, the evidence's words marked.

use std::io::{self, Write};

use bireport::pairing::evidence::{LocatedEvidence, Marker};
use bireport::pairing::explain::Candidate;
use bireport::pairing::Side;
use bireport::record::Record;

use super::pairs::for_and_against;
use super::style::{strip_ansi, wrap_highlighted, Style};
use super::{thousands, Printer, INDENT};

impl<W: Write> Printer<W> {
    /// Prints one whole record.
    pub fn record(&mut self, record: &Record) -> io::Result<()> {
        let width = self.width.saturating_sub(INDENT.len()).max(20);
        let (out, style) = (&mut self.out, &self.style);
        let field = |out: &mut W, name: &str, value: &str| -> io::Result<()> {
            writeln!(out, "{}{value}", style.dim(&format!("{name:<14}")))
        };
        writeln!(out, "{}", style.id(&record.id))?;
        field(out, "source", &record.source)?;
        field(out, "format", record.format.as_str())?;
        field(out, "ordinal", &record.ordinal.to_string())?;
        field(out, "kind", record.kind.as_str())?;
        field(
            out,
            "language",
            &format!(
                "{} (confidence {:.2})",
                record.lang.code, record.lang.confidence
            ),
        )?;
        if let Some(title) = &record.title {
            field(out, "title", title)?;
        }
        for (n, partner) in record.partners.iter().enumerate() {
            let label = if n == 0 { "partner" } else { "" };
            let country = partner
                .country
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            field(out, label, &format!("{}{country}", partner.name))?;
        }
        if let Some(period) = &record.period {
            field(out, "period", &period.to_string())?;
        }
        let facts = &record.facts;
        for (name, value) in [
            ("project number", &facts.project_number),
            ("promoter", &facts.promoter),
            ("status", &facts.status),
            ("target groups", &facts.target_groups),
            ("carried out in", &facts.location),
        ] {
            if let Some(value) = value {
                field(out, name, value)?;
            }
        }
        for (name, value) in [
            ("initial cost", facts.costs.initial),
            ("final cost", facts.costs.final_cost),
            ("grant", facts.costs.grant),
        ] {
            if let Some(value) = value {
                field(out, name, &format!("€{}", thousands(value)))?;
            }
        }
        if let Some(counterpart) = &record.counterpart {
            field(
                out,
                "counterpart",
                &format!("{} (score {:.2})", counterpart.id, counterpart.score),
            )?;
        }
        for section in &record.sections {
            writeln!(out)?;
            if !section.label.is_empty() {
                writeln!(out, "{}", style.bold(&section.label))?;
            }
            for paragraph in section.text.split("\n\n") {
                for line in paragraph.lines() {
                    for wrapped in wrap_highlighted(line, &[], width, style) {
                        writeln!(out, "{INDENT}{wrapped}")?;
                    }
                }
                writeln!(out)?;
            }
        }
        out.flush()
    }

    /// Prints a record and its counterpart: side by side on a wide terminal, else one after
    /// the other, with the score and evidence first.
    pub fn counterpart(
        &mut self,
        record: &Record,
        counterpart: Option<&Record>,
        score: Option<f64>,
        evidence: &[LocatedEvidence],
        candidates: &[Candidate],
        no_candidates: Option<&str>,
    ) -> io::Result<()> {
        let width = self.width;
        let (out, style) = (&mut self.out, &self.style);
        let marker = |record: &Record| {
            let items = evidence.iter().map(|item| &item.evidence);
            Marker::new(items, Side::of_language(&record.lang.code))
        };
        let Some(other) = counterpart else {
            writeln!(
                out,
                "{} has no counterpart in the other language.",
                style.bold(&record.id)
            )?;
            if let Some(reason) = no_candidates {
                writeln!(out, "No candidate: {reason}.")?;
            }
            if !candidates.is_empty() {
                writeln!(out, "Closest candidates:")?;
            }
            for candidate in candidates {
                writeln!(
                    out,
                    "  {}  {}",
                    style.bold(&candidate.id),
                    style.dim(&format!("score {:.2}", candidate.score))
                )?;
                for_and_against(out, &candidate.evidence, &candidate.missing)?;
            }
            writeln!(out)?;
            for line in record_lines(record, width, &marker(record), style) {
                writeln!(out, "{line}")?;
            }
            return out.flush();
        };
        writeln!(
            out,
            "{}  ↔  {}  {}",
            style.bold(&record.id),
            style.bold(&other.id),
            style.dim(&format!("score {:.2}", score.unwrap_or_default()))
        )?;
        for item in evidence {
            let (line, ranges) = item.evidence.marked_text();
            writeln!(
                out,
                "  • {}",
                wrap_highlighted(&line, &ranges, width.saturating_sub(4), style).join(" ")
            )?;
        }
        writeln!(out)?;
        if width >= SIDE_BY_SIDE_MIN {
            let column = (width - 3) / 2;
            let left = record_lines(record, column, &marker(record), style);
            let right = record_lines(other, column, &marker(other), style);
            for n in 0..left.len().max(right.len()) {
                let l = left.get(n).map(String::as_str).unwrap_or("");
                let r = right.get(n).map(String::as_str).unwrap_or("");
                let pad = column.saturating_sub(strip_ansi(l).chars().count());
                writeln!(out, "{l}{}{}{r}", " ".repeat(pad), style.dim(" │ "))?;
            }
        } else {
            for line in record_lines(record, width, &marker(record), style) {
                writeln!(out, "{line}")?;
            }
            writeln!(out, "\n{}\n", style.dim(&"─".repeat(width.min(60))))?;
            for line in record_lines(other, width, &marker(other), style) {
                writeln!(out, "{line}")?;
            }
        }
        out.flush()
    }
}

/// Columns needed to show two records side by side.
const SIDE_BY_SIDE_MIN: usize = 100;

/// A record as lines of at most `width` columns, the evidence's words highlighted.
fn record_lines(record: &Record, width: usize, marker: &Marker, style: &Style) -> Vec<String> {
    let mut lines = vec![format!(
        "{} {}",
        style.id(&record.id),
        style.dim(&format!("[{}]", record.lang.code))
    )];
    let mut about = Vec::new();
    for partner in &record.partners {
        about.push(partner.name.clone());
    }
    if let Some(country) = &record.country {
        about.push(country.clone());
    }
    if let Some(period) = &record.period {
        about.push(period.to_string());
    }
    for item in about {
        lines.extend(wrap_highlighted(&item, &marker.ranges(&item), width, style));
    }
    for section in &record.sections {
        lines.push(String::new());
        if !section.label.is_empty() {
            lines.push(style.bold(&section.label));
        }
        for paragraph in section.text.split("\n\n") {
            let flat = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
            lines.extend(wrap_highlighted(&flat, &marker.ranges(&flat), width, style));
        }
    }
    lines
}
