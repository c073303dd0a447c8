//! Property tests: no input makes splitting, period parsing or the query path panic,
//! splitting loses no line, a record reads back from its stored form as it was, the fast word splitter agrees with UAX#29 (and skipping lowercase pieces changes no marked
//! word), the bigram
//! field's terms are the adjacent content terms whether replayed or analysed afresh, and
//! analysis gated for a few wanted terms (snippets) finds them where plain analysis does.

use std::sync::OnceLock;

use proptest::prelude::*;

use bireport::analysis::{marked_words, words};
use bireport::ingest::split::split;
use bireport::period::Period;
use bireport::pipeline::{build_index, IndexOptions, Input};
use bireport::record::StoredRecord;
use bireport::search::{Engine, SearchRequest};
use unicode_segmentation::UnicodeSegmentation;

/// Lines that look like report lines, to reach the splitter's interesting paths.
fn report_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Partner: Oslo Fusion (Norway)".to_string()),
        Just("Partneris:\u{a0}Bergeno savivaldybė (Norvegija)".to_string()),
        Just("Santrauka:".to_string()),
        Just("Main results of the initiative:".to_string()),
        Just("Implementation period: 21/02-03/03 2020".to_string()),
        "[ \\PC]{0,40}",
        "\\PC{0,80}",
    ]
}

/// A mark after whitespace joins the whitespace's segment (WB4), and horizontal
/// whitespace of any kind is one segment (WB3d): such a word reaches back over pieces the
/// fast path cuts at ASCII whitespace (found by `fast_words_agree_on_report_lines`).
#[test]
fn fast_words_agree_on_marks_after_unicode_spaces() {
    for text in [
        "\u{2000} \u{11ca9}",
        "a\u{2000} \u{301}b",
        "x \u{3000}\u{200d}y",
        "„ \u{2002}  \u{11ca9}z word",
        "word \u{2000}\u{2000} \u{11ca9} next",
    ] {
        let fast: Vec<(usize, &str)> = words(text).collect();
        let reference: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        assert_eq!(fast, reference, "{text:?}");
    }
}

