//! Rendering: typed results → text for people or JSON for scripts.
//!
//! Text goes through one buffered stdout lock. Matched words are highlighted in colour on
//! a terminal (or with `--color always`); otherwise the text is printed as written, so
//! `grep` finds in piped output what is in the record (as ripgrep does). Match positions
//! are in the JSON. Snippets wrap to the terminal width (`COLUMNS`).

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};

use serde::Serialize;

use bireport::pairing::explain::Candidate;
use bireport::pipeline::IndexReport;
use bireport::record::Record;
use bireport::search::{FacetCounts, Hit, SearchResults, Stats};
use bireport::text::shorten;

use super::Context;

const INDENT: &str = "    ";

/// The style for `context` and a buffered, locked stdout.
fn begin(context: &Context) -> (Style, BufWriter<io::StdoutLock<'static>>) {
    let style = Style {
        color: context.color,
    };
    (style, BufWriter::new(io::stdout().lock()))
}

/// Prints `value` as pretty JSON and a newline.
pub fn json<T: Serialize>(value: &T) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()
}

/// ANSI styles, or none.
struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
    fn id(&self, text: &str) -> String {
        self.paint("1;35", text)
    }
    fn highlight(&self, text: &str) -> String {
        self.paint("1;31", text)
    }
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

/// Word-wraps `text` (highlight byte ranges given) to `width` visible columns.
fn wrap_highlighted(
    text: &str,
    highlights: &[[usize; 2]],
    width: usize,
    style: &Style,
) -> Vec<String> {
    // Words with, per word, whether it lies in a highlight.
    let mut words: Vec<(String, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let lit = highlights.iter().any(|[from, to]| s < *to && i > *from);
                words.push((render_word(&text[s..i], s, highlights, style), lit));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    let visible = |w: &str| strip_ansi(w).chars().count();
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for (word, _) in words {
        let len = visible(&word);
        if used > 0 && used + 1 + len > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        line.push_str(&word);
        used += len;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// One word, with the highlighted parts styled.
fn render_word(word: &str, offset: usize, highlights: &[[usize; 2]], style: &Style) -> String {
    let end = offset + word.len();
    let mut out = String::new();
    let mut at = offset;
    for [from, to] in highlights {
        let (from, to) = ((*from).max(offset), (*to).min(end));
        if from >= to || from < at {
            continue;
        }
        out.push_str(&word[at - offset..from - offset]);
        out.push_str(&style.highlight(&word[from - offset..to - offset]));
        at = to;
    }
    out.push_str(&word[at - offset..]);
    out
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn facet_line(name: &str, counts: &BTreeMap<String, u64>) -> Option<String> {
    if counts.is_empty() {
        return None;
    }
    let items: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
    Some(format!("{name}: {}", items.join(", ")))
}

fn facet_summary(facets: &FacetCounts) -> Vec<String> {
    [
        facet_line("lang", &facets.lang),
        facet_line("country", &facets.country),
        facet_line("year", &facets.year),
        facet_line("kind", &facets.kind),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Prints search hits, then facet counts.
pub fn search_results(context: &Context, results: &SearchResults, offset: usize) -> io::Result<()> {
    let style = Style {
        color: context.color,
    };
    let width = terminal_width().saturating_sub(INDENT.len()).max(20);
    for hint in &results.hints {
        context.notice(format_args!("hint: {hint}"));
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
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
        write_hit(&mut out, &style, width, offset + n + 1, hit, translated)?;
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

/// Prints one whole record.
pub fn record(context: &Context, record: &Record) -> io::Result<()> {
    let (style, mut out) = begin(context);
    let field = |out: &mut BufWriter<_>, name: &str, value: &str| -> io::Result<()> {
        writeln!(out, "{}{value}", style.dim(&format!("{name:<14}")))
    };
    writeln!(out, "{}", style.id(&record.id))?;
    field(&mut out, "source", &record.source)?;
    field(&mut out, "format", record.format.as_str())?;
    field(&mut out, "ordinal", &record.ordinal.to_string())?;
    field(&mut out, "kind", record.kind.as_str())?;
    field(
        &mut out,
        "language",
        &format!(
            "{} (confidence {:.2})",
            record.lang.code, record.lang.confidence
        ),
    )?;
    if let Some(title) = &record.title {
        field(&mut out, "title", title)?;
    }
    for (n, partner) in record.partners.iter().enumerate() {
        let label = if n == 0 { "partner" } else { "" };
        let country = partner
            .country
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        field(&mut out, label, &format!("{}{country}", partner.name))?;
    }
    if let Some(period) = &record.period {
        field(&mut out, "period", &period.to_string())?;
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
            field(&mut out, name, value)?;
        }
    }
    for (name, value) in [
        ("initial cost", facts.costs.initial),
        ("final cost", facts.costs.final_cost),
        ("grant", facts.costs.grant),
    ] {
        if let Some(value) = value {
            field(&mut out, name, &format!("€{}", thousands(value)))?;
        }
    }
    if let Some(counterpart) = &record.counterpart {
        field(
            &mut out,
            "counterpart",
            &format!("{} (score {:.2})", counterpart.id, counterpart.score),
        )?;
    }
    let width = terminal_width().saturating_sub(INDENT.len()).max(20);
    for section in &record.sections {
        writeln!(out)?;
        if !section.label.is_empty() {
            writeln!(out, "{}", style.bold(&section.label))?;
        }
        for paragraph in section.text.split("\n\n") {
            for line in paragraph.lines() {
                for wrapped in wrap_highlighted(line, &[], width, &style) {
                    writeln!(out, "{INDENT}{wrapped}")?;
                }
            }
            writeln!(out)?;
        }
    }
    out.flush()
}

/// Columns needed to show two records side by side.
const SIDE_BY_SIDE_MIN: usize = 100;

/// The words the evidence names, to highlight in both texts: quoted names, glossary
/// words, names shared by the texts.
fn evidence_terms(evidence: &[String]) -> Vec<String> {
    let mut terms = Vec::new();
    for line in evidence {
        for (n, part) in line.split('"').enumerate() {
            if n % 2 == 1 && !part.trim().is_empty() {
                terms.push(part.to_string());
            }
        }
        if let Some(words) = line.strip_prefix("glossary: ") {
            terms.extend(words.split(" = ").map(str::to_string));
        }
        if let Some(names) = line.strip_prefix("names in both texts: ") {
            terms.extend(names.split(", ").map(str::to_string));
        }
    }
    terms.retain(|t| t.chars().count() >= 3);
    terms
}

/// Byte ranges of `terms` in `text`, case-insensitively, for words starting with them
/// (so `festival` marks `festivalis` and `festivals`).
fn term_ranges(text: &str, terms: &[String]) -> Vec<[usize; 2]> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return Vec::new(); // lowercasing moved offsets: no highlights rather than wrong ones
    }
    let mut ranges = Vec::new();
    for term in terms {
        let needle = term.to_lowercase();
        let stem: String = needle
            .chars()
            .take(needle.chars().count().clamp(3, 6))
            .collect();
        let mut from = 0;
        while let Some(at) = lower[from..].find(&stem) {
            let start = from + at;
            let word_start = start == 0
                || !lower[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            let end = lower[start..]
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(lower.len(), |(i, _)| start + i);
            if word_start {
                ranges.push([start, end]);
            }
            from = end.max(start + stem.len());
        }
    }
    ranges.sort_unstable();
    ranges.dedup();
    // Drop overlaps.
    let mut merged: Vec<[usize; 2]> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range[0] < last[1] => last[1] = last[1].max(range[1]),
            _ => merged.push(range),
        }
    }
    merged
}

/// A record as lines of at most `width` columns, evidence terms highlighted.
fn record_lines(record: &Record, width: usize, terms: &[String], style: &Style) -> Vec<String> {
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
        lines.extend(wrap_highlighted(
            &item,
            &term_ranges(&item, terms),
            width,
            style,
        ));
    }
    for section in &record.sections {
        lines.push(String::new());
        if !section.label.is_empty() {
            lines.push(style.bold(&section.label));
        }
        for paragraph in section.text.split("\n\n") {
            let flat = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
            lines.extend(wrap_highlighted(
                &flat,
                &term_ranges(&flat, terms),
                width,
                style,
            ));
        }
    }
    lines
}

/// Prints a record and its counterpart: side by side on a wide terminal, else one after
/// the other, with the score and evidence first.
pub fn counterpart(
    context: &Context,
    record: &Record,
    counterpart: Option<&Record>,
    score: Option<f64>,
    evidence: &[String],
    candidates: &[Candidate],
    no_candidates: Option<&str>,
) -> io::Result<()> {
    let style = Style {
        color: context.color,
    };
    let width = terminal_width();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let terms = evidence_terms(evidence);
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
            for_and_against(&mut out, &candidate.evidence, &candidate.missing)?;
        }
        writeln!(out)?;
        for line in record_lines(record, width, &terms, &style) {
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
    for line in evidence {
        let ranges = term_ranges(line, &terms);
        writeln!(
            out,
            "  • {}",
            wrap_highlighted(line, &ranges, width.saturating_sub(4), &style).join(" ")
        )?;
    }
    writeln!(out)?;
    if width >= SIDE_BY_SIDE_MIN {
        let column = (width - 3) / 2;
        let left = record_lines(record, column, &terms, &style);
        let right = record_lines(other, column, &terms, &style);
        for n in 0..left.len().max(right.len()) {
            let l = left.get(n).map(String::as_str).unwrap_or("");
            let r = right.get(n).map(String::as_str).unwrap_or("");
            let pad = column.saturating_sub(strip_ansi(l).chars().count());
            writeln!(out, "{l}{}{}{r}", " ".repeat(pad), style.dim(" │ "))?;
        }
    } else {
        for line in record_lines(record, width, &terms, &style) {
            writeln!(out, "{line}")?;
        }
        writeln!(out, "\n{}\n", style.dim(&"─".repeat(width.min(60))))?;
        for line in record_lines(other, width, &terms, &style) {
            writeln!(out, "{line}")?;
        }
    }
    out.flush()
}

/// Prints every pair and the unpaired records.
pub fn pairs(context: &Context, view: &super::pairs_cmd::PairsView) -> io::Result<()> {
    let (style, mut out) = begin(context);
    for pair in &view.pairs {
        writeln!(
            out,
            "{}  ↔  {}  {}",
            style.id(&pair.lt.id),
            style.id(&pair.en.id),
            style.dim(&format!("score {:.2}", pair.score))
        )?;
        let partners = format!(
            "{} | {}",
            pair.lt.partner.as_deref().unwrap_or("-"),
            pair.en.partner.as_deref().unwrap_or("-")
        );
        writeln!(out, "{INDENT}{partners}")?;
        if let Some(first) = pair.evidence.first() {
            writeln!(out, "{INDENT}{}", style.dim(first))?;
        }
    }
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{} pairs, {} records unpaired",
            view.pairs.len(),
            view.unpaired.len()
        ))
    )?;
    for record in &view.unpaired {
        writeln!(
            out,
            "  {} {}",
            record.id,
            style.dim(&format!("[{}]", record.lang))
        )?;
    }
    out.flush()
}

