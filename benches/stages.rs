//! Criterion benchmarks, one per pipeline stage: split, detect, analyse, features, pair,
//! index, query.
//! Each asserts the amount of work it did inside the loop, so a bench that quietly does
//! less (an empty corpus, a query that matches nothing) fails instead of looking fast.
//!
//! Run with `cargo bench --bench stages`. The corpus is the embedded sample reports,
//! replicated into many files under distinct names so the index stage has real volume.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use bireport::analysis::{Analyzer, Mode};
use bireport::ingest::{self, split, SourceText};
use bireport::language;
use bireport::pipeline::{build_index, IndexOptions, Input};
use bireport::search::{Engine, SearchRequest};

/// Copies of the embedded corpus written for the index and query stages.
const COPIES: usize = 200;

fn sample_texts() -> Vec<SourceText> {
    let (texts, skipped) = ingest::embedded();
    assert!(skipped.is_empty());
    texts
}

fn write_copies(dir: &Path, texts: &[SourceText]) {
    for copy in 0..COPIES {
        for text in texts {
            let path = dir.join(format!("c{copy:03}")).join(&text.source);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &text.text).unwrap();
        }
    }
}

fn bench_split(c: &mut Criterion) {
    let texts = sample_texts();
    let bytes: usize = texts.iter().map(|t| t.text.len()).sum();
    let mut group = c.benchmark_group("split");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("embedded corpus", |b| {
        b.iter(|| {
            let blocks: usize = texts
                .iter()
                .map(|t| split::split(black_box(&t.text)).blocks.len())
                .sum();
            assert_eq!(blocks, 11);
        })
    });
    group.bench_function("records (split + fields + detect)", |b| {
        b.iter(|| {
            let records: usize = texts
                .iter()
                .map(|t| ingest::records(black_box(t)).len())
                .sum();
            assert_eq!(records, 11);
        })
    });
    group.finish();
}

fn bench_detect(c: &mut Criterion) {
    let bodies: Vec<String> = sample_texts()
        .iter()
        .flat_map(ingest::records)
        .map(|r| r.body())
        .collect();
    let mut group = c.benchmark_group("detect");
    group.throughput(Throughput::Elements(bodies.len() as u64));
    group.bench_function("11 record bodies", |b| {
        b.iter(|| {
            let lithuanian = bodies
                .iter()
                .filter(|body| language::detect(black_box(body)).code == "lt")
                .count();
            assert_eq!(lithuanian, 4);
        })
    });
    // The generated corpus: mostly the clear cases, decided by function words alone.
    let generated: Vec<(String, String)> =
        bireport::generate::generate(bireport::generate::GenOptions {
            records: 10_000,
            seed: 1,
        })
        .parse()
        .into_iter()
        .map(|r| (r.body(), r.lang.code))
        .collect();
    group.throughput(Throughput::Elements(generated.len() as u64));
    group.bench_function("10000 generated record bodies", |b| {
        b.iter(|| {
            let agreeing = generated
                .iter()
                .filter(|(body, code)| language::detect(black_box(body)).code == *code)
                .count();
            assert_eq!(agreeing, generated.len());
        })
    });
    group.finish();
}

fn bench_analyse(c: &mut Criterion) {
    let records: Vec<_> = sample_texts().iter().flat_map(ingest::records).collect();
    let bytes: usize = records.iter().map(|r| r.body().len()).sum();
    let mut group = c.benchmark_group("analyse");
    group.throughput(Throughput::Bytes(bytes as u64));
    for analyzer in Analyzer::ALL {
        let mut built = analyzer.build(Mode::Indexing);
        group.bench_function(format!("{} indexing analyzer", analyzer.name()), |b| {
            b.iter(|| {
                let mut tokens = 0usize;
                for record in &records {
                    let body = record.body();
                    let mut stream = built.token_stream(black_box(&body));
                    while stream.advance() {
                        tokens += 1;
                    }
                }
                assert!(tokens > 1000, "only {tokens} tokens");
            })
        });
        // The body field then its bigram field, as an indexing thread analyses a
        // document: the bigrams replay the body's terms.
        let mut bigrams = analyzer.build_bigrams(Mode::Indexing);
        group.bench_function(format!("{} body then bigrams", analyzer.name()), |b| {
            b.iter(|| {
                let (mut tokens, mut pairs) = (0usize, 0usize);
                for record in &records {
                    let body = record.body();
                    let mut stream = built.token_stream(black_box(&body));
                    while stream.advance() {
                        tokens += 1;
                    }
                    let mut stream = bigrams.token_stream(black_box(&body));
                    while stream.advance() {
                        pairs += 1;
                    }
                }
                assert!(
                    tokens > 1000 && pairs > 300,
                    "{tokens} tokens, {pairs} pairs"
                );
            })
        });
    }
    group.finish();
}

