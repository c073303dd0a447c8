//! Language: which language is a record written in?
//!
//! whatlang looks at a bounded prefix of the record's body (its sections, not the header,
//! since a Lithuanian summary often names its partner in English). Detection is per
//! record, never per file or file name.
//!
//! Speed matters here: every record is detected. whatlang over all its languages scores
//! the sample's trigrams against every language of its script, and a choice between
//! English and Lithuanian alone still counts every trigram of the sample. Most
//! records need neither: English prose is a quarter function words, Lithuanian a tenth,
//! and Lithuanian writes letters no neighbour does (ą ę ė į ų). So the first test counts
//! function words of both languages (a `match` per word, over words found by a
//! one-pass scan rather than UAX#29): one language clearly present and the
//! other absent decides. Then whatlang chooses between English and Lithuanian, accepted
//! only when that language's function words make up a real share of the sample; anything
//! else — German, Norwegian, Latvian, a list of names — goes to the full detector.

use whatlang::{Detector, Lang};

use crate::record::Language;

/// Bytes the fast path reads.
pub const FAST_PREFIX_BYTES: usize = 512;
/// Bytes the full detector reads.
pub const DETECT_PREFIX_BYTES: usize = 2048;
/// Share of the sample's words that must be function words of the fast path's answer.
const MIN_FUNCTION_WORD_SHARE: f64 = 0.05;
/// Share of English function words that decides English without whatlang.
const CLEAR_ENGLISH_SHARE: f64 = 0.15;
/// Share of Lithuanian function words that decides Lithuanian without whatlang (with
/// Lithuanian letters present).
const CLEAR_LITHUANIAN_SHARE: f64 = 0.05;
/// Share of the other language's function words that still counts as absent.
const ABSENT_SHARE: f64 = 0.02;
/// Letters written in Lithuanian and in none of its neighbours' languages.
#[cfg(test)]
const LITHUANIAN_LETTERS: &[char] = &['ą', 'ę', 'ė', 'į', 'ų', 'Ą', 'Ę', 'Ė', 'Į', 'Ų'];

/// Whether `text` holds one of [`LITHUANIAN_LETTERS`], found by their UTF-8 bytes (U+0104,
/// U+0105, U+0116–U+0119, U+012E, U+012F; U+0172, U+0173) rather than by decoding every
/// character.
fn has_lithuanian_letter(text: &str) -> bool {
    text.as_bytes().windows(2).any(|pair| {
        matches!(
            pair,
            [0xC4, 0x84 | 0x85 | 0x96..=0x99 | 0xAE | 0xAF] | [0xC5, 0xB2 | 0xB3]
        )
    })
}

/// English function words (a `match`: this runs for every word of every sample).
fn is_english_function_word(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "and"
            | "of"
            | "to"
            | "in"
            | "a"
            | "for"
            | "with"
            | "was"
            | "were"
            | "on"
            | "is"
            | "by"
            | "as"
            | "an"
            | "that"
            | "be"
            | "will"
            | "from"
            | "this"
            | "are"
            | "their"
            | "at"
            | "it"
            | "or"
            | "have"
    )
}

/// Lithuanian function words.
fn is_lithuanian_function_word(word: &str) -> bool {
    matches!(
        word,
        "ir" | "bei"
            | "su"
            | "kad"
            | "yra"
            | "tarp"
            | "metu"
            | "į"
            | "iš"
            | "per"
            | "buvo"
            | "bus"
            | "taip"
            | "pat"
            | "kurie"
            | "kuris"
            | "dėl"
            | "jų"
            | "jo"
            | "ar"
            | "nuo"
            | "prie"
            | "apie"
            | "už"
            | "tai"
            | "kaip"
            | "kurių"
            | "siekiama"
            | "bendradarbiavimo"
    )
}

/// Bytes of the longest function word (`bendradarbiavimo`).
const LONGEST_FUNCTION_WORD: usize = 16;