/// A PDF as the renderer writes it, for damaging.
const PDF_SAMPLE: &[u8] = include_bytes!("data/formats/pdf/004_257f851f65888750.pdf");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn splitting_then_rejoining_keeps_every_non_blank_line(lines in prop::collection::vec(report_line(), 0..40)) {
        let text = lines.join("\n");
        let split = split(&text);
        let mut rejoined: Vec<&str> = split.preamble.clone();
        for block in &split.blocks {
            rejoined.extend(block.lines.iter());
        }
        let non_blank = |lines: Vec<&str>| -> Vec<String> {
            lines.into_iter().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
        };
        prop_assert_eq!(non_blank(rejoined), non_blank(text.lines().collect()));
    }

    #[test]
    fn records_never_panic_and_keep_their_text(lines in prop::collection::vec(report_line(), 0..30)) {
        let text = lines.join("\n");
        let source = bireport::ingest::SourceText { format: Default::default(), source: "p.txt".into(), text: text.clone() };
        for record in bireport::ingest::records(&source) {
            prop_assert!(text.contains(&record.text));
        }
    }

    #[test]
    fn document_readers_never_panic_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        let _ = bireport::ingest::html::to_text(&bytes);
        let _ = bireport::ingest::docx::to_text(&bytes);
        let zip_like = [&b"PK\x03\x04"[..], &bytes].concat();
        let _ = bireport::ingest::docx::to_text(&zip_like);
        let page = [&b"<!doctype html><p>"[..], &bytes].concat();
        let _ = bireport::ingest::html::to_text(&page);
    }

    #[test]
    fn a_damaged_pdf_is_read_or_skipped_never_a_crash(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..40),
        cut in any::<prop::sample::Index>(),
    ) {
        // Random bytes are refused before parsing (no `%PDF-`, no `%%EOF`): the damage that
        // reaches the parser is a real file's, overwritten here and there or cut short. The
        // parser does panic on some of it (`tests/data/formats/bad/reader-panics.pdf`);
        // reading a file catches that and skips the file.
        let mut bytes = PDF_SAMPLE.to_vec();
        for (at, byte) in &edits {
            let at = at.index(bytes.len());
            bytes[at] = *byte;
        }
        let mut short = bytes[..cut.index(bytes.len())].to_vec();
        short.extend_from_slice(b"\n%%EOF\n");
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in [("damaged.pdf", &bytes), ("short.pdf", &short)] {
            let path = dir.path().join(name);
            std::fs::write(&path, content).unwrap();
            let file = bireport::ingest::InputFile {
                source: name.to_string(),
                origin: bireport::ingest::Origin::Disk(path),
                size: content.len() as u64,
            };
            match file.bytes().and_then(|read| file.decode(read)) {
                Ok(text) => prop_assert!(!text.text.trim().is_empty()),
                Err(skipped) => prop_assert!(!skipped.reason.is_empty()),
            }
        }
    }

    #[test]
    fn a_stored_record_reads_back_as_itself(lines in prop::collection::vec(report_line(), 0..30)) {
        let source = bireport::ingest::SourceText { format: Default::default(), source: "p.txt".into(), text: lines.join("\n") };
        for record in bireport::ingest::records(&source) {
            let json = StoredRecord::of(&record).to_json();
            // The text is stored beside the JSON, not in it.
            prop_assert!(!json.contains("\"text\":"), "{}", json);
            let stored = StoredRecord::from_parts(&json, &record.text).unwrap();
            prop_assert_eq!(bireport::ingest::restore(stored), record);
        }
    }

    #[test]
    fn fast_words_are_the_uax29_words(
        text in "[a-zA-Z0-9 .,;:'_\"\\-/\t\n\r\u{b}\u{c}ąčęėįšųūžĄŠøÆéüðÿĀſ×÷\u{ad}\u{301}\u{200d}\u{200b}\u{a0}\u{2019}👍アא🇱🇹„“”–—…•€\u{2018}\u{2024}\u{2060}\u{203c}\u{2044}\u{2092}\u{20ab}]{0,40}",
    ) {
        let fast: Vec<(usize, &str)> = words(&text).collect();
        let reference: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        prop_assert_eq!(fast, reference);
    }

    #[test]
    fn lowercase_words_are_the_short_words_lowercased(
        text in "[a-zA-Z0-9 .,'\n ąčęėįšųūžĄČĘĖĮŠŲŪŽØÆÉÜİ\u{212a}ẞΣ\u{2019}]{0,60}|(x{70,90}|İ{38,42}|Š{38,42}|(a\u{2019}){18,28}| ){1,4}",
    ) {
        use bireport::analysis::{WordTokenizer, MAX_WORD_BYTES};
        use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, TextAnalyzer};
        let tokens = |mut analyzer: TextAnalyzer| {
            let mut stream = analyzer.token_stream(&text);
            let mut out = Vec::new();
            while let Some(t) = stream.next() {
                out.push((t.position, t.offset_from, t.offset_to, t.text.clone()));
            }
            out
        };
        // The chain the tokenizer's lowercase form replaces.
        let chained = tokens(
            TextAnalyzer::builder(WordTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
                .filter(LowerCaser)
                .build(),
        );
        prop_assert_eq!(tokens(TextAnalyzer::from(WordTokenizer::lowercase(MAX_WORD_BYTES))), chained);
    }

    #[test]
    fn bigram_terms_are_the_adjacent_content_terms_replayed_or_not(
        text in "[a-zA-Z ąčęėįšųūžŠ.,'\n]{0,60}|(the|of|youth|participation|Šančių|bendruomenės|ir|su|x{81}| |, ){0,12}",
    ) {
        use bireport::analysis::{bigram, is_function_term, Analyzer, Mode};
        for analyzer in Analyzer::ALL {
            let terms = |mut a: tantivy::tokenizer::TextAnalyzer, text: &str| {
                let mut stream = a.token_stream(text);
                let mut out = Vec::new();
                while let Some(token) = stream.next() {
                    out.push((token.position, token.text.clone()));
                }
                out
            };
            // The oracle: every content-term pair at adjacent positions.
            let plain = terms(analyzer.build_plain(Mode::Indexing), &text);
            let mut expected = Vec::new();
            for (position, first) in &plain {
                for (next, second) in &plain {
                    if *next == position + 1
                        && !is_function_term(analyzer, first)
                        && !is_function_term(analyzer, second)
                    {
                        expected.push((*position, bigram(first, second)));
                    }
                }
            }
            // Fresh (nothing recorded on this thread for this text yet)...
            let fresh = terms(analyzer.build_bigrams(Mode::Indexing), &format!("{text} "));
            // ... and replayed after the recording analyzer saw the text.
            terms(analyzer.build(Mode::Indexing), &text);
            let replayed = terms(analyzer.build_bigrams(Mode::Indexing), &text);
            prop_assert_eq!(&replayed, &expected, "{:?}", analyzer);
            let fresh_texts: Vec<&String> = fresh.iter().map(|(_, t)| t).collect();
            let expected_texts: Vec<&String> = expected.iter().map(|(_, t)| t).collect();
            prop_assert_eq!(fresh_texts, expected_texts, "{:?}", analyzer);
        }
    }

    #[test]
    fn gated_analysis_finds_the_wanted_terms_where_plain_analysis_does(
        text in "[a-zA-Z0-9 ąčęėįšųūžŠĄÉİ\u{212a}.,'\u{2019}\n]{0,60}|(Sveikatos|sveikata|Šančių|sanciu|valdžios|dying|skies|Kelvin|\u{212a}elvin|İstanbul|2020| |, ){0,12}",
        wanted in prop::collection::vec(0usize..12, 0..4),
    ) {
        use bireport::analysis::{Analyzer, Mode};
        for analyzer in Analyzer::ALL {
            for mode in [Mode::Indexing, Mode::Searching] {
                let tokens = |mut a: tantivy::tokenizer::TextAnalyzer| {
                    let mut stream = a.token_stream(&text);
                    let mut out = Vec::new();
                    while let Some(token) = stream.next() {
                        out.push((token.position, token.offset_from, token.offset_to, token.text.clone()));
                    }
                    out
                };
                let plain = tokens(analyzer.build_plain(mode));
                // Wanted: some of the text's own terms, and one it does not have.
                let mut terms: Vec<String> = wanted
                    .iter()
                    .filter_map(|&i| plain.get(i).map(|t| t.3.clone()))
                    .collect();
                terms.push("zzz".to_string());
                let found = |tokens: Vec<(usize, usize, usize, String)>| {
                    tokens.into_iter().filter(|t| terms.contains(&t.3)).collect::<Vec<_>>()
                };
                let gated = tokens(analyzer.build_finding(mode, terms.iter().map(String::as_str)));
                let words = |tokens: &[(usize, usize, usize, String)]| {
                    let mut words: Vec<(usize, usize, usize)> = tokens.iter().map(|t| (t.0, t.1, t.2)).collect();
                    words.dedup();
                    words
                };
                // Every word still comes out, where it was...
                prop_assert_eq!(words(&gated), words(&plain), "{:?} {:?}", analyzer, mode);
                // ... and the wanted terms are found exactly where plain analysis finds them.
                prop_assert_eq!(found(gated), found(plain), "{:?} {:?}", analyzer, mode);
            }
        }
    }

    #[test]
    fn fast_words_agree_on_report_lines(text in report_line()) {
        let fast: Vec<(usize, &str)> = words(&text).collect();
        let reference: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        prop_assert_eq!(fast, reference);
    }

    #[test]
    fn marked_words_are_the_words_with_capitals_or_digits(
        lines in prop::collection::vec(prop_oneof![
            report_line(),
            "[a-z_.,;:'!?()\\- ]{0,30}",
            "[a-zß-öø-ÿāąčėęįšūųž_.,;:'!? -]{0,30}",
            "[a-zA-Z0-9_.,;:'!?„“”–—…•€ \u{a0}\u{2000}\u{301}\u{2019}\u{2060}ąėšžĄĖŠŽÀ-ÿĀ-ſ×÷Жж-]{0,40}",
        ], 1..6)
    ) {
        let text = lines.join(" ");
        let mut previous_end = 0;
        let mut reference = Vec::new();
        for (offset, word) in words(&text) {
            let marked = word.chars().any(|c| c.is_uppercase() || c.is_ascii_digit());
            if marked {
                reference.push((previous_end, offset, word));
            }
            previous_end = offset + word.len();
        }
        let fast: Vec<(usize, usize, &str)> = marked_words(&text).collect();
        prop_assert_eq!(fast, reference, "{:?}", text);
    }

    #[test]
    fn period_parsing_never_panics(text in "\\PC{0,40}") {
        if let Some(period) = Period::parse(&text) {
            prop_assert!(period.start <= period.end);
        }
    }

    #[test]
    fn period_parsing_of_digit_soup_never_panics(text in "[0-9/.\\- –—]{0,30}") {
        let _ = Period::parse(&text);
    }

    #[test]
    fn queries_never_panic(query in "[a-z\"():*^~+\\-\\[\\]{} ANDORT]{0,30}") {
        let engine = sample_engine();
        let request = SearchRequest { query, limit: 3, ..SearchRequest::default() };
        match engine.search(&request) {
            Ok(results) => prop_assert!(results.hits.len() <= 3),
            Err(err) => prop_assert!(err.is_usage(), "not a usage error: {err}"),
        }
    }
}

