//! Benchmarks as a command: how fast does bireport ingest, pair, index and answer, on a
//! corpus of a given size, on this machine? Each stage is timed on its own; query latency
//! is the search call alone (no process start), over a fixed mix of query kinds. A corpus
//! that mixes formats is also indexed one format at a time ([`formats`]).

pub mod formats;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::generate::{write_to, GenOptions};
use crate::index::WriteOptions;
use crate::ingest::{self, WalkOptions};
use crate::pairing::spill::FeatureSpill;
use crate::pairing::Features;
use crate::pipeline::{build_index, IndexOptions, Input};
use crate::search::{Engine, SearchRequest};

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Records to generate (ignored with `corpus`).
    pub records: usize,
    /// Indexing threads.
    pub threads: usize,
    /// Seed of the generated corpus.
    pub seed: u64,
    /// An existing corpus to measure instead of a generated one.
    pub corpus: Option<PathBuf>,
    /// Timed runs of each query of the mix.
    pub query_runs: usize,
}

/// Latency of one kind of query.
#[derive(Debug, Clone, Serialize)]
pub struct QueryTiming {
    /// What the query exercises.
    pub kind: &'static str,
    /// The query.
    pub query: String,
    /// Matching records.
    pub total: usize,
    /// Median latency.
    pub p50_ms: f64,
}

/// The figures `bench --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// Records in the corpus.
    pub records: usize,
    /// Raw text size in MB (10^6 bytes).
    pub raw_mb: f64,
    /// Indexing threads.
    pub threads: usize,
    /// Read, split, parse and detect language, records per second.
    pub ingest_records_per_s: f64,
    /// Full indexing run (read … commit), records per second.
    pub index_records_per_s: f64,
    /// Full indexing run, MB of raw text per second.
    pub index_mb_per_s: f64,
    /// Full indexing run, seconds.
    pub index_s: f64,
    /// Pairing all records (features already extracted), seconds.
    pub pairing_s: f64,
    /// Pairs found.
    pub pairs: usize,
    /// Search latency percentiles over the query mix, ms.
    pub query_p50_ms: f64,
    /// 95th percentile.
    pub query_p95_ms: f64,
    /// 99th percentile.
    pub query_p99_ms: f64,
    /// Index size over raw text size.
    pub index_size_ratio: f64,
    /// Peak resident memory (MiB) when the indexing run ends: indexing runs first, so
    /// this is what streaming ingest, pairing and the commit needed, before the
    /// stage-by-stage measurements hold every record's features at once.
    pub peak_rss_mb: f64,
    /// Peak resident memory (MiB) of the whole benchmark.
    pub bench_peak_rss_mb: f64,
    /// Latency per query kind.
    pub queries: Vec<QueryTiming>,
    /// Each format's files indexed on their own, when the corpus mixes formats.
    pub formats: Vec<formats::FormatFigures>,
}

/// The fixed query mix: single term, phrase, Lithuanian inflected word, facet-filtered,
/// and cross-language.
pub fn query_mix() -> Vec<(&'static str, SearchRequest)> {
    let request = |query: &str| SearchRequest {
        query: query.to_string(),
        limit: 10,
        ..SearchRequest::default()
    };
    vec![
        ("single term", request("heritage")),
        ("phrase", request("\"youth participation\"")),
        ("lt inflected", request("bibliotekos")),
        (
            "facet filtered",
            SearchRequest {
                country: Some("Norway".to_string()),
                year: Some(2021),
                kind: Some(crate::record::Kind::Initiative),
                ..request("visit")
            },
        ),
        (
            "cross",
            SearchRequest {
                lang: Some("lt".to_string()),
                cross: true,
                ..request("\"climate action\"")
            },
        ),
    ]
}

