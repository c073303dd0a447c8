//! Pairs: every pair with its score and first evidence, the unpaired records, and the
//! review of pairs and candidates near the threshold.

use std::io::{self, Write};

use bireport::pairing::explain::Review;
use bireport::pairing::Evidence;

use super::style::counted;
use super::{Printer, INDENT};
use crate::cli::pairs_cmd::PairsView;

impl<W: Write> Printer<W> {
    /// Prints every pair and the unpaired records.
    pub fn pairs(&mut self, view: &PairsView) -> io::Result<()> {
        let (out, style) = (&mut self.out, &self.style);
        for pair in &view.pairs {
            writeln!(
                out,
                "{}  ↔  {}  {}",
                style.id(&pair.lt.id),
                style.id(&pair.en.id),
                style.dim(&format!("score {:.2}", pair.score))
            )?;
            let partners = format!(
                "{} | {}",
                pair.lt.partner.as_deref().unwrap_or("-"),
                pair.en.partner.as_deref().unwrap_or("-")
            );
            writeln!(out, "{INDENT}{partners}")?;
            if let Some(first) = pair.evidence.first() {
                writeln!(out, "{INDENT}{}", style.dim(&first.text()))?;
            }
        }
        writeln!(
            out,
            "{}",
            style.bold(&format!(
                "{}, {} unpaired",
                counted(view.pairs.len(), "pair", "pairs"),
                counted(view.unpaired.len(), "record", "records")
            ))
        )?;
        for record in &view.unpaired {
            writeln!(
                out,
                "  {} {}",
                record.id,
                style.dim(&format!("[{}]", record.lang))
            )?;
        }
        out.flush()
    }

    /// Prints what `pairs --review` found.
    pub fn review(&mut self, review: &Review) -> io::Result<()> {
        let (out, style) = (&mut self.out, &self.style);
        for (title, items) in [
            ("Pairs near the threshold", &review.near),
            ("Best rejected candidates", &review.rejected),
        ] {
            writeln!(out, "{}", style.bold(&format!("{title}: {}", items.len())))?;
            for item in items {
                writeln!(
                    out,
                    "  {}  ↔  {}  {}",
                    style.id(&item.lt),
                    style.id(&item.en),
                    style.dim(&format!("score {:.2}", item.score))
                )?;
                for_and_against(out, &item.evidence, &item.missing)?;
            }
        }
        writeln!(
            out,
            "{}",
            style.dim("confirm with `bireport pairs link LT_ID EN_ID`, reject with `bireport pairs unlink LT_ID EN_ID`")
        )?;
        out.flush()
    }
}

/// A candidate's evidence (`+`) and what it lacked (`-`), one line each.
pub(super) fn for_and_against(
    out: &mut impl Write,
    evidence: &[Evidence],
    missing: &[String],
) -> io::Result<()> {
    for line in evidence {
        writeln!(out, "    + {line}")?;
    }
    for line in missing {
        writeln!(out, "    - {line}")?;
    }
    Ok(())
}
