//! `bireport counterpart ID` / `--query TEXT`: a record and its counterpart in the other
//! language, side by side, with the evidence for the pairing.

use clap::Args;
use serde::Serialize;

use bireport::error::Error;
use bireport::record::Record;
use bireport::search::SearchRequest;

use super::{open_or_build, render, Context, Outcome, OutputArgs};

#[derive(Debug, Args)]
pub struct CounterpartArgs {
    /// Record id (e.g. `001_aa89047c32f4e6b6.txt#2`).
    #[arg(required_unless_present = "query", conflicts_with = "query")]
    id: Option<String>,

    /// Take the best-matching record for this query instead of an id.
    #[arg(long, value_name = "TEXT")]
    query: Option<String>,

    #[command(flatten)]
    output: OutputArgs,
}

/// What `counterpart --json` prints.
#[derive(Debug, Serialize)]
pub struct CounterpartView {
    /// The record asked for.
    pub record: Record,
    /// Its counterpart, if paired.
    pub counterpart: Option<Record>,
    /// Pairing score, if paired.
    pub score: Option<f64>,
    /// Why the two belong together.
    pub evidence: Vec<String>,
}

pub fn run(context: &Context, args: &CounterpartArgs) -> anyhow::Result<Outcome> {
    let engine = open_or_build(context)?;
    let id = match (&args.id, &args.query) {
        (Some(id), _) => id.trim().to_string(),
        (None, Some(query)) => {
            let request = SearchRequest {
                query: query.clone(),
                limit: 1,
                ..SearchRequest::default()
            };
            let results = engine.search(&request)?;
            let Some(best) = results.hits.into_iter().next() else {
                return Err(Error::InvalidArgument {
                    flag: "--query",
                    value: query.clone(),
                    reason: "no record matches".to_string(),
                }
                .into());
            };
            best.id
        }
        (None, None) => unreachable!("clap requires an id or --query"),
    };
    let record = engine.get(&id)?;
    let (counterpart, score, evidence) = match &record.counterpart {
        Some(link) => (
            Some(engine.get(&link.id)?),
            Some(link.score),
            link.evidence.clone(),
        ),
        None => (None, None, Vec::new()),
    };
    let view = CounterpartView {
        record,
        counterpart,
        score,
        evidence,
    };
    if args.output.json {
        render::json(&view)?;
    } else {
        render::counterpart(
            context,
            &view.record,
            view.counterpart.as_ref(),
            view.score,
            &view.evidence,
        )?;
    }
    Ok(Outcome::Success)
}
