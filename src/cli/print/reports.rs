//! Reports of whole runs: `index`, `check`, `eval` and `bench`.

use std::io::{self, Write};
use std::path::Path;

use bireport::bench::BenchReport;
use bireport::eval::EvalReport;
use bireport::index::check::CheckReport;
use bireport::pipeline::IndexReport;

use super::style::{counted, holding};
use super::Printer;

impl<W: Write> Printer<W> {
    /// Prints what an indexing run did (its skipped files are the caller's to report).
    pub fn index_report(&mut self, report: &IndexReport, index_dir: &Path) -> io::Result<()> {
        let (out, style) = (&mut self.out, &self.style);
        let skipped = match report.skipped.len() {
            0 => String::new(),
            n => format!(", {} skipped", counted(n, "file", "files")),
        };
        let changes = format!(
            "{} added, {} updated, {} removed, {} unchanged",
            report.added, report.updated, report.removed, report.unchanged
        );
        writeln!(
            out,
            "{}",
            style.bold(&format!(
                "{} ({changes}){skipped}",
                holding(report.records, report.files, index_dir)
            ))
        )?;
        out.flush()
    }

    /// Prints what `check` looked at and found.
    pub fn check(&mut self, report: &CheckReport, index_dir: &Path) -> io::Result<()> {
        let (out, style) = (&mut self.out, &self.style);
        writeln!(
            out,
            "checked {}: {}, {}, {}, {}, {}",
            index_dir.display(),
            counted(report.segment_files, "segment file", "segment files"),
            counted(report.segments, "segment", "segments"),
            counted(report.records, "stored record", "stored records"),
            counted(report.files, "file", "files"),
            counted(report.pairs, "pair", "pairs"),
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
                index_dir.display()
            )?;
        }
        out.flush()
    }

    /// Prints `eval`'s figures: a header, one line per judged query (its flags in a column
    /// after the longest query), then the means.
    pub fn eval(&mut self, report: &EvalReport) -> io::Result<()> {
        let (out, style) = (&mut self.out, &self.style);
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
    pub fn bench(&mut self, report: &BenchReport) -> io::Result<()> {
        let (out, style) = (&mut self.out, &self.style);
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
}