/// The words of a detection sample: what UAX#29 ([`crate::analysis::words`]) gives for
/// prose, found in one pass over the bytes. A word starts at a letter or digit and runs
/// over letters, digits and `_`, kept together by `'` `’` `.` `:` between two letters and
/// by `'` `’` `.` `,` `;` between two digits. Unlike UAX#29 it splits words at combining
/// marks and treats scripts without spaces as letters; neither matters for counting
/// function words, and a test checks the counts against UAX#29's on the sample and
/// generated corpora. Detection reads every record's first 512 bytes, so this scan runs
/// once per record: UAX#29's segmenter, with its full Unicode tables, does far more work
/// per byte than these few character classes.
fn sample_words(sample: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        // Skip to the next letter or digit (a word starting with `_` loses it, which
        // changes no count).
        let (start, first) = loop {
            let (len, kind) = char_kind(sample, at)?;
            if matches!(kind, CharKind::Letter | CharKind::Digit) {
                break (at, kind);
            }
            at += len;
        };
        let mut last = first;
        at = start;
        while let Some((len, kind)) = char_kind(sample, at) {
            match kind {
                CharKind::JoinsBoth | CharKind::JoinsLetters | CharKind::JoinsDigits => {
                    let next = char_kind(sample, at + len).map(|(_, kind)| kind);
                    let between = |side| last == side && next == Some(side);
                    let letters = kind != CharKind::JoinsDigits && between(CharKind::Letter);
                    let digits = kind != CharKind::JoinsLetters && between(CharKind::Digit);
                    if !(letters || digits) {
                        break;
                    }
                }
                CharKind::Other => break,
                CharKind::Letter | CharKind::Digit | CharKind::Underscore => {}
            }
            last = kind;
            at += len;
        }
        Some(&sample[start..at])
    })
}

/// What a character is to [`sample_words`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharKind {
    Letter,
    Digit,
    Underscore,
    /// Joins two letters or two digits (`'`, `’`, `.`).
    JoinsBoth,
    /// Joins two letters (`:`).
    JoinsLetters,
    /// Joins two digits (`,`, `;`).
    JoinsDigits,
    Other,
}

/// The length and kind of the character at byte `at` of `text`, if any.
#[inline(always)]
fn char_kind(text: &str, at: usize) -> Option<(usize, CharKind)> {
    let byte = *text.as_bytes().get(at)?;
    Some(match byte {
        0x00..=0x7F => (1, ASCII_KINDS[usize::from(byte)]),
        // Latin-1 letters but `×` and `÷`, and all of Latin Extended-A (Lithuanian's).
        0xC3 if !matches!(text.as_bytes().get(at + 1), Some(0x97 | 0xB7)) => (2, CharKind::Letter),
        0xC4 | 0xC5 => (2, CharKind::Letter),
        _ => other_char_kind(text[at..].chars().next()?),
    })
}

/// [`char_kind`] of the characters it does not know by their first byte.
#[cold]
fn other_char_kind(c: char) -> (usize, CharKind) {
    let kind = if matches!(c, '\u{2018}' | '\u{2019}') {
        CharKind::JoinsBoth
    } else if c.is_numeric() {
        CharKind::Digit
    } else if c.is_alphanumeric() {
        CharKind::Letter
    } else {
        CharKind::Other
    };
    (c.len_utf8(), kind)
}

/// [`CharKind`] of every ASCII character.
static ASCII_KINDS: [CharKind; 128] = {
    let mut kinds = [CharKind::Other; 128];
    let mut byte = 0;
    while byte < 128 {
        kinds[byte] = match byte as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => CharKind::Letter,
            b'0'..=b'9' => CharKind::Digit,
            b'_' => CharKind::Underscore,
            b'\'' | b'.' => CharKind::JoinsBoth,
            b':' => CharKind::JoinsLetters,
            b',' | b';' => CharKind::JoinsDigits,
            _ => CharKind::Other,
        };
        byte += 1;
    }
    kinds
};

/// The words of a sample, and how many of them are English and Lithuanian function words.
#[derive(Debug, Clone, Copy)]
struct FunctionWords {
    words: usize,
    english: usize,
    lithuanian: usize,
}

impl FunctionWords {
    /// Counts over the words of `sample` ([`sample_words`]), compared in lowercase.
    fn of(sample: &str) -> FunctionWords {
        let mut counts = FunctionWords {
            words: 0,
            english: 0,
            lithuanian: 0,
        };
        let mut lowered = String::new();
        for word in sample_words(sample) {
            counts.words += 1;
            // No function word is longer than this.
            if word.len() > LONGEST_FUNCTION_WORD {
                continue;
            }
            lowered.clear();
            if word.is_ascii() {
                lowered.push_str(word);
                lowered.make_ascii_lowercase();
            } else {
                for c in word.chars() {
                    crate::analysis::push_lowercase(&mut lowered, c);
                }
            }
            counts.english += usize::from(is_english_function_word(&lowered));
            counts.lithuanian += usize::from(is_lithuanian_function_word(&lowered));
        }
        counts
    }