/// Runs every measurement.
pub fn run(options: &BenchOptions) -> Result<BenchReport> {
    let scratch = tempfile::tempdir().map_err(|err| Error::io(std::env::temp_dir(), err))?;
    let corpus = match &options.corpus {
        Some(dir) => dir.clone(),
        None => {
            let dir = scratch.path().join("corpus");
            write_to(
                &dir,
                GenOptions {
                    records: options.records,
                    seed: options.seed,
                },
            )
            .map_err(|err| Error::io(&dir, err))?;
            dir
        }
    };
    let raw_bytes = dir_size(&corpus);

    // 1. Indexing, end to end, into a fresh directory (first, so its memory is its own).
    let index_dir = scratch.path().join("index");
    let write = WriteOptions {
        threads: options.threads.max(1),
        ..WriteOptions::default()
    };
    let started = Instant::now();
    build_index(
        &index_dir,
        &Input::Paths(vec![corpus.clone()]),
        IndexOptions {
            walk: WalkOptions::default(),
            write,
        },
    )?;
    let index = started.elapsed();

    let index_peak_rss_kb = peak_rss_kb();

    // 2. Ingest and detection, with pairing features spilled as indexing spills them.
    let started = Instant::now();
    let (files, _) = Input::Paths(vec![corpus.clone()]).files(WalkOptions::default())?;
    let spill_error = |err| Error::io(scratch.path(), err);
    let mut spill = FeatureSpill::new_in(scratch.path()).map_err(spill_error)?;
    for file in &files {
        if let Ok(text) = file.bytes().and_then(|bytes| file.decode(bytes)) {
            for record in ingest::records(&text) {
                let features = Features::of(&record);
                spill
                    .push(&features, &features.encode())
                    .map_err(spill_error)?;
            }
        }
    }
    let ingest = started.elapsed();
    let records = spill.len();

    // 3. Pairing, evidence included (what indexing does before its commit).
    let started = Instant::now();
    let (pairs, _) = spill.pairs(spill_error, |_| Ok(()))?;
    let pairing = started.elapsed();

    // 4. Each format on its own, when the corpus mixes them.
    let formats = formats::measure(&files, write, scratch.path())?;

    // 5. Queries.
    let engine = Engine::open(&index_dir)?;
    let mut all = Vec::new();
    let mut timings = Vec::new();
    for (kind, request) in query_mix() {
        let total = engine.search(&request)?.total; // warm-up
        let mut runs = Vec::with_capacity(options.query_runs);
        for _ in 0..options.query_runs.max(1) {
            let started = Instant::now();
            let results = engine.search(&request)?;
            runs.push(started.elapsed());
            debug_assert_eq!(results.total, total);
        }
        timings.push(QueryTiming {
            kind,
            query: request.query.clone(),
            total,
            p50_ms: millis(percentile(&mut runs, 0.50)),
        });
        all.extend(runs);
    }

    let secs = |d: Duration| d.as_secs_f64().max(1e-9);
    let raw_mb = raw_bytes as f64 / 1e6;
    Ok(BenchReport {
        records,
        raw_mb: round(raw_mb, 2),
        threads: write.threads,
        ingest_records_per_s: round(records as f64 / secs(ingest), 0),
        index_records_per_s: round(records as f64 / secs(index), 0),
        index_mb_per_s: round(raw_mb / secs(index), 2),
        index_s: round(secs(index), 3),
        pairing_s: round(secs(pairing), 3),
        pairs,
        query_p50_ms: millis(percentile(&mut all, 0.50)),
        query_p95_ms: millis(percentile(&mut all, 0.95)),
        query_p99_ms: millis(percentile(&mut all, 0.99)),
        index_size_ratio: round(dir_size(&index_dir) as f64 / raw_bytes.max(1) as f64, 3),
        peak_rss_mb: round(index_peak_rss_kb as f64 / 1024.0, 1),
        bench_peak_rss_mb: round(peak_rss_kb() as f64 / 1024.0, 1),
        queries: timings,
        formats,
    })
}

pub(crate) fn round(value: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (value * scale).round() / scale
}

fn millis(duration: Duration) -> f64 {
    round(duration.as_secs_f64() * 1000.0, 3)
}

/// The `q` quantile (nearest rank) of `samples`.
pub fn percentile(samples: &mut [Duration], q: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort_unstable();
    let rank = ((q * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
    samples[rank - 1]
}

/// Bytes of every file under `dir`.
pub fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// Peak resident set size of this process in kB (`VmHWM`), 0 where unknown.
pub fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let mut samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&mut samples, 0.50), Duration::from_millis(50));
        assert_eq!(percentile(&mut samples, 0.99), Duration::from_millis(99));
        assert_eq!(percentile(&mut [], 0.5), Duration::ZERO);
    }

    #[test]
    fn a_small_run_measures_every_stage() {
        let report = run(&BenchOptions {
            records: 600,
            threads: 1,
            seed: 3,
            corpus: None,
            query_runs: 3,
        })
        .unwrap();
        assert_eq!(report.records, 600);
        assert!(report.pairs > 150, "{report:?}");
        assert!(report.index_records_per_s > 0.0 && report.raw_mb > 0.0);
        assert!(report.index_size_ratio > 0.0);
        assert_eq!(report.queries.len(), 5);
        assert!(
            report.queries.iter().all(|q| q.total > 0),
            "{:?}",
            report.queries
        );
    }
}