fn bench_index_and_query(c: &mut Criterion) {
    let texts = sample_texts();
    let corpus = tempfile::tempdir().unwrap();
    write_copies(corpus.path(), &texts);
    let records = COPIES * 11;
    let bytes: usize = COPIES * texts.iter().map(|t| t.text.len()).sum::<usize>();

    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    let input = Input::Paths(vec![corpus.path().to_path_buf()]);
    group.bench_function(format!("{records} records, full rebuild"), |b| {
        b.iter(|| {
            let index = tempfile::tempdir().unwrap();
            let report =
                build_index(&index.path().join("index"), &input, IndexOptions::default()).unwrap();
            assert_eq!(report.records, records);
        })
    });
    group.finish();

    let index = tempfile::tempdir().unwrap();
    let index_dir = index.path().join("index");
    build_index(&index_dir, &input, IndexOptions::default()).unwrap();
    let engine = Engine::open(&index_dir).unwrap();
    let mut group = c.benchmark_group("query");
    let cases: [(&str, SearchRequest, usize); 5] = [
        ("single term", request("visit", None), 1),
        ("phrase", request("\"mental health\"", None), 1),
        ("lt inflected", request("sveikata", None), 1),
        ("facet filtered", request("visit", Some("Iceland")), 1),
        (
            "fuzzy",
            SearchRequest {
                fuzzy: true,
                ..request("sclerosus", None)
            },
            1,
        ),
    ];
    for (name, request, at_least) in cases {
        group.bench_function(name, |b| {
            b.iter(|| {
                let results = engine.search(black_box(&request)).unwrap();
                assert!(
                    results.total >= at_least * COPIES,
                    "{name}: {}",
                    results.total
                );
            })
        });
    }
    group.finish();
}

/// Pairing features of generated records (partner names, names in the text), as the
/// indexing pipeline extracts them for every record it reads.
fn bench_features(c: &mut Criterion) {
    use bireport::generate::{generate, GenOptions};
    use bireport::pairing::Features;
    let records = generate(GenOptions {
        records: 10_000,
        seed: 1,
    })
    .parse();
    let mut group = c.benchmark_group("features");
    group.throughput(Throughput::Elements(records.len() as u64));
    group.bench_function("10000 generated records", |b| {
        b.iter(|| {
            let named = records
                .iter()
                .map(Features::of)
                .filter(|f| !f.names().is_empty() || !f.text_names().is_empty())
                .count();
            assert!(
                named * 2 > records.len(),
                "{named} of {} with names",
                records.len()
            );
        })
    });
    group.finish();
}

fn bench_pair(c: &mut Criterion) {
    use bireport::generate::{generate, GenOptions};
    use bireport::pairing::spill::FeatureSpill;
    use bireport::pairing::{pair, Features};
    let mut group = c.benchmark_group("pair");
    group.sample_size(10);
    for size in [10_000usize, 100_000] {
        let corpus = generate(GenOptions {
            records: size,
            seed: 1,
        });
        let truth = corpus.truth.len();
        let features: Vec<Features> = corpus.parse().iter().map(Features::of).collect();
        group.throughput(Throughput::Elements(size as u64));
        group.bench_function(format!("{size} records"), |b| {
            b.iter(|| {
                let pairs = pair(black_box(&features)).len();
                assert!(pairs * 100 >= truth * 98, "{pairs} pairs of {truth} true");
            })
        });
        // As indexing pairs: features written to a spill file, read back by blocks.
        let encoded: Vec<Vec<u8>> = features.iter().map(Features::encode).collect();
        let scratch = tempfile::tempdir().expect("scratch directory");
        group.bench_function(format!("{size} records, spilled"), |b| {
            b.iter(|| {
                let mut spill = FeatureSpill::new_in(scratch.path()).expect("spill file");
                for (f, bytes) in features.iter().zip(&encoded) {
                    spill.push(f, bytes).expect("spill write");
                }
                let (pairs, _) = spill.pairs(|err| err, |_| Ok(())).expect("spill read");
                assert!(pairs * 100 >= truth * 98, "{pairs} pairs of {truth} true");
            })
        });
    }
    group.finish();
}

fn request(query: &str, country: Option<&str>) -> SearchRequest {
    SearchRequest {
        query: query.to_string(),
        country: country.map(str::to_string),
        limit: 10,
        ..SearchRequest::default()
    }
}

criterion_group!(
    benches,
    bench_split,
    bench_detect,
    bench_analyse,
    bench_features,
    bench_pair,
    bench_index_and_query
);
criterion_main!(benches);