    fn share(&self, hits: usize) -> f64 {
        hits as f64 / self.words.max(1) as f64
    }
}

/// Detects the language of `text`.
pub fn detect(text: &str) -> Language {
    // Both English-or-Lithuanian paths read the same sample's function words.
    let sample = prefix(text, FAST_PREFIX_BYTES);
    let counts = FunctionWords::of(sample);
    if let Some(language) = clear_english_or_lithuanian(sample, counts) {
        return language;
    }
    if let Some(language) = detect_english_or_lithuanian(sample, counts) {
        return language;
    }
    let sample = prefix(text, DETECT_PREFIX_BYTES);
    let Some(info) = whatlang::detect(sample) else {
        return undetermined();
    };
    let info = if matches!(info.lang(), Lang::Eng | Lang::Lit) || info.is_reliable() {
        info
    } else {
        Detector::with_allowlist(vec![Lang::Eng, Lang::Lit])
            .detect(sample)
            .unwrap_or(info)
    };
    language_of(info)
}

/// English or Lithuanian when the function words leave no doubt: one language's make up
/// a clear share of the sample's words, the other's next to none (and Lithuanian letters
/// are there for Lithuanian). Confidence is the winner's share of all function words seen.
fn clear_english_or_lithuanian(sample: &str, counts: FunctionWords) -> Option<Language> {
    let FunctionWords {
        words,
        english,
        lithuanian,
    } = counts;
    if words < 8 {
        return None;
    }
    let confidence =
        |hits: usize| (hits as f64 / (english + lithuanian) as f64 * 1000.0).round() / 1000.0;
    if counts.share(english) >= CLEAR_ENGLISH_SHARE && counts.share(lithuanian) <= ABSENT_SHARE {
        return Some(Language {
            code: "en".to_string(),
            confidence: confidence(english),
        });
    }
    if counts.share(lithuanian) >= CLEAR_LITHUANIAN_SHARE
        && counts.share(english) <= ABSENT_SHARE
        && has_lithuanian_letter(sample)
    {
        return Some(Language {
            code: "lt".to_string(),
            confidence: confidence(lithuanian),
        });
    }
    None
}

/// The second path: whatlang's choice between English and Lithuanian, when the sample's
/// function words agree.
fn detect_english_or_lithuanian(sample: &str, counts: FunctionWords) -> Option<Language> {
    let info = Detector::with_allowlist(vec![Lang::Eng, Lang::Lit]).detect(sample)?;
    let hits = match info.lang() {
        Lang::Eng => counts.english,
        _ => counts.lithuanian,
    };
    (counts.words >= 8 && counts.share(hits) >= MIN_FUNCTION_WORD_SHARE).then(|| language_of(info))
}

fn language_of(info: whatlang::Info) -> Language {
    Language {
        code: iso_639_1(info.lang()).to_string(),
        confidence: (info.confidence() * 1000.0).round() / 1000.0,
    }
}