/// A candidate's evidence (`+`) and what it lacked (`-`), one line each.
fn for_and_against(
    out: &mut impl Write,
    evidence: &[String],
    missing: &[String],
) -> io::Result<()> {
    for line in evidence {
        writeln!(out, "    + {line}")?;
    }
    for line in missing {
        writeln!(out, "    - {line}")?;
    }
    Ok(())
}

/// Prints what `check` looked at and found.
pub fn check(context: &Context, report: &bireport::index::check::CheckReport) -> io::Result<()> {
    let (style, mut out) = begin(context);
    writeln!(
        out,
        "checked {}: {} segment files, {} segments, {} stored records, {} files, {} pairs",
        context.index_dir.display(),
        report.segment_files,
        report.segments,
        report.records,
        report.files,
        report.pairs
    )?;
    if report.sound() {
        writeln!(out, "{}", style.bold("sound"))?;
    } else {
        for problem in &report.problems {
            match problem.file.as_str() {
                "" => writeln!(out, "damaged: {}", problem.reason)?,
                file => writeln!(out, "damaged: {file}: {}", problem.reason)?,
            }
        }
        writeln!(
            out,
            "rebuild it with `bireport --index {} index --rebuild PATHS`",
            context.index_dir.display()
        )?;
    }
    out.flush()
}

