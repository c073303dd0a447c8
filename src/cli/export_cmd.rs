//! `bireport export --ndjson [PATHS…]`: one JSON document per record, the input format of
//! tantivy-cli, Quickwit and Elasticsearch/OpenSearch bulk tools. Streams file by file.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Args;

use bireport::ingest::{self, WalkOptions, DEFAULT_MAX_FILE_BYTES};
use bireport::pipeline::Input;

use super::{open_or_build, Context, Outcome};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Files and folders to export (as for `index`). None: the embedded sample corpus.
    paths: Vec<PathBuf>,

    /// Newline-delimited JSON, one record per line (the only format; accepted for clarity).
    #[arg(long, default_value_t = true)]
    ndjson: bool,

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
        for record in open_or_build(context)?.all_records()? {
            serde_json::to_writer(&mut out, &record)?;
            out.write_all(b"\n")?;
        }
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
        match file.bytes().and_then(|bytes| file.decode(&bytes)) {
            Ok(text) => {
                for record in ingest::records(&text) {
                    serde_json::to_writer(&mut out, &record)?;
                    out.write_all(b"\n")?;
                }
            }
            Err(skip) => context.notice(format_args!("skipped {}: {}", skip.path, skip.reason)),
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}
