//! `bireport export --ndjson [PATHS…]`: one JSON document per record, the input format of
//! tantivy-cli, Quickwit and Elasticsearch/OpenSearch bulk tools. Streams file by file.

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

    /// Export the records of the index instead, with their counterparts.
    #[arg(long, conflicts_with = "paths")]
    from_index: bool,

    /// Skip files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_BYTES)]
    max_file_size: u64,
}

pub fn run(context: &Context, args: &ExportArgs) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.from_index {
        // One record at a time: a million would not fit in memory as a whole.
        open_or_build(context)?.for_each_record(|record| {
            write_record(&mut out, &record, args.flat)
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
    for file in &files {
        match file.bytes().and_then(|bytes| file.decode(bytes)) {
            Ok(text) => {
                for record in ingest::records(&text) {
                    write_record(&mut out, &record, args.flat)?;
                }
            }
            Err(skip) => context.notice(format_args!("skipped {}: {}", skip.path, skip.reason)),
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

fn write_record(out: &mut impl Write, record: &Record, flat: bool) -> std::io::Result<()> {
    if flat {
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
