//! Analysis: how should report text become index terms, per language?
//!
//! Two analyzers, registered under the names in [`Analyzer`]:
//! - `en`: UAX#29 words → lowercase → English Snowball stem → ASCII folding;
//! - `lt`: UAX#29 words → lowercase → Lithuanian Snowball stem → ASCII folding,
//!   so `sveikata` finds `sveikatos` and `issetine skleroze` finds `išsėtinės sklerozės`.
//!
//! Records in any other language are indexed with the English analyzer (their `lang`
//! facet keeps the real code). The same analyzers run on documents and on queries, which
//! is why [`register`] must be called on every `Index` that is created *or opened*.

mod snowball;
mod words;

use std::cell::RefCell;

use frostem::Algorithm;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, TextAnalyzer,
};
use tantivy::Index;

pub use snowball::{SnowballFilter, SnowballStemmer, SnowballTokenStream};
pub use words::{WordTokenStream, WordTokenizer};

/// Words longer than this many bytes are not indexed (base64 blobs, runs of symbols).
pub const MAX_WORD_BYTES: usize = 80;

/// The per-language analyzers bireport registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Analyzer {
    /// English.
    English,
    /// Lithuanian.
    Lithuanian,
}

impl Analyzer {
    /// Both analyzers.
    pub const ALL: [Analyzer; 2] = [Analyzer::English, Analyzer::Lithuanian];

    /// The analyzer for a record whose language code is `lang`.
    pub fn for_lang(lang: &str) -> Analyzer {
        if lang == "lt" {
            Analyzer::Lithuanian
        } else {
            Analyzer::English
        }
    }

    /// The tokenizer name registered in the index, also the field suffix (`body_en`).
    pub fn name(self) -> &'static str {
        match self {
            Analyzer::English => "en",
            Analyzer::Lithuanian => "lt",
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Analyzer::English => Algorithm::English,
            Analyzer::Lithuanian => Algorithm::Lithuanian,
        }
    }

    /// Builds the text analyzer.
    pub fn build(self) -> TextAnalyzer {
        TextAnalyzer::builder(WordTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
            .filter(LowerCaser)
            .filter(SnowballStemmer::new(self.algorithm()))
            .filter(AsciiFoldingFilter)
            .build()
    }

    /// The terms this analyzer makes of `text`, in order.
    pub fn terms(self, text: &str) -> Vec<String> {
        let mut analyzer = self.build();
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push(token.text.clone());
        }
        terms
    }
}

/// Registers both analyzers on `index`. Call after every create and open.
pub fn register(index: &Index) {
    for analyzer in Analyzer::ALL {
        index.tokenizers().register(analyzer.name(), analyzer.build());
    }
}

/// Folds diacritics to ASCII the way the index does (`Šančių` → `Sanciu`).
pub fn fold_diacritics(text: &str) -> String {
    thread_local! {
        static FOLDER: RefCell<TextAnalyzer> = RefCell::new(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }
    if text.is_ascii() {
        return text.to_string();
    }
    FOLDER.with(|folder| {
        let mut folder = folder.borrow_mut();
        let mut stream = folder.token_stream(text);
        let mut folded = String::with_capacity(text.len());
        while let Some(token) = stream.next() {
            folded.push_str(&token.text);
        }
        folded
    })
}

/// The Lithuanian Snowball stem of one lowercase word.
pub fn stem_lithuanian(word: &str) -> String {
    frostem::Stemmer::new(Algorithm::Lithuanian)
        .stem(word)
        .into_owned()
}

/// The English Snowball stem of one lowercase word.
pub fn stem_english(word: &str) -> String {
    frostem::Stemmer::new(Algorithm::English)
        .stem(word)
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lithuanian_inflections_share_a_term() {
        let lt = Analyzer::Lithuanian;
        assert_eq!(lt.terms("sveikata"), lt.terms("sveikatos"));
        assert_eq!(lt.terms("paveldas"), lt.terms("paveldą"));
        assert_eq!(
            lt.terms("issetine skleroze"),
            lt.terms("išsėtinės sklerozės")
        );
    }

    #[test]
    fn english_terms_are_stemmed_and_folded() {
        let en = Analyzer::English;
        assert_eq!(en.terms("Organizations"), en.terms("organization"));
        assert_eq!(en.terms("Kingdom’s"), vec!["kingdom"]);
        assert_eq!(en.terms("Bodø"), vec!["bodo"]);
    }

    #[test]
    fn words_follow_unicode_boundaries() {
        let en = Analyzer::English;
        assert_eq!(en.terms("„Oslo/Fusion“"), vec!["oslo", "fusion"]);
        assert_eq!(en.terms(""), Vec::<String>::new());
        let long = "x".repeat(MAX_WORD_BYTES + 1);
        assert_eq!(en.terms(&format!("a {long} b")), vec!["a", "b"]);
    }

    #[test]
    fn folding_matches_the_index() {
        assert_eq!(fold_diacritics("Žemųjų Šančių"), "Zemuju Sanciu");
        assert_eq!(fold_diacritics("plain"), "plain");
    }
}
