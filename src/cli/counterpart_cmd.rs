//! `bireport counterpart ID` / `--query TEXT`: a record and its counterpart in the other
//! language, side by side, with the evidence for the pairing.

use std::collections::HashMap;

use clap::Args;
use serde::Serialize;

use bireport::error::Error;
use bireport::pairing::decisions::Decisions;
use bireport::pairing::evidence::LocatedEvidence;
use bireport::pairing::explain::{self, Candidate};
use bireport::pairing::Side;
use bireport::record::Record;
use bireport::search::SearchRequest;

use super::{
    open_or_build,
    print::{self, Printer},
    Context, Outcome, OutputArgs,
};

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
    /// Why the two belong together, with where each item's words stand in both records.
    pub evidence: Vec<LocatedEvidence>,
    /// For a record without a counterpart: the records of the other language that came
    /// closest, strongest first, with what each lacked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<Vec<Candidate>>,
    /// For a record without a counterpart and without candidates: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_candidates: Option<String>,
}

/// Candidates listed for an unpaired record.
const CANDIDATES_SHOWN: usize = 3;

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
    let view = view(&engine, &id)?;
    if args.output.json {
        print::json(&view)?;
    } else {
        Printer::stdout(context).counterpart(
            &view.record,
            view.counterpart.as_ref(),
            view.score,
            &view.evidence,
            view.candidates.as_deref().unwrap_or_default(),
            view.no_candidates.as_deref(),
        )?;
    }
    Ok(Outcome::Success)
}

/// Record `id` beside its counterpart, or beside the records that came closest to being
/// one (what `counterpart --json` and the server's `/api/records/{id}/counterpart` give).
pub(crate) fn view(engine: &bireport::search::Engine, id: &str) -> anyhow::Result<CounterpartView> {
    let record = engine.get(id)?;
    let (counterpart, score, evidence) = match &record.counterpart {
        Some(link) => {
            let other = engine.get(&link.id)?;
            let evidence = (link.evidence.iter().cloned())
                .map(|item| LocatedEvidence::new(item, &record, &other))
                .collect();
            (Some(other), Some(link.score), evidence)
        }
        None => (None, None, Vec::new()),
    };
    let (candidates, no_candidates) = if counterpart.is_none() {
        let (candidates, reason) = closest(engine, &record.id)?;
        (Some(candidates), reason)
    } else {
        (None, None)
    };
    Ok(CounterpartView {
        record,
        counterpart,
        score,
        evidence,
        candidates,
        no_candidates,
    })
}

/// The records of the other language that came closest to pairing with `id`, or why
/// there are none.
fn closest(
    engine: &bireport::search::Engine,
    id: &str,
) -> anyhow::Result<(Vec<Candidate>, Option<String>)> {
    // The model is every record's pairing features (hundreds of MB at a million
    // records): a server asked for many unpaired records at once builds one at a time.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poison| poison.into_inner());
    let (features, weights) = engine.pairing_model()?;
    let Some(target) = features.iter().position(|f| f.id() == id) else {
        return Ok((
            Vec::new(),
            Some("the index keeps no pairing features for it".into()),
        ));
    };
    if let Some(reason) = explain::no_candidates_reason(&features[target]) {
        return Ok((Vec::new(), Some(reason.to_string())));
    }
    let mut partners: HashMap<String, String> = HashMap::new();
    for pair in engine.all_pairs()? {
        partners.insert(pair.lt.clone(), pair.en.clone());
        partners.insert(pair.en, pair.lt);
    }
    let decisions = Decisions::load(engine.dir())?;
    let note = |other: &str| {
        let (lt, en) = if features[target].side == Side::Lt {
            (id, other)
        } else {
            (other, id)
        };
        if decisions.is_unlinked(lt, en) {
            return Some("unlinked by hand".to_string());
        }
        partners
            .get(other)
            .map(|partner| format!("already paired with {partner}"))
    };
    let candidates = explain::candidates(&features, &weights, target, note, CANDIDATES_SHOWN);
    let reason = candidates.is_empty().then(|| {
        "no record of the other language has a period sharing a day with its own (or its \
         own moved by up to two weeks) and a country that agrees"
            .to_string()
    });
    Ok((candidates, reason))
}
