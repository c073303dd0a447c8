//! `bireport pairs`: every Lithuanian–English pair with score and evidence, and every
//! record left unpaired.

use clap::Args;
use serde::Serialize;

use bireport::period::Period;
use bireport::record::Record;

use super::{open_or_build, render, Context, Outcome, OutputArgs};

#[derive(Debug, Args)]
pub struct PairsArgs {
    #[command(flatten)]
    output: OutputArgs,
}

/// One side of a pair.
#[derive(Debug, Serialize)]
pub struct Side {
    pub id: String,
    pub source: String,
    pub ordinal: u32,
    pub partner: Option<String>,
    pub period: Option<Period>,
}

/// A pair as `pairs --json` prints it.
#[derive(Debug, Serialize)]
pub struct PairView {
    pub lt: Side,
    pub en: Side,
    pub score: f64,
    pub evidence: Vec<String>,
}

/// An unpaired record.
#[derive(Debug, Serialize)]
pub struct Unpaired {
    pub id: String,
    pub source: String,
    pub ordinal: u32,
    pub lang: String,
}

/// What `pairs --json` prints.
#[derive(Debug, Serialize)]
pub struct PairsView {
    pub pairs: Vec<PairView>,
    pub unpaired: Vec<Unpaired>,
}

fn side(record: &Record) -> Side {
    Side {
        id: record.id.clone(),
        source: record.source.clone(),
        ordinal: record.ordinal,
        partner: record.partner.clone(),
        period: record.period,
    }
}

pub fn run(context: &Context, args: &PairsArgs) -> anyhow::Result<Outcome> {
    let engine = open_or_build(context)?;
    // Records stream past: only what the listing shows of each is kept.
    let mut sides: std::collections::HashMap<String, Side> = std::collections::HashMap::new();
    let mut unpaired = Vec::new();
    engine.for_each_record(|record| {
        if record.counterpart.is_some() {
            sides.insert(record.id.clone(), side(&record));
        } else {
            unpaired.push(Unpaired {
                id: record.id,
                source: record.source,
                ordinal: record.ordinal,
                lang: record.lang.code,
            });
        }
        Ok(())
    })?;
    let mut pairs = Vec::new();
    for pair in engine.all_pairs()? {
        let (Some(lt), Some(en)) = (sides.remove(&pair.lt), sides.remove(&pair.en)) else {
            continue;
        };
        pairs.push(PairView {
            lt,
            en,
            score: pair.score,
            evidence: pair.evidence,
        });
    }
    let view = PairsView { pairs, unpaired };
    if args.output.json {
        render::json(&view)?;
    } else {
        render::pairs(context, &view)?;
    }
    Ok(Outcome::Success)
}
