//! `bireport export --ndjson [PATHS…]`: one JSON document per record, the input format of
//! tantivy-cli and Quickwit; `--bulk`, the `_bulk` lines of OpenSearch and Elasticsearch.
//! Each record carries its counterpart: the index's pairs with `--from-index`, else the
//! pairs of the records exported, paired as `index` pairs them.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Args;

use bireport::ingest::{self, WalkOptions, DEFAULT_MAX_FILE_BYTES};
use bireport::pipeline::Input;
use bireport::record::Record;

use super::{open_or_build, Context, Outcome};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Files and folders to export (as for `index`). None: the embedded sample corpus.
    paths: Vec<PathBuf>,

    /// Newline-delimited JSON, one record per line (the only format; accepted for clarity).
    #[arg(long, default_value_t = true)]
    ndjson: bool,

    /// One flat object per record (id, source, ordinal, kind, lang, partner, partners,
    /// country, period_start, period_end, title, body, project_number; missing values
    /// left out), for tools that take flat documents, such as tantivy-cli.
    #[arg(long)]
    flat: bool,

    /// Export the records of the index instead (with the index's pairs, corrections
    /// included).
    #[arg(long, conflicts_with = "paths")]
    from_index: bool,

    /// OpenSearch/Elasticsearch `_bulk` lines: an action line, then the record with its
    /// text in the field of its language (`text_lt`, `text_en`), as
    /// `opensearch/bireport-template.json` maps it.
    #[arg(long, conflicts_with = "flat")]
    bulk: bool,

    /// The index the `_bulk` action lines name.
    #[arg(long, value_name = "NAME", default_value = bireport::engines::DEFAULT_INDEX_NAME, requires = "bulk")]
    index_name: String,

    /// Print the OpenSearch index template for `--bulk` documents (its synonyms come from
    /// the glossary) and nothing else.
    #[arg(long, conflicts_with_all = ["paths", "bulk", "flat", "from_index"])]
    opensearch_template: bool,

    /// Skip files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_BYTES)]
    max_file_size: u64,
}

pub fn run(context: &Context, args: &ExportArgs) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.opensearch_template {
        serde_json::to_writer_pretty(&mut out, &bireport::engines::opensearch_template())?;
        out.write_all(b"\n")?;
        out.flush()?;
        return Ok(Outcome::Success);
    }
    let shape = if args.bulk {
        Shape::Bulk(&args.index_name)
    } else if args.flat {
        Shape::Flat
    } else {
        Shape::Record
    };
    if args.from_index {
        // One record at a time: a million would not fit in memory as a whole.
        open_or_build(context)?.for_each_record(|record| {
            write_record(&mut out, &record, shape)
                .map_err(|err| bireport::Error::io("standard output", err))
        })?;
        out.flush()?;
        return Ok(Outcome::Success);
    }
    let input = if args.paths.is_empty() {
        Input::Embedded
    } else {
        Input::Paths(args.paths.clone())
    };
    let walk = WalkOptions {
        max_file_bytes: args.max_file_size,
    };
    let (files, skipped) = input.files(walk)?;
    for skip in &skipped {
        context.notice(format_args!("skipped {}: {}", skip.path, skip.reason));
    }
    // Pairing needs every record at once (for a corpus too large for memory, index it and
    // export `--from-index`).
    let mut records = Vec::new();
    for file in &files {
        match file.bytes().and_then(|bytes| file.decode(bytes)) {
            Ok(text) => records.extend(ingest::records(&text)),
            Err(skip) => context.notice(format_args!("skipped {}: {}", skip.path, skip.reason)),
        }
    }
    let pairs = bireport::pairing::pair_records(&records);
    bireport::pairing::apply(&mut records, &pairs);
    for record in &records {
        write_record(&mut out, record, shape)?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// What each record is written as.
#[derive(Debug, Clone, Copy)]
enum Shape<'a> {
    /// The record as `show --json` gives it.
    Record,
    /// One level of fields.
    Flat,
    /// An OpenSearch `_bulk` action line for this index, then the document.
    Bulk(&'a str),
}

fn write_record(out: &mut impl Write, record: &Record, shape: Shape<'_>) -> std::io::Result<()> {
    if let Shape::Bulk(index) = shape {
        serde_json::to_writer(&mut *out, &bireport::engines::bulk_action(index, record))?;
        out.write_all(b"\n")?;
        serde_json::to_writer(&mut *out, &bireport::engines::BulkDocument::of(record))?;
    } else if let Shape::Flat = shape {
        let period = record.period.as_ref();
        let document = serde_json::json!({
            "id": record.id,
            "source": record.source,
            "ordinal": record.ordinal,
            "kind": record.kind,
            "lang": record.lang.code,
            "partner": record.partner,
            "partners": record.partner_names(),
            "country": record.country,
            "period_start": period.map(|p| bireport::period::iso(p.start)),
            "period_end": period.map(|p| bireport::period::iso(p.end)),
            "title": record.title,
            "body": record.body(),
            "project_number": record.facts.project_number,
        });
        // Tools such as tantivy-cli refuse `null` for a text field: leave missing values out.
        let document: serde_json::Map<String, serde_json::Value> = document
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, value)| !value.is_null())
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        serde_json::to_writer(&mut *out, &document)?;
    } else {
        serde_json::to_writer(&mut *out, record)?;
    }
    out.write_all(b"\n")?;
    Ok(())
}
