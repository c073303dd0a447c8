//! Language: which language is a record written in?
//!
//! whatlang looks at a bounded prefix of the record's body (its sections, not the header,
//! since a Lithuanian summary often names its partner in English). Detection is per
//! record, never per file or file name.
//!
//! Speed matters here: whatlang over all its languages costs ~120 µs a record whatever the
//! length, and a choice between English and Lithuanian alone ~25 µs on 512 bytes. Most
//! records need neither: English prose is a quarter function words, Lithuanian a tenth,
//! and Lithuanian writes letters no neighbour does (ą ę ė į ų). So the first test counts
//! function words of both languages (a few µs): one language clearly present and the
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
const LITHUANIAN_LETTERS: &[char] = &['ą', 'ę', 'ė', 'į', 'ų', 'Ą', 'Ę', 'Ė', 'Į', 'Ų'];

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

/// The words of a sample, and how many of them are English and Lithuanian function words.
#[derive(Debug, Clone, Copy)]
struct FunctionWords {
    words: usize,
    english: usize,
    lithuanian: usize,
}

impl FunctionWords {
    /// Counts over the UAX#29 words of `sample`, compared in lowercase.
    fn of(sample: &str) -> FunctionWords {
        let mut counts = FunctionWords {
            words: 0,
            english: 0,
            lithuanian: 0,
        };
        let mut lowered = String::new();
        for (_, word) in crate::analysis::words(sample) {
            lowered.clear();
            if word.is_ascii() {
                lowered.push_str(word);
                lowered.make_ascii_lowercase();
            } else {
                lowered.extend(word.chars().flat_map(char::to_lowercase));
            }
            counts.words += 1;
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
        && sample.contains(LITHUANIAN_LETTERS)
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

    #[test]
    fn empty_text_is_undetermined_and_prefixes_respect_char_boundaries() {
        assert_eq!(detect("").code, "und");
        assert_eq!(prefix("ąčę", 3), "ą");
        assert_eq!(prefix("abc", 10), "abc");
    }
}
