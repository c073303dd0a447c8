//! Search results and index counts: hits with their snippets, then facet counts.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use bireport::search::{Facet, FacetCounts, Hit, SearchResults, Stats};
use bireport::text::shorten;

use super::style::{holding, wrap_highlighted, Style};
use super::{Printer, INDENT};

impl<W: Write> Printer<W> {
    /// Prints search hits, then facet counts.
    pub fn search_results(&mut self, results: &SearchResults, offset: usize) -> io::Result<()> {
        let width = self.width.saturating_sub(INDENT.len()).max(20);
        let (out, style) = (&mut self.out, &self.style);
        let translated = !results.expanded.is_empty();
        if translated {
            let added: Vec<&str> = results
                .expanded
                .iter()
                .flat_map(|e| e.also.iter().map(String::as_str))
                .collect();
            writeln!(
                out,
                "{}",
                style.dim(&format!("also searched: {}", added.join(", ")))
            )?;
            writeln!(out)?;
        }
        for (n, hit) in results.hits.iter().enumerate() {
            write_hit(out, style, width, offset + n + 1, hit, translated)?;
        }
        let shown = results.hits.len();
        let summary = match results.total {
            1 => "1 record matches".to_string(),
            n => format!("{n} records match"),
        };
        let page = if shown > 0 && shown < results.total {
            format!(" (showing {}–{})", offset + 1, offset + shown)
        } else {
            String::new()
        };
        writeln!(out, "{}", style.bold(&format!("{summary}{page}")))?;
        for line in facet_summary(&results.facets) {
            writeln!(out, "  {}", style.dim(&line))?;
        }
        out.flush()
    }

    /// Prints index counts.
    pub fn stats(&mut self, stats: &Stats, index_dir: &Path) -> io::Result<()> {
        let (out, style) = (&mut self.out, &self.style);
        writeln!(
            out,
            "{}",
            style.bold(&holding(stats.records, stats.files, index_dir))
        )?;
        for line in facet_summary(&stats.facets) {
            writeln!(out, "  {line}")?;
        }
        out.flush()
    }
}

fn write_hit(
    out: &mut impl Write,
    style: &Style,
    width: usize,
    rank: usize,
    hit: &Hit,
    translated: bool,
) -> io::Result<()> {
    writeln!(
        out,
        "{rank}. {}  {}",
        style.id(&hit.id),
        style.dim(&format!(
            "[{}] {}  score {:.2}",
            hit.lang, hit.kind, hit.score
        ))
    )?;
    // Title or partner, shortened so the line fits; then country and period.
    let mut facts = Vec::new();
    if let Some(country) = &hit.country {
        facts.push(country.clone());
    }
    if let Some(period) = &hit.period {
        facts.push(period.to_string());
    }
    let room = facts.iter().map(|f| f.chars().count() + 3).sum::<usize>();
    let name = hit.title.as_ref().or(hit.partner.as_ref());
    let mut about = Vec::new();
    if let Some(name) = name {
        about.push(style.bold(&shorten(name, width.saturating_sub(room).max(20))));
    }
    about.extend(facts);
    if !about.is_empty() {
        writeln!(out, "{INDENT}{}", about.join(" · "))?;
    }
    if let Some(counterpart) = &hit.counterpart {
        let note = if hit.via_counterpart {
            " (matched through it)"
        } else {
            ""
        };
        writeln!(
            out,
            "{INDENT}{} {}{}",
            style.dim("↔"),
            counterpart,
            style.dim(note)
        )?;
    }
    for line in wrap_highlighted(&hit.snippet_text, &hit.highlights, width, style) {
        writeln!(out, "{INDENT}{line}")?;
    }
    // Which form matched, where a translation may have been the one.
    if translated && !hit.matched.is_empty() {
        writeln!(
            out,
            "{INDENT}{}",
            style.dim(&format!("matched: {}", hit.matched.join(", ")))
        )?;
    }
    writeln!(out)
}

fn facet_line(name: &str, counts: &BTreeMap<String, u64>) -> Option<String> {
    if counts.is_empty() {
        return None;
    }
    let items: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
    Some(format!("{name}: {}", items.join(", ")))
}

fn facet_summary(facets: &FacetCounts) -> Vec<String> {
    Facet::ALL
        .into_iter()
        .filter_map(|facet| facet_line(facet.name(), facets.of(facet)))
        .collect()
}