/// Prints what `pairs --review` found.
pub fn review(context: &Context, review: &bireport::pairing::explain::Review) -> io::Result<()> {
    let (style, mut out) = begin(context);
    for (title, items) in [
        ("Pairs near the threshold", &review.near),
        ("Best rejected candidates", &review.rejected),
    ] {
        writeln!(out, "{}", style.bold(&format!("{title}: {}", items.len())))?;
        for item in items {
            writeln!(
                out,
                "  {}  ↔  {}  {}",
                style.id(&item.lt),
                style.id(&item.en),
                style.dim(&format!("score {:.2}", item.score))
            )?;
            for_and_against(&mut out, &item.evidence, &item.missing)?;
        }
    }
    writeln!(
        out,
        "{}",
        style.dim("confirm with `bireport pairs link LT_ID EN_ID`, reject with `bireport pairs unlink LT_ID EN_ID`")
    )?;
    out.flush()
}

/// Prints `eval`'s figures: a header, one line per judged query (its flags in a column
/// after the longest query), then the means.
pub fn eval(context: &Context, report: &bireport::eval::EvalReport) -> io::Result<()> {
    let (style, mut out) = begin(context);
    let figures =
        |ndcg: f64, mrr: f64, recall: f64| format!("{ndcg:>7.3}  {mrr:>5.3}  {recall:>9.3}");
    let width = report
        .queries
        .iter()
        .map(|q| q.query.chars().count())
        .max()
        .unwrap_or(0)
        .max("query".len());
    let header = format!(
        "{:>7}  {:>5}  {:>9}  {:<width$}  flags",
        "nDCG@10", "MRR", "recall@50", "query"
    );
    writeln!(out, "{}", style.dim(&header))?;
    for q in &report.queries {
        let line = format!(
            "{}  {:<width$}  {}",
            figures(q.ndcg_at_10, q.mrr, q.recall_at_50),
            q.query,
            q.flags
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    let count = report.queries.len();
    let overall = format!(
        "{}  overall ({count} quer{})",
        figures(report.ndcg_at_10, report.mrr, report.recall_at_50),
        if count == 1 { "y" } else { "ies" }
    );
    writeln!(out, "{}", style.bold(&overall))?;
    out.flush()
}

/// Prints benchmark figures as a table.
pub fn bench(context: &Context, report: &bireport::bench::BenchReport) -> io::Result<()> {
    let (style, mut out) = begin(context);
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{} records, {:.1} MB of text, {} indexing threads",
            report.records, report.raw_mb, report.threads
        ))
    )?;
    let rows = [
        (
            "ingest + language detection",
            format!("{:.0} records/s", report.ingest_records_per_s),
        ),
        (
            "pairing",
            format!("{:.3} s ({} pairs)", report.pairing_s, report.pairs),
        ),
        (
            "indexing (read … commit)",
            format!(
                "{:.0} records/s, {:.2} MB/s, {:.2} s",
                report.index_records_per_s, report.index_mb_per_s, report.index_s
            ),
        ),
        (
            "query p50 / p95 / p99",
            format!(
                "{:.3} / {:.3} / {:.3} ms",
                report.query_p50_ms, report.query_p95_ms, report.query_p99_ms
            ),
        ),
        (
            "index size / raw size",
            format!("{:.3}", report.index_size_ratio),
        ),
        (
            "peak RSS: indexing / whole bench",
            format!(
                "{:.1} / {:.1} MiB",
                report.peak_rss_mb, report.bench_peak_rss_mb
            ),
        ),
    ];
    for (name, value) in rows {
        writeln!(out, "  {:<34}{value}", style.dim(name))?;
    }
    writeln!(out, "  {}", style.dim("query p50 by kind:"))?;
    for query in &report.queries {
        writeln!(
            out,
            "    {:<16}{:>9.3} ms  {:>8} hits  {}",
            query.kind,
            query.p50_ms,
            query.total,
            style.dim(&query.query)
        )?;
    }
    if !report.formats.is_empty() {
        writeln!(
            out,
            "  {}",
            style.dim("each format on its own (index: read … commit):")
        )?;
        for f in &report.formats {
            let versus = f.per_record_vs_text.map_or(String::new(), |ratio| {
                format!("  {ratio:.2}× text per record")
            });
            writeln!(
                out,
                "    {:<6}{:>6} files {:>8.2} MB {:>8} records  read {:>7.0} records/s  index {:>7.0} records/s {:>6.2} MB/s{versus}",
                f.format.as_str(),
                f.files,
                f.mb,
                f.records,
                f.read_records_per_s,
                f.index_records_per_s,
                f.index_mb_per_s,
            )?;
        }
    }
    out.flush()
}

