//! Language: which language is a record written in?
//!
//! whatlang looks at a bounded prefix of the record's body (its sections, not the header,
//! since a Lithuanian summary often names its partner in English). Detection is per
//! record, never per file or file name. When whatlang's first guess is neither English nor
//! Lithuanian and not reliable, the record is re-checked against those two only, since
//! short summaries of this corpus are overwhelmingly one of them.

use whatlang::{Detector, Lang};

use crate::record::Language;

/// How many bytes of text detection reads at most.
pub const DETECT_PREFIX_BYTES: usize = 2048;

/// Detects the language of `text`.
pub fn detect(text: &str) -> Language {
    let sample = prefix(text, DETECT_PREFIX_BYTES);
    let Some(info) = whatlang::detect(sample) else {
        return undetermined();
    };
    let info = if matches!(info.lang(), Lang::Eng | Lang::Lit) || info.is_reliable() {
        info
    } else {
        match Detector::with_allowlist(vec![Lang::Eng, Lang::Lit]).detect(sample) {
            Some(narrow) => narrow,
            None => info,
        }
    };
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
    fn empty_text_is_undetermined_and_prefixes_respect_char_boundaries() {
        assert_eq!(detect("").code, "und");
        assert_eq!(prefix("ąčę", 3), "ą");
        assert_eq!(prefix("abc", 10), "abc");
    }
}
