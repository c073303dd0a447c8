//! `bireport eval JUDGEMENTS`: runs every judged query through the same code as `bireport
//! search`, with its flags read by `search`'s own parser, and prints nDCG@10, MRR and
//! recall@50 per query and overall. The file format and the metrics live in
//! [`bireport::eval`]; this file only connects them to the engine.

use std::path::{Path, PathBuf};

use clap::{Args, Parser};

use bireport::error::Error;
use bireport::eval::{self, EvalReport, JudgedQuery, QueryScore, HITS_NEEDED};
use bireport::search::{Engine, SearchRequest};

use super::search_cmd::SearchArgs;
use super::{
    open_or_build,
    print::{self, Printer},
    Context, Outcome, OutputArgs,
};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Judgement file: lines `query<TAB>flags<TAB>record id<TAB>grade` (grade 0–3, flags
    /// as typed after `bireport search QUERY`), or JSON if its name ends in .json.
    #[arg(value_name = "JUDGEMENTS")]
    judgements: PathBuf,

    #[command(flatten)]
    output: OutputArgs,
}

/// A judged query's flags, read by `search`'s parser so that every search flag (and only
/// a search flag) is valid in a judgement.
#[derive(Debug, Parser)]
#[command(no_binary_name = true)]
struct JudgedSearch {
    #[command(flatten)]
    search: SearchArgs,
}

pub fn run(context: &Context, args: &EvalArgs) -> anyhow::Result<Outcome> {
    let path = &args.judgements;
    let judged = eval::load(path)?;
    // Every judgement is read before any search runs: a typo on the last line fails fast.
    let requests = judged
        .iter()
        .map(|query| request(path, query))
        .collect::<Result<Vec<_>, _>>()?;
    let engine = open_or_build(context)?;
    let mut scores = Vec::with_capacity(judged.len());
    for (query, request) in judged.iter().zip(&requests) {
        let results = engine.search(request).map_err(|err| match err {
            Error::Query { reason, .. } => invalid(path, query, format!("invalid query: {reason}")),
            other => other,
        })?;
        let returned: Vec<&str> = results.hits.iter().map(|hit| hit.id.as_str()).collect();
        scores.push(QueryScore::new(query, &returned));
    }
    warn_of_unknown_ids(context, &engine, &judged)?;
    let report = EvalReport::new(scores);
    if args.output.json {
        print::json(&report)?;
    } else {
        Printer::stdout(context).eval(&report)?;
    }
    Ok(Outcome::Success)
}

/// The search request for `query`: its flags as `search` reads them, asking for the first
/// [`HITS_NEEDED`] hits whatever `--limit` or `--offset` say.
fn request(path: &Path, query: &JudgedQuery) -> Result<SearchRequest, Error> {
    // `--` keeps a query that starts with `-` from being read as a flag.
    let words = query.args.iter().map(String::as_str);
    let args = words.chain(["--", query.query.as_str()]);
    let parsed = JudgedSearch::try_parse_from(args).map_err(|err| {
        let message = err.to_string();
        let first = message.lines().next().unwrap_or_default();
        let reason = first.strip_prefix("error: ").unwrap_or(first);
        invalid(path, query, format!("flags {:?}: {reason}", query.flags))
    })?;
    let mut request = parsed
        .search
        .request()
        .map_err(|err| invalid(path, query, err.to_string()))?;
    request.limit = HITS_NEEDED;
    request.offset = 0;
    Ok(request)
}

/// Warns, in one line, of judged ids that are not in the index: a judgement that can never
/// match would pull the figure down without saying why.
fn warn_of_unknown_ids(
    context: &Context,
    engine: &Engine,
    judged: &[JudgedQuery],
) -> Result<(), Error> {
    let mut unknown: Vec<&str> = Vec::new();
    for rating in judged.iter().flat_map(|query| &query.ratings) {
        if unknown.contains(&rating.id.as_str()) {
            continue;
        }
        match engine.get(&rating.id) {
            Ok(_) => {}
            Err(Error::UnknownId(_)) => unknown.push(&rating.id),
            Err(other) => return Err(other),
        }
    }
    if !unknown.is_empty() {
        context.notice(format_args!(
            "warning: {} judged record{} not in the index at {}, so no search can find {}: {}",
            unknown.len(),
            if unknown.len() == 1 { " is" } else { "s are" },
            engine.dir().display(),
            if unknown.len() == 1 { "it" } else { "them" },
            unknown.join(", ")
        ));
    }
    Ok(())
}

/// A judgement file error at `query`'s first line.
fn invalid(path: &Path, query: &JudgedQuery, reason: String) -> Error {
    Error::InvalidJudgement {
        path: path.to_path_buf(),
        at: query.at,
        reason,
    }
}
