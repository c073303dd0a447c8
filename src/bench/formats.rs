//! Figures per document format: a corpus that holds the same reports as text, web pages,
//! Word documents and PDF files is indexed one format at a time, so what reading each
//! format costs shows beside the text files' cost, measured in the same run.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::error::Result;
use crate::index::WriteOptions;
use crate::ingest::{self, Format, InputFile, Origin, WalkOptions};
use crate::pipeline::{build_index, IndexOptions, Input};

/// What one format's files cost to index.
#[derive(Debug, Clone, Serialize)]
pub struct FormatFigures {
    /// The format.
    pub format: Format,
    /// Its files.
    pub files: usize,
    /// Their size in MB (10^6 bytes), as stored.
    pub mb: f64,
    /// Records they hold.
    pub records: usize,
    /// Reading, extracting the text and splitting it into records on one thread, records
    /// per second: where a format's own cost shows.
    pub read_records_per_s: f64,
    /// A full indexing run of these files alone (read … commit), seconds.
    pub index_s: f64,
    /// The same, records per second.
    pub index_records_per_s: f64,
    /// The same, MB of files per second.
    pub index_mb_per_s: f64,
    /// Indexing time per record over the text files' (absent without text files).
    pub per_record_vs_text: Option<f64>,
}

/// Indexes each format's files of `files` on its own, into folders under `scratch`. Gives
/// nothing when the files are all of one format (the whole-corpus figures say it all).
pub fn measure(
    files: &[InputFile],
    write: WriteOptions,
    scratch: &Path,
) -> Result<Vec<FormatFigures>> {
    let mut groups: Vec<(Format, Vec<&InputFile>)> = Vec::new();
    for file in files {
        let format = Format::of_name(&file.source).unwrap_or_default();
        match groups.iter_mut().find(|(f, _)| *f == format) {
            Some((_, group)) => group.push(file),
            None => groups.push((format, vec![file])),
        }
    }
    if groups.len() < 2 {
        return Ok(Vec::new());
    }
    groups.sort_by_key(|(format, _)| *format as u8);
    let mut figures = Vec::with_capacity(groups.len());
    for (format, group) in groups {
        let paths: Vec<PathBuf> = group
            .iter()
            .filter_map(|file| match &file.origin {
                Origin::Disk(path) => Some(path.clone()),
                Origin::Embedded(_) => None,
            })
            .collect();
        let bytes: u64 = group.iter().map(|file| file.size).sum();

        let started = Instant::now();
        let mut read_records = 0;
        for file in &group {
            if let Ok(text) = file.bytes().and_then(|bytes| file.decode(bytes)) {
                read_records += ingest::records(&text).len();
            }
        }
        let read = started.elapsed().as_secs_f64().max(1e-9);

        let dir = scratch.join(format!("index-{}", format.as_str()));
        let started = Instant::now();
        let report = build_index(
            &dir,
            &Input::Paths(paths),
            IndexOptions {
                walk: WalkOptions::default(),
                write,
            },
        )?;
        let index = started.elapsed().as_secs_f64().max(1e-9);
        let mb = bytes as f64 / 1e6;
        figures.push(FormatFigures {
            format,
            files: group.len(),
            mb: super::round(mb, 2),
            records: report.records,
            read_records_per_s: super::round(read_records as f64 / read, 0),
            index_s: super::round(index, 3),
            index_records_per_s: super::round(report.records as f64 / index, 0),
            index_mb_per_s: super::round(mb / index, 2),
            per_record_vs_text: None,
        });
    }
    let per_record = |f: &FormatFigures| f.index_s / f.records.max(1) as f64;
    if let Some(text) = figures.iter().find(|f| f.format == Format::Text) {
        let text = per_record(text);
        for f in &mut figures {
            f.per_record_vs_text = Some(super::round(per_record(f) / text, 2));
        }
    }
    Ok(figures)
}
