//! The corpus generator: deterministic synthetic reports in the samples' formats, for
//! tests, benchmarks and anyone who wants a large corpus to try bireport on.
//!
//! Records come in chunks (each seeded from the seed and the chunk number, so output is
//! the same for the same seed and can be streamed to disk): English and Lithuanian list
//! files of 1–40 initiatives, and project pages. Most initiatives appear in both languages
//! (the truth for pairing tests); a fifth appear in one language only. Initiatives of a
//! chunk draw their periods from a small pool, so several share one period, and every
//! period format of the real reports occurs, the two sides of a pair often differing.

mod text;
mod vocab;

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use text::{project_page, random_period, Initiative};

/// Records per chunk.
const CHUNK_RECORDS: usize = 400;
/// List title some Lithuanian files start with.
const LT_LIST_TITLE: &str = "Patvirtintos dvišalio bendradarbiavimo iniciatyvos:\n\n";

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct GenOptions {
    /// Records in all (initiatives in either language and project pages).
    pub records: usize,
    /// Seed of the random choices.
    pub seed: u64,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the corpus root, `/`-separated.
    pub name: String,
    /// Its text.
    pub text: String,
    /// Records in it.
    pub records: usize,
}

/// A generated corpus with the true counterpart pairs.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    /// The files.
    pub files: Vec<GeneratedFile>,
    /// `(lithuanian id, english id)` of every initiative written in both languages.
    pub truth: Vec<(String, String)>,
}

impl Generated {
    /// Records in all files.
    pub fn records(&self) -> usize {
        self.files.iter().map(|f| f.records).sum()
    }

    /// Every file parsed into records, as `index` would read them.
    pub fn parse(&self) -> Vec<crate::record::Record> {
        self.files
            .iter()
            .flat_map(|f| {
                crate::ingest::records(&crate::ingest::SourceText {
                    source: f.name.clone(),
                    text: f.text.clone(),
                })
            })
            .collect()
    }
}

/// What [`write_to`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files written.
    pub files: usize,
    /// Records in them.
    pub records: usize,
    /// Bytes of text.
    pub bytes: u64,
}

/// The chunks of a corpus, generated lazily.
pub fn chunks(options: GenOptions) -> impl Iterator<Item = Generated> {
    let count = options.records.div_ceil(CHUNK_RECORDS);
    (0..count).map(move |chunk| {
        let records = CHUNK_RECORDS.min(options.records - chunk * CHUNK_RECORDS);
        generate_chunk(options.seed, chunk, records)
    })
}

/// A whole corpus in memory.
pub fn generate(options: GenOptions) -> Generated {
    let mut all = Generated::default();
    for chunk in chunks(options) {
        all.files.extend(chunk.files);
        all.truth.extend(chunk.truth);
    }
    all
}

