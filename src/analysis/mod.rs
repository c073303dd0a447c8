//! Analysis: how should report text become index terms, per language?
//!
//! Two analyzers, registered under the names in [`Analyzer`]:
//! - `en`: UAX#29 words → lowercase → ASCII folding → English Snowball stem;
//! - `lt`: UAX#29 words → lowercase → ASCII folding → Lithuanian ending restored →
//!   Lithuanian Snowball stem, so `sveikata` finds `sveikatos` and `issetine skleroze`
//!   finds `išsėtinės sklerozės`.
//!
//! A query word gives the same term with or without diacritics (`Førde`/`Forde`); a
//! document word also carries the folded stem of the word as written (see [`forms`]).
//!
//! Each analyzer also has a bigram form (`en_bigrams`, `lt_bigrams`): the same terms,
//! paired with their neighbours (see [`bigrams`]), for the fields that make two-word
//! phrases a single term look-up.
//!
//! Records in any other language are indexed with the English analyzer (their `lang`
//! facet keeps the real code). The same analyzers run on documents and on queries, which
//! is why [`register`] must be called on every `Index` that is created *or opened*.

pub mod bigrams;
pub mod forms;
pub mod initials;
pub mod replay;
mod snowball;
pub mod stem_cache;
pub mod variants;
mod words;

use std::cell::RefCell;

use frostem::Algorithm;
use tantivy::tokenizer::{
    AsciiFoldingFilter, RawTokenizer, TextAnalyzer, TextAnalyzerBuilder, Tokenizer,
};
use tantivy::Index;

pub use bigrams::{bigram, is_function_term, WordBigrams, BIGRAM_SEPARATOR};
pub use initials::InitialGate;
pub use replay::{RecordingTokenizer, ReplayTokenizer};
pub use snowball::{SnowballFilter, SnowballStemmer, SnowballTokenStream};
pub use variants::DiacriticVariants;
pub(crate) use words::push_lowercase;
pub use words::{marked_words, words, MarkedWords, WordTokenStream, WordTokenizer, Words};

/// Words longer than this many bytes are not indexed (base64 blobs, runs of symbols).
pub const MAX_WORD_BYTES: usize = 80;

/// Whether an analyzer tokenizes documents or queries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Documents: every form a query may look for.
    Indexing,
    /// Queries: one term per word.
    Searching,
}

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

    pub(crate) fn algorithm(self) -> Algorithm {
        match self {
            Analyzer::English => Algorithm::English,
            Analyzer::Lithuanian => Algorithm::Lithuanian,
        }
    }

    /// The name of this analyzer's bigram form (`en_bigrams`).
    pub fn bigrams_name(self) -> &'static str {
        match self {
            Analyzer::English => "en_bigrams",
            Analyzer::Lithuanian => "lt_bigrams",
        }
    }

    /// Builds the text analyzer for `mode`. For documents it records what it analyses
    /// (see [`replay`]), so the bigram field need not analyse the body again.
    pub fn build(self, mode: Mode) -> TextAnalyzer {
        match mode {
            Mode::Indexing => {
                TextAnalyzer::from(RecordingTokenizer::new(self as u8, self.build_plain(mode)))
            }
            Mode::Searching => self.build_plain(mode),
        }
    }

    /// Builds the text analyzer for `mode` without recording.
    pub fn build_plain(self, mode: Mode) -> TextAnalyzer {
        self.stemming(
            mode,
            TextAnalyzer::builder(WordTokenizer::lowercase(MAX_WORD_BYTES)),
        )
    }

    /// Builds the text analyzer for `mode` without recording, for finding only the words
    /// that become one of `terms`: every other word may come out as an empty token
    /// (see [`initials`]). Snippets use it.
    pub fn build_finding<'t>(
        self,
        mode: Mode,
        terms: impl IntoIterator<Item = &'t str>,
    ) -> TextAnalyzer {
        self.stemming(
            mode,
            TextAnalyzer::builder(WordTokenizer::lowercase(MAX_WORD_BYTES))
                .filter(InitialGate::new(terms)),
        )
    }

    /// `words` (lowercase) folded and stemmed as `mode` wants ([`forms`]).
    fn stemming<T: Tokenizer>(self, mode: Mode, words: TextAnalyzerBuilder<T>) -> TextAnalyzer {
        match mode {
            Mode::Indexing => words.filter(DiacriticVariants::new(self)).build(),
            Mode::Searching => words.filter(SnowballStemmer::new(self)).build(),
        }
    }

    /// Builds the bigram form of the analyzer for `mode`: its terms, paired. For
    /// documents the terms are replayed from the body field's analysis when recorded.
    pub fn build_bigrams(self, mode: Mode) -> TextAnalyzer {
        // Queries are not recorded: a source no recorder uses.
        let source = match mode {
            Mode::Indexing => self as u8,
            Mode::Searching => u8::MAX,
        };
        TextAnalyzer::builder(ReplayTokenizer::new(source, self.build_plain(mode)))
            .filter(WordBigrams::new(self))
            .build()
    }

    /// The terms this analyzer makes of `text` in `mode`, in order.
    pub fn terms(self, mode: Mode, text: &str) -> Vec<String> {
        let mut analyzer = self.build(mode);
        let mut stream = analyzer.token_stream(text);
        let mut terms = Vec::new();
        while let Some(token) = stream.next() {
            terms.push(token.text.clone());
        }
        terms
    }
}

