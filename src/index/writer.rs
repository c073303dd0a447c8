//! Writing: records in, one atomic commit out.
//!
//! Each `index` run replaces the index's documents and commits once, with the payload, so
//! a reader (or a run killed half-way) sees either the previous commit or the new one. An
//! index of an older schema is rebuilt beside the old one and swapped in only when
//! `--rebuild` asks for it.

use std::path::{Path, PathBuf};

use tantivy::{Index, IndexWriter, TantivyDocument, TantivyError};

use super::schema::{self, Fields};
use super::{date_value, dir_state, DirState, Payload, SCHEMA_VERSION};
use crate::analysis::{self, Analyzer, Mode};
use crate::error::{Error, Result};
use crate::record::Record;

/// How to write.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions {
    /// Indexing threads.
    pub threads: usize,
    /// Memory budget of the writer in bytes, shared by the threads.
    pub memory_budget: usize,
    /// Replace an index of another schema version.
    pub rebuild: bool,
}

impl Default for WriteOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(4);
        WriteOptions {
            threads,
            memory_budget: 256 * 1024 * 1024,
            rebuild: false,
        }
    }
}

/// What a write did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteSummary {
    /// Records committed.
    pub records: usize,
    /// Files they came from.
    pub files: usize,
}

/// Replaces the index in `dir` with `records` (from `files` files) in one commit.
pub fn write(
    dir: &Path,
    records: &[Record],
    files: usize,
    options: WriteOptions,
) -> Result<WriteSummary> {
    let payload = Payload {
        schema_version: SCHEMA_VERSION,
        files,
        records: records.len(),
    };
    match dir_state(dir)? {
        DirState::Empty => {
            std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
            let index = Index::create_in_dir(dir, schema::build().0)?;
            fill(dir, &index, records, &payload, options)?;
        }
        DirState::Index => match super::open(dir, Mode::Indexing) {
            Ok(open) => fill(dir, &open.index, records, &payload, options)?,
            Err(Error::OldSchema { .. } | Error::NotAnIndex { .. }) if options.rebuild => {
                rebuild_beside(dir, records, &payload, options)?
            }
            Err(err) => return Err(err),
        },
    }
    Ok(WriteSummary {
        records: records.len(),
        files,
    })
}

/// Builds a fresh index next to `dir`, then swaps it in, keeping `dir`'s dotfiles.
fn rebuild_beside(
    dir: &Path,
    records: &[Record],
    payload: &Payload,
    options: WriteOptions,
) -> Result<()> {
    let staging = sibling(dir, "rebuild");
    let retired = sibling(dir, "old");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|err| Error::io(&staging, err))?;
    let index = Index::create_in_dir(&staging, schema::build().0)?;
    fill(&staging, &index, records, payload, options)?;
    drop(index);
    for entry in std::fs::read_dir(dir)
        .map_err(|err| Error::io(dir, err))?
        .flatten()
    {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') && entry.path().is_file() {
            let _ = std::fs::copy(entry.path(), staging.join(&name));
        }
    }
    std::fs::rename(dir, &retired).map_err(|err| Error::io(dir, err))?;
    std::fs::rename(&staging, dir).map_err(|err| Error::io(dir, err))?;
    let _ = std::fs::remove_dir_all(&retired);
    Ok(())
}

fn sibling(dir: &Path, what: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".to_string());
    dir.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

fn fill(
    dir: &Path,
    index: &Index,
    records: &[Record],
    payload: &Payload,
    options: WriteOptions,
) -> Result<()> {
    analysis::register(index, Mode::Indexing);
    let fields = Fields::from_schema(&index.schema()).ok_or_else(|| Error::NotAnIndex {
        dir: dir.to_path_buf(),
        reason: "its schema lacks bireport's fields".to_string(),
    })?;
    let threads = options.threads.max(1);
    // tantivy wants at least 15 MB per thread.
    let budget = options.memory_budget.max(threads * 16 * 1024 * 1024);
    let mut writer: IndexWriter =
        index
            .writer_with_num_threads(threads, budget)
            .map_err(|err| match err {
                TantivyError::LockFailure(..) => Error::IndexLocked(dir.to_path_buf()),
                other => Error::Tantivy(other),
            })?;
    writer.delete_all_documents()?;
    for record in records {
        writer.add_document(document(&fields, record))?;
    }
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&serde_json::to_string(payload).expect("payload serialises"));
    prepared.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// The tantivy document of one record.
pub fn document(fields: &Fields, record: &Record) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &record.id);
    doc.add_text(fields.source, &record.source);
    doc.add_text(fields.lang, &record.lang.code);
    doc.add_text(fields.kind, record.kind.as_str());
    doc.add_u64(fields.ordinal, u64::from(record.ordinal));

    let text = fields.lang(Analyzer::for_lang(&record.lang.code));
    if let Some(title) = &record.title {
        doc.add_text(text.title, title);
    }
    for partner in &record.partners {
        doc.add_text(text.partner, &partner.name);
    }
    for section in &record.sections {
        doc.add_text(text.body, &section.text);
    }

    doc.add_facet(fields.facets, super::lang_facet(&record.lang.code));
    doc.add_facet(fields.facets, super::kind_facet(record.kind));
    for country in record.countries() {
        doc.add_text(fields.country, country);
        doc.add_facet(fields.facets, super::country_facet(country));
    }
    if let Some(period) = &record.period {
        doc.add_date(fields.period_start, date_value(period.start));
        doc.add_date(fields.period_end, date_value(period.end));
        for year in period.years() {
            doc.add_facet(fields.facets, super::year_facet(year));
        }
    }
    if let Some(number) = &record.facts.project_number {
        doc.add_text(fields.project_number, number);
    }
    let costs = &record.facts.costs;
    for (field, value) in [
        (fields.cost_initial, costs.initial),
        (fields.cost_final, costs.final_cost),
        (fields.cost_grant, costs.grant),
    ] {
        if let Some(value) = value {
            doc.add_u64(field, value);
        }
    }
    if let Some(counterpart) = &record.counterpart {
        doc.add_text(fields.counterpart, &counterpart.id);
    }
    doc.add_text(
        fields.record,
        serde_json::to_string(record).expect("records serialise"),
    );
    doc
}