/// Writes a corpus under `dir`, one chunk at a time.
pub fn write_to(dir: &Path, options: GenOptions) -> std::io::Result<WriteSummary> {
    let mut summary = WriteSummary::default();
    for chunk in chunks(options) {
        for file in chunk.files {
            let path = dir.join(&file.name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::File::create(&path)?.write_all(file.text.as_bytes())?;
            summary.files += 1;
            summary.records += file.records;
            summary.bytes += file.text.len() as u64;
        }
    }
    Ok(summary)
}

/// What one unit of a chunk is.
enum Unit {
    Both(Initiative),
    LithuanianOnly(Initiative),
    EnglishOnly(Initiative),
    Project,
}

fn generate_chunk(seed: u64, chunk: usize, records: usize) -> Generated {
    let mut rng =
        ChaCha8Rng::seed_from_u64(seed ^ (chunk as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let pool: Vec<_> = (0..(records / 8).max(1))
        .map(|_| random_period(&mut rng))
        .collect();
    // (place, kind, field, period) already used: a repeat would make the truth ambiguous.
    let mut used = HashSet::new();
    let mut units = Vec::new();
    let mut planned = 0;
    while planned < records {
        let roll = rng.random_range(0..100);
        if roll < 10 {
            units.push(Unit::Project);
            planned += 1;
            continue;
        }
        let (start, end) = if rng.random_bool(0.85) {
            pool[rng.random_range(0..pool.len())]
        } else {
            random_period(&mut rng)
        };
        let initiative = loop {
            let candidate = Initiative::random(&mut rng, start, end);
            let key = (
                candidate.place.english,
                candidate.kind.english,
                candidate.field.english,
                start,
                end,
            );
            if used.insert(key) {
                break candidate;
            }
        };
        if roll < 20 || records - planned == 1 && roll >= 30 {
            units.push(Unit::LithuanianOnly(initiative));
            planned += 1;
        } else if roll < 30 {
            units.push(Unit::EnglishOnly(initiative));
            planned += 1;
        } else {
            units.push(Unit::Both(initiative));
            planned += 2;
        }
    }

    // Each side lists its initiatives in its own order, split into files of mixed sizes.
    let mut english: Vec<(usize, String)> = Vec::new();
    let mut lithuanian: Vec<(usize, String)> = Vec::new();
    let mut pages = Vec::new();
    for (n, unit) in units.iter().enumerate() {
        match unit {
            Unit::Both(i) => {
                english.push((n, i.english_record(&mut rng)));
                lithuanian.push((n, i.lithuanian_record(&mut rng)));
            }
            Unit::EnglishOnly(i) => english.push((n, i.english_record(&mut rng))),
            Unit::LithuanianOnly(i) => lithuanian.push((n, i.lithuanian_record(&mut rng))),
            Unit::Project => pages.push(project_page(
                &mut rng,
                (chunk * CHUNK_RECORDS + n) as u32 % 10_000,
            )),
        }
    }
    english.shuffle(&mut rng);
    lithuanian.shuffle(&mut rng);

    let mut generated = Generated::default();
    let mut en_ids = vec![None; units.len()];
    let mut lt_ids = vec![None; units.len()];
    for (side, records, ids) in [
        ("en", english, &mut en_ids),
        ("lt", lithuanian, &mut lt_ids),
    ] {
        let mut rest = records.as_slice();
        let mut file = 0;
        while !rest.is_empty() {
            let size = rng.random_range(1..=40).min(rest.len());
            let (these, remaining) = rest.split_at(size);
            rest = remaining;
            let name = format!("c{chunk:05}/{side}_{file:03}.txt");
            let mut text = String::new();
            if side == "lt" && rng.random_bool(0.5) {
                text.push_str(LT_LIST_TITLE);
            }
            for (ordinal, (unit, record)) in these.iter().enumerate() {
                text.push_str(record);
                ids[*unit] = Some(format!("{name}#{}", ordinal + 1));
            }
            generated.files.push(GeneratedFile {
                name,
                text,
                records: these.len(),
            });
            file += 1;
        }
    }
    for (n, page) in pages.into_iter().enumerate() {
        generated.files.push(GeneratedFile {
            name: format!("c{chunk:05}/project_{n:03}.txt"),
            text: page,
            records: 1,
        });
    }
    for (lt, en) in lt_ids.into_iter().zip(en_ids) {
        if let (Some(lt), Some(en)) = (lt, en) {
            generated.truth.push((lt, en));
        }
    }
    generated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{records, SourceText};

    #[test]
    fn the_same_seed_gives_the_same_corpus_and_another_seed_another() {
        let a = generate(GenOptions {
            records: 500,
            seed: 7,
        });
        let b = generate(GenOptions {
            records: 500,
            seed: 7,
        });
        let c = generate(GenOptions {
            records: 500,
            seed: 8,
        });
        assert_eq!(a.files, b.files);
        assert_eq!(a.truth, b.truth);
        assert_ne!(a.files, c.files);
        assert_eq!(a.records(), 500);
    }

    #[test]
    fn every_file_parses_into_its_records_with_periods_and_languages() {
        let corpus = generate(GenOptions {
            records: 900,
            seed: 1,
        });
        let mut ids = HashSet::new();
        for file in &corpus.files {
            let parsed = records(&SourceText {
                source: file.name.clone(),
                text: file.text.clone(),
            });
            assert_eq!(parsed.len(), file.records, "{}", file.name);
            for record in parsed {
                let expected = if file.name.contains("/lt_") {
                    "lt"
                } else {
                    "en"
                };
                assert_eq!(record.lang.code, expected, "{}: {}", record.id, record.text);
                if !file.name.contains("/project_") {
                    assert!(record.period.is_some(), "{}: {}", record.id, record.text);
                    assert!(record.country.is_some(), "{}", record.id);
                }
                ids.insert(record.id);
            }
        }
        assert!(corpus.truth.len() > 250, "{}", corpus.truth.len());
        for (lt, en) in &corpus.truth {
            assert!(ids.contains(lt) && ids.contains(en), "{lt} {en}");
        }
    }
}