/// Registers both analyzers on `index` for `mode`. Call after every create and open: a
/// writer registers [`Mode::Indexing`], a searcher [`Mode::Searching`].
pub fn register(index: &Index, mode: Mode) {
    for analyzer in Analyzer::ALL {
        let tokenizers = index.tokenizers();
        tokenizers.register(analyzer.name(), analyzer.build(mode));
        tokenizers.register(analyzer.bigrams_name(), analyzer.build_bigrams(mode));
    }
}

/// Letters of Lithuanian and the Nordic languages (and their common neighbours) with their
/// ASCII folding, as tantivy's `AsciiFoldingFilter` folds them (a test checks each). Words
/// made only of these and ASCII fold without the filter's token stream, which costs more
/// than the folding itself on every word a snippet or the index looks at.
const FOLDED_LETTERS: &[(char, &str)] = &[
    ('ą', "a"),
    ('č', "c"),
    ('ę', "e"),
    ('ė', "e"),
    ('į', "i"),
    ('š', "s"),
    ('ų', "u"),
    ('ū', "u"),
    ('ž', "z"),
    ('Ą', "A"),
    ('Č', "C"),
    ('Ę', "E"),
    ('Ė', "E"),
    ('Į', "I"),
    ('Š', "S"),
    ('Ų', "U"),
    ('Ū', "U"),
    ('Ž', "Z"),
    ('ø', "o"),
    ('Ø', "O"),
    ('å', "a"),
    ('Å', "A"),
    ('æ', "ae"),
    ('Æ', "AE"),
    ('ö', "o"),
    ('Ö', "O"),
    ('ä', "a"),
    ('Ä', "A"),
    ('ü', "u"),
    ('Ü', "U"),
    ('é', "e"),
    ('É', "E"),
    ('á', "a"),
    ('Á', "A"),
    ('í', "i"),
    ('Í', "I"),
    ('ó', "o"),
    ('Ó', "O"),
    ('ú', "u"),
    ('Ú', "U"),
    ('ý', "y"),
    ('Ý', "Y"),
    ('ð', "d"),
    ('Ð', "D"),
    ('þ', "th"),
    ('Þ', "TH"),
    ('ß', "ss"),
    ('è', "e"),
    ('ë', "e"),
    ('ê', "e"),
    ('à', "a"),
    ('â', "a"),
    ('î', "i"),
    ('ï', "i"),
    ('ô', "o"),
    ('ù', "u"),
    ('û', "u"),
    ('ç', "c"),
    ('ñ', "n"),
    ('ł', "l"),
    ('Ł', "L"),
    ('ń', "n"),
    ('ś', "s"),
    ('ź', "z"),
    ('ż', "z"),
    ('ć', "c"),
];

