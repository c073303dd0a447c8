//! `bireport pairs`: every Lithuanian–English pair with score and evidence, and every
//! record left unpaired; `--review` what a person should confirm; `link` and `unlink` a
//! person's corrections, kept beside the index ([`bireport::pairing::decisions`]).

use clap::{Args, Subcommand};
use serde::Serialize;

use bireport::error::Error;
use bireport::pairing::decisions::{Change, Decisions};
use bireport::pairing::explain::{self, Review};
use bireport::period::Period;
use bireport::record::Record;
use bireport::search::Engine;

use super::{
    open_or_build,
    print::{self, Printer},
    Context, Outcome, OutputArgs,
};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PairsArgs {
    #[command(subcommand)]
    action: Option<PairsAction>,

    /// List what a person should confirm: pairs scored near the threshold and the best
    /// candidates that were rejected, strongest first.
    #[arg(long)]
    review: bool,

    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum PairsAction {
    /// Pair two records by hand (a Lithuanian and an English one, in either order); kept
    /// across re-indexing and never overridden by the machine.
    Link(Decision),
    /// Never pair two records (a Lithuanian and an English one, in either order).
    Unlink(Decision),
}

#[derive(Debug, Args)]
pub struct Decision {
    /// One record's id.
    first: String,
    /// The other record's id.
    second: String,
    #[command(flatten)]
    output: OutputArgs,
}

/// What `pairs link|unlink --json` prints.
#[derive(Debug, Serialize)]
pub struct DecisionView {
    /// `link` or `unlink`.
    pub action: &'static str,
    /// The Lithuanian record's id.
    pub lt: String,
    /// The English record's id.
    pub en: String,
    /// False when the same decision was kept already.
    pub changed: bool,
    /// Pairs in the index afterwards.
    pub pairs: usize,
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
    #[serde(serialize_with = "bireport::pairing::evidence::serialize_with_text")]
    pub evidence: Vec<bireport::pairing::Evidence>,
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
    match &args.action {
        Some(PairsAction::Link(decision)) => return decide(context, decision, true),
        Some(PairsAction::Unlink(decision)) => return decide(context, decision, false),
        None => {}
    }
    let engine = open_or_build(context)?;
    if args.review {
        let review = review(&engine)?;
        if args.output.json {
            print::json(&review)?;
        } else {
            Printer::stdout(context).review(&review)?;
        }
        return Ok(Outcome::Success);
    }
    let view = listing(&engine)?;
    if args.output.json {
        print::json(&view)?;
    } else {
        Printer::stdout(context).pairs(&view)?;
    }
    Ok(Outcome::Success)
}

/// Every pair and every unpaired record (what `pairs --json` and the server's
/// `/api/pairs` give).
pub(crate) fn listing(engine: &Engine) -> anyhow::Result<PairsView> {
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
    Ok(PairsView { pairs, unpaired })
}

/// The review of the index's pairs.
fn review(engine: &Engine) -> anyhow::Result<Review> {
    let (features, weights) = engine.pairing_model()?;
    let pairs = engine.all_pairs()?;
    let hand_made = |p: &bireport::pairing::IdPair| {
        p.evidence.first() == Some(&bireport::pairing::Evidence::LinkedByHand)
    };
    Ok(explain::review(&features, &weights, &pairs, hand_made))
}

/// Records a person's decision about two records and pairs the index again.
fn decide(context: &Context, decision: &Decision, link: bool) -> anyhow::Result<Outcome> {
    let engine = open_or_build(context)?;
    let (first, second) = (
        engine.get(decision.first.trim())?,
        engine.get(decision.second.trim())?,
    );
    drop(engine);
    let (lt, en) = match (first.lang.code.as_str(), second.lang.code.as_str()) {
        ("lt", "en") => (first.id, second.id),
        ("en", "lt") => (second.id, first.id),
        (a, b) => {
            return Err(Error::InvalidArgument {
                flag: "ID",
                value: format!("{} {}", first.id, second.id),
                reason: format!(
                    "a pair is a Lithuanian and an English record; these are [{a}] and [{b}]"
                ),
            }
            .into())
        }
    };
    let dir = &context.index_dir;
    let previous = Decisions::load(dir)?;
    let mut decisions = previous.clone();
    let change = if link {
        decisions.link(&lt, &en)
    } else {
        decisions.unlink(&lt, &en)
    };
    let pairs = bireport::pipeline::decide(dir, &previous, &decisions)?;
    let view = DecisionView {
        action: if link { "link" } else { "unlink" },
        lt,
        en,
        changed: change == Change::Made,
        pairs,
    };
    if decision.output.json {
        print::json(&view)?;
    } else {
        let verb = if link { "linked" } else { "unlinked" };
        let already = if view.changed { "" } else { " (already so)" };
        println!(
            "{verb} {} and {}{already}; {} pairs in {}",
            view.lt,
            view.en,
            view.pairs,
            dir.display()
        );
    }
    Ok(Outcome::Success)
}