fn undetermined() -> Language {
    Language {
        code: "und".to_string(),
        confidence: 0.0,
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a char boundary.
pub fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// ISO 639-1 code of the languages a European grant report plausibly uses; ISO 639-3
/// (whatlang's own code) for the rest.
pub fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Pol => "pl",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Bel => "be",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Nob => "nb",
        Lang::Fin => "fi",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_lithuanian_paragraphs() {
        let en = detect("During the visit, meetings with three organizations were held to discuss the preservation of heritage.");
        assert_eq!(en.code, "en");
        let lt = detect("Dvišalio bendradarbiavimo iniciatyvos tikslas - užmegzti partnerystę ir stiprinti dvišalius ryšius tarp organizacijų.");
        assert_eq!(lt.code, "lt");
        assert!(lt.confidence > 0.0);
    }

    #[test]
    fn other_languages_are_not_forced_into_english_or_lithuanian() {
        let de = detect("Während des Besuchs wurden Treffen mit drei Organisationen abgehalten, um die Erhaltung des Kulturerbes und die Zusammenarbeit zwischen den Partnern zu besprechen.");
        assert_eq!(de.code, "de");
        let nb = detect("Under besøket ble det holdt møter med tre organisasjoner for å diskutere bevaring av kulturarv og samarbeid mellom partnerne i kommunen.");
        assert!(["nb", "da", "nn"].contains(&nb.code.as_str()), "{nb:?}");
    }

    #[test]
    fn clear_cases_skip_whatlang_and_agree_with_it() {
        let en = "During the visit, meetings with three organizations were held to discuss the preservation of heritage and the role of the museum in the town.";
        let lt = "Vizito metu bus aptartas bendradarbiavimas ir dalijamasi patirtimi, kaip įtraukti jaunimą į kultūros paveldo išsaugojimą bei stiprinti ryšius tarp organizacijų.";
        for (text, code) in [(en, "en"), (lt, "lt")] {
            let counts = FunctionWords::of(text);
            let clear = clear_english_or_lithuanian(text, counts).expect(code);
            assert_eq!(clear.code, code);
            assert!(clear.confidence > 0.9, "{clear:?}");
            let whatlang = detect_english_or_lithuanian(text, counts).expect(code);
            assert_eq!(whatlang.code, code);
        }
        // Latvian shares "ir" with Lithuanian but not its letters.
        let lv = "Vizītes laikā tika apspriesta sadarbība un pieredzes apmaiņa, kā iesaistīt jauniešus kultūras mantojuma saglabāšanā, un ir stiprinātas saites starp organizācijām.";
        assert_eq!(clear_english_or_lithuanian(lv, FunctionWords::of(lv)), None);
        // Too few words to tell.
        let few = "the and of";
        assert_eq!(
            clear_english_or_lithuanian(few, FunctionWords::of(few)),
            None
        );
    }

    /// The function-word counts as UAX#29's words give them.
    fn uax29_counts(sample: &str) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for (_, word) in crate::analysis::words(sample) {
            let lowered: String = word.chars().flat_map(char::to_lowercase).collect();
            counts.0 += 1;
            counts.1 += usize::from(is_english_function_word(&lowered));
            counts.2 += usize::from(is_lithuanian_function_word(&lowered));
        }
        counts
    }

    #[test]
    fn sample_words_count_as_uax29_words_do_on_the_corpora() {
        use crate::generate::{generate, GenOptions};
        let (embedded, _) = crate::ingest::embedded();
        let generated = generate(GenOptions {
            records: 3_000,
            seed: 11,
        });
        let texts: Vec<String> = embedded
            .into_iter()
            .map(|t| t.text)
            .chain(generated.files.into_iter().map(|f| f.text))
            .collect();
        let mut samples = 0;
        for text in &texts {
            // Every record's detection sample, and every 512-byte window of whole files
            // (headers, dates, costs and punctuation included).
            let records = crate::ingest::records(&crate::ingest::SourceText {
                format: Default::default(),
                source: "t".into(),
                text: text.clone(),
            });
            let bodies = records.iter().map(|r| r.body());
            let windows = (0..text.len())
                .step_by(200)
                .filter(|&at| text.is_char_boundary(at))
                .map(|at| prefix(&text[at..], FAST_PREFIX_BYTES).to_string());
            for sample in bodies.chain(windows) {
                let sample = prefix(&sample, FAST_PREFIX_BYTES);
                let counts = FunctionWords::of(sample);
                assert_eq!(
                    (counts.words, counts.english, counts.lithuanian),
                    uax29_counts(sample),
                    "{sample:?}"
                );
                samples += 1;
            }
        }
        assert!(samples > 5_000, "{samples}");
        // Prose in other languages and the cases the joiners are for.
        for sample in [
            "Während des Besuchs wurden Treffen abgehalten, um die Erhaltung des Kulturerbes zu besprechen.",
            "Under besøket ble det holdt møter med tre organisasjoner for å diskutere bevaring.",
            "Vizītes laikā tika apspriesta sadarbība un pieredzes apmaiņa, kā iesaistīt jauniešus.",
            "the Kingdom’s and Norway's e.g. U.S. 3.5 1,000,000 10:30 21/02-03/03 2020 LT10-0012",
            "„Kauno“ – „Oslo/Fusion“ … ir į, Į, Dėl, JŲ __ a_b _x_ 3;4 x.1 1.x ‘a’",
        ] {
            let counts = FunctionWords::of(sample);
            assert_eq!(
                (counts.words, counts.english, counts.lithuanian),
                uax29_counts(sample),
                "{sample:?}"
            );
        }
    }

    #[test]
    fn lithuanian_letters_are_found_by_their_bytes() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                has_lithuanian_letter(&text),
                LITHUANIAN_LETTERS.contains(&c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn empty_text_is_undetermined_and_prefixes_respect_char_boundaries() {
        assert_eq!(detect("").code, "und");
        assert_eq!(prefix("ąčę", 3), "ą");
        assert_eq!(prefix("abc", 10), "abc");
    }
}