/// `text` folded with [`FOLDED_LETTERS`], or `None` if it has a letter the table lacks.
fn fold_known_letters(text: &str) -> Option<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            folded.push(c);
        } else {
            let (_, ascii) = FOLDED_LETTERS.iter().find(|(letter, _)| *letter == c)?;
            folded.push_str(ascii);
        }
    }
    Some(folded)
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
    if let Some(folded) = fold_known_letters(text) {
        return folded;
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
///
/// Pairing features and country names stem every partner word at ingest, so stems are
/// remembered per thread, as the analyzers do.
pub fn stem_lithuanian(word: &str) -> String {
    thread_local! {
        static STEMS: std::cell::RefCell<stem_cache::StemCache<String>> =
            std::cell::RefCell::default();
    }
    STEMS.with(|stems| {
        stems
            .borrow_mut()
            .get_or_insert_with(word, |word| {
                frostem::Stemmer::new(Algorithm::Lithuanian)
                    .stem(word)
                    .into_owned()
            })
            .clone()
    })
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
        let lt = |text| Analyzer::Lithuanian.terms(Mode::Searching, text);
        assert_eq!(lt("sveikata"), lt("sveikatos"));
        assert_eq!(lt("paveldas"), lt("paveldą"));
        assert_eq!(lt("issetine skleroze"), lt("išsėtinės sklerozės"));
    }

    #[test]
    fn english_terms_are_stemmed_and_folded() {
        let en = |text| Analyzer::English.terms(Mode::Searching, text);
        assert_eq!(en("Organizations"), en("organization"));
        assert_eq!(en("Kingdom’s"), vec!["kingdom"]);
        assert_eq!(en("Bodø"), vec!["bodo"]);
        assert_eq!(
            Analyzer::English.terms(Mode::Indexing, "Bodø"),
            vec!["bodo"]
        );
    }

    #[test]
    fn words_follow_unicode_boundaries() {
        let en = |text: &str| Analyzer::English.terms(Mode::Searching, text);
        assert_eq!(en("„Oslo/Fusion“"), vec!["oslo", "fusion"]);
        assert_eq!(en(""), Vec::<String>::new());
        let long = "x".repeat(MAX_WORD_BYTES + 1);
        assert_eq!(en(&format!("a {long} b")), vec!["a", "b"]);
    }

    #[test]
    fn documents_carry_the_form_a_diacritic_free_query_looks_for() {
        let lt = Analyzer::Lithuanian;
        for (document, typed) in [
            ("Šančių", "sanciu"),
            ("Bodø", "bodo"),
            ("išsėtinės", "issetines"),
        ] {
            let query = lt.terms(Mode::Searching, typed);
            assert_eq!(query.len(), 1);
            let indexed = lt.terms(Mode::Indexing, document);
            assert!(
                indexed.contains(&query[0]),
                "{document}: {indexed:?} lacks {query:?}"
            );
            // A query with the diacritics finds the document too.
            let exact = lt.terms(Mode::Searching, document);
            assert!(
                indexed.contains(&exact[0]),
                "{document}: {indexed:?} lacks {exact:?}"
            );
        }
        // ASCII words give one term, as in queries.
        assert_eq!(
            lt.terms(Mode::Indexing, "sveikatos"),
            lt.terms(Mode::Searching, "sveikatos")
        );
    }

    #[test]
    fn folding_matches_the_index() {
        assert_eq!(fold_diacritics("Žemųjų Šančių"), "Zemuju Sanciu");
        assert_eq!(fold_diacritics("plain"), "plain");
        // A character the table lacks (the dash) goes through the filter.
        assert_eq!(fold_diacritics("Łódź – Ωmega"), "Lodz - Ωmega");
    }

    #[test]
    fn the_letter_table_folds_as_the_filter_does() {
        let mut filter = TextAnalyzer::builder(RawTokenizer::default())
            .filter(AsciiFoldingFilter)
            .build();
        for (letter, ascii) in FOLDED_LETTERS {
            let text = letter.to_string();
            let mut stream = filter.token_stream(&text);
            let folded = stream.next().map(|t| t.text.clone()).unwrap_or_default();
            assert_eq!(folded, *ascii, "{letter}");
        }
    }
}