/// One index of the embedded corpus, shared by the query properties.
fn sample_engine() -> &'static Engine {
    static ENGINE: OnceLock<(tempfile::TempDir, Engine)> = OnceLock::new();
    let (_, engine) = ENGINE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = dir.path().join("index");
        build_index(&index, &Input::Embedded, IndexOptions::default()).expect("index");
        let engine = Engine::open(&index).expect("open");
        (dir, engine)
    });
    engine
}

mod pairing_properties {
    use std::collections::HashSet;

    use proptest::prelude::*;
    use rand::seq::SliceRandom;
    use rand::SeedableRng;

    use bireport::generate::{generate, GenOptions};
    use bireport::pairing::pair_records;
    use bireport::record::Record;

    fn corpus(seed: u64, size: usize) -> Vec<Record> {
        generate(GenOptions {
            records: size,
            seed,
        })
        .parse()
    }

    fn id_pairs(records: &[Record]) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = pair_records(records)
            .into_iter()
            .map(|p| (records[p.lt].id.clone(), records[p.en].id.clone()))
            .collect();
        pairs.sort();
        pairs
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        #[test]
        fn pairing_is_one_to_one_deterministic_and_order_independent(seed in 0u64..10_000, shuffle in 0u64..10_000, size in 50usize..700) {
            let records = corpus(seed, size);
            let pairs = id_pairs(&records);
            // One to one: no record in two pairs, and every pair is Lithuanian ↔ English.
            let mut seen = HashSet::new();
            for (lt, en) in &pairs {
                prop_assert!(seen.insert(lt.clone()) && seen.insert(en.clone()), "{lt} or {en} paired twice");
                let lang = |id: &str| records.iter().find(|r| r.id == id).map(|r| r.lang.code.clone()).unwrap_or_default();
                prop_assert_eq!(lang(lt), "lt");
                prop_assert_eq!(lang(en), "en");
            }
            // Deterministic.
            prop_assert_eq!(&id_pairs(&records), &pairs);
            // Independent of the order of records (and so of files).
            let mut shuffled = records.clone();
            shuffled.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(shuffle));
            prop_assert_eq!(&id_pairs(&shuffled), &pairs);
        }
    }
}