/// `1234567` → `1,234,567`.
fn thousands(value: u64) -> String {
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

/// Prints index counts.
pub fn stats(context: &Context, stats: &Stats) -> io::Result<()> {
    let (style, mut out) = begin(context);
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{} records from {} files in {}",
            stats.records,
            stats.files,
            context.index_dir.display()
        ))
    )?;
    for line in facet_summary(&stats.facets) {
        writeln!(out, "  {line}")?;
    }
    out.flush()
}

/// Prints what an indexing run did; skipped files go to stderr, one line each.
pub fn index_report(context: &Context, report: &IndexReport) -> io::Result<()> {
    for skipped in &report.skipped {
        context.notice(format_args!("skipped {}: {}", skipped.path, skipped.reason));
    }
    for warning in &report.warnings {
        context.notice(format_args!("warning: {warning}"));
    }
    let (style, mut out) = begin(context);
    let skipped = match report.skipped.len() {
        0 => String::new(),
        1 => ", 1 file skipped".to_string(),
        n => format!(", {n} files skipped"),
    };
    let changes = format!(
        "{} added, {} updated, {} removed, {} unchanged",
        report.added, report.updated, report.removed, report.unchanged
    );
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{} records from {} files in {} ({changes}){skipped}",
            report.records,
            report.files,
            context.index_dir.display()
        ))
    )?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole_and_marks_highlights_only_in_colour() {
        let plain = Style { color: false };
        let lines = wrap_highlighted("alpha beta gamma delta", &[[6, 10]], 12, &plain);
        assert_eq!(lines, vec!["alpha beta", "gamma delta"]);
        let colour = Style { color: true };
        let lines = wrap_highlighted("alpha beta gamma delta", &[[6, 10]], 12, &colour);
        assert_eq!(lines, vec!["alpha \x1b[1;31mbeta\x1b[0m", "gamma delta"]);
        assert_eq!(
            shorten("Drug Free Treatment Unit, Division", 20),
            "Drug Free Treatment…"
        );
        assert_eq!(shorten("short", 20), "short");
        assert_eq!(thousands(200054), "200,054");
        assert_eq!(thousands(54), "54");
    }
}
