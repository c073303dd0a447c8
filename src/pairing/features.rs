//! Features: what pairing needs to know of a record, extracted once at ingest and small
//! enough to keep for a million records (and to store in the index for incremental runs).
//!
//! Partner names become two things: *concepts*, of the glossary (`savivaldybė` and
//! `Municipality` both give `municipality`), countries and places (`Tromsės` and `Tromsø`
//! both give `Tromsø`), and *name keys* (other words, respelled and
//! stripped of their case ending by [`super::spelling`], so `Bergeno` and `Bergen` both
//! give `bergen` and `Reikjaviko` and `Reykjavík` one key; near-misses such as
//! `kopavog` ≈ `kopavogur` are caught when scoring). The text gives proper names,
//! acronyms and numbers. Lists are sorted, deduplicated and joined with `|`
//! to keep one allocation per list.

use std::cell::RefCell;
use std::rc::Rc;

use super::glossary;
use super::spelling::skeleton;
use crate::analysis::stem_cache::StemCache;
use crate::analysis::{fold_diacritics, marked_words, words};
use crate::country;
use crate::language::prefix;
use crate::place;
use crate::record::{join_sections_up_to, Record};

/// Which side of a pair a record can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// Lithuanian.
    Lt,
    /// English.
    En,
    /// Neither: never paired.
    Other,
}

/// Bytes of body text scanned for names.
const TEXT_PREFIX_BYTES: usize = 4096;
/// Most text names kept per record.
const MAX_TEXT_NAMES: usize = 16;
/// Separator of list items.
const SEP: char = '|';
/// Separates a name key from the word as written (`bergen\u{1}Bergeno`).
const SURFACE: char = '\u{1}';

const STOPWORDS: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "og", "i", "ir", "bei",
    "su", "prie", "del", "is", "uz", "per", "ms",
];

/// The pairing features of one record.
///
/// A million of them are held while a corpus is paired, so the texts share one
/// allocation: the id, the country and the three lists, one after another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Features {
    /// Language side.
    pub side: Side,
    /// Period as Julian day numbers (start, end).
    pub period: Option<(i32, i32)>,
    /// Where each text ends in `texts`: id, country, concepts, names (text names run to
    /// the end).
    ends: [u32; 4],
    texts: Box<str>,
}

/// The entries of a `|`-joined list, as `list.split(SEP)` gives them. Both separators are
/// ASCII, so the list is cut by looking at bytes (every cut is a character boundary):
/// `str::split` with a `char` calls a byte search and a comparison for each separator, and
/// pairing splits these short lists millions of times.
fn entries(list: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(list);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.bytes().position(|b| b == SEP as u8) {
            Some(at) => {
                rest = Some(&text[at + 1..]);
                Some(&text[..at])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// An entry's key and the word as written, if the entry holds one (`bergen\u{1}Bergeno`).
fn key_and_surface(entry: &str) -> (&str, Option<&str>) {
    match entry.bytes().position(|b| b == SURFACE as u8) {
        Some(at) => (&entry[..at], Some(&entry[at + 1..])),
        None => (entry, None),
    }
}

/// Splits a `|`-joined list into its keys (without the words as written).
pub fn items(list: &str) -> impl Iterator<Item = &str> {
    entries(list)
        .filter(|s| !s.is_empty())
        .map(|entry| key_and_surface(entry).0)
}

/// The word as written for `key` in a list, or the key itself.
pub fn surface<'l>(list: &'l str, key: &'l str) -> &'l str {
    entries(list)
        .find_map(|entry| match key_and_surface(entry) {
            (k, Some(written)) if k == key => Some(written),
            _ => None,
        })
        .unwrap_or(key)
}

/// Sorts entries (a key and the word as written) by key, keeps the first word written for
/// each key, joins them with `|`, each key followed by its word where the two differ
/// (`bergen\u{1}Bergeno`).
fn joined<K: AsRef<str>>(mut entries: Vec<(K, &str)>) -> Box<str> {
    entries.sort_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
    entries.dedup_by(|a, b| a.0.as_ref() == b.0.as_ref());
    let mut out = String::with_capacity(
        entries
            .iter()
            .map(|(key, written)| key.as_ref().len() + written.len() + 2)
            .sum(),
    );
    for (i, (key, written)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(SEP);
        }
        let key = key.as_ref();
        out.push_str(key);
        let cleaned;
        let written = if written.contains([SEP, SURFACE]) {
            cleaned = written.replace([SEP, SURFACE], "");
            cleaned.as_str()
        } else {
            written
        };
        if key != written {
            out.push(SURFACE);
            out.push_str(written);
        }
    }
    out.into_boxed_str()
}

/// The key of a name word: lowercase, spelled and stripped of its case ending as
/// [`skeleton`] does it (`Reikjaviko` and `Reykjavik` give one key), folded; remembered per thread and shared
/// with the cache (no copy per word).
pub(super) fn name_key(word: &str) -> Rc<str> {
    thread_local! {
        static KEYS: RefCell<StemCache<Rc<str>>> = RefCell::default();
    }
    KEYS.with(|keys| {
        keys.borrow_mut()
            .get_or_insert_with(word, |word| {
                fold_diacritics(&skeleton(&word.to_lowercase()))
                    .replace([SEP, SURFACE], "")
                    .into()
            })
            .clone()
    })
}

/// The name key of one word of a query, as partner-name words are keyed (for looking it up
/// in the learned lexicon).
pub fn word_key(word: &str) -> String {
    name_key(word).to_string()
}

/// The keys pairing may take `word` for: the glossary concept, country or place it stands
/// for, if any, and its name key (`bergen` for `Bergeno`).
pub fn word_keys(word: &str) -> (Option<&'static str>, Rc<str>) {
    (concept_key(word), name_key(word))
}

/// What a word of a partner name adds to the features.
#[derive(Clone)]
enum PartnerWord {
    /// A stopword, or a name key shorter than two characters.
    Nothing,
    /// A glossary concept or a country.
    Concept(&'static str),
    /// A name key.
    Name(Rc<str>),
}

/// [`PartnerWord`] of `word`, remembered per thread: partner names repeat across records.
fn partner_word(word: &str) -> PartnerWord {
    thread_local! {
        static WORDS: RefCell<StemCache<PartnerWord>> = RefCell::default();
    }
    WORDS.with(|words| {
        words
            .borrow_mut()
            .get_or_insert_with(word, |word| {
                if STOPWORDS.contains(&fold_diacritics(&word.to_lowercase()).as_str()) {
                    return PartnerWord::Nothing;
                }
                match concept_key(word) {
                    Some(concept) => PartnerWord::Concept(concept),
                    None => {
                        let key = name_key(word);
                        if key.chars().count() >= 2 {
                            PartnerWord::Name(key)
                        } else {
                            PartnerWord::Nothing
                        }
                    }
                }
            })
            .clone()
    })
}

/// The concept id a word stands for: a glossary concept, a country or a place (`Bergeno`
/// and `Bergen` are one place, `Bergen`, and `Oslo` and `Bergen` two). Partner names and
/// proper names repeat across records, and the look-up stems and folds the word three
/// ways, so answers are remembered per thread.
fn concept_key(word: &str) -> Option<&'static str> {
    thread_local! {
        static CONCEPTS: RefCell<StemCache<Option<&'static str>>> = RefCell::default();
    }
    CONCEPTS.with(|concepts| {
        *concepts.borrow_mut().get_or_insert_with(word, |word| {
            country::normalize(word)
                .or_else(|| glossary::concept_of(word).map(|c| c.id))
                .or_else(|| place::of_word(word).map(|p| p.name))
        })
    })
}

/// The character trigrams of a key (with `^`/`$` marking its ends), sorted and unique.
pub fn trigrams(key: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(key.len());
    let mix = |h: u32, c: char| (h ^ c as u32).wrapping_mul(16_777_619);
    // The two characters before the current one, once there are two.
    let mut before: (Option<char>, Option<char>) = (None, None);
    for c in std::iter::once('^')
        .chain(key.chars())
        .chain(std::iter::once('$'))
    {
        if let (Some(a), Some(b)) = before {
            out.push(mix(mix(mix(2_166_136_261, a), b), c));
        }
        before = (before.1, Some(c));
    }
    out.sort_unstable();
    out.dedup();
    out
}

impl Side {
    /// The side of a record in the language with this code.
    pub fn of_language(code: &str) -> Side {
        match code {
            "lt" => Side::Lt,
            "en" => Side::En,
            _ => Side::Other,
        }
    }
}

impl Features {
    /// Features from their parts; the lists as `joined` makes them.
    pub fn new(
        id: &str,
        side: Side,
        period: Option<(i32, i32)>,
        country: Option<&str>,
        concepts: &str,
        names: &str,
        text_names: &str,
    ) -> Features {
        let country = country.unwrap_or("");
        let mut texts = String::with_capacity(
            id.len() + country.len() + concepts.len() + names.len() + text_names.len(),
        );
        let mut ends = [0u32; 4];
        for (end, text) in ends.iter_mut().zip([id, country, concepts, names]) {
            texts.push_str(text);
            *end = texts.len() as u32;
        }
        texts.push_str(text_names);
        Features {
            side,
            period,
            ends,
            texts: texts.into_boxed_str(),
        }
    }

    fn text(&self, at: usize) -> &str {
        let start = if at == 0 {
            0
        } else {
            self.ends[at - 1] as usize
        };
        let end = self.ends.get(at).map_or(self.texts.len(), |&e| e as usize);
        &self.texts[start..end]
    }

    /// Record id.
    pub fn id(&self) -> &str {
        self.text(0)
    }

    /// Partner countries (English names), sorted, `|`-joined; `None` when no partner line
    /// names a country.
    pub fn country(&self) -> Option<&str> {
        Some(self.text(1)).filter(|c| !c.is_empty())
    }

    /// Partner countries (English names), sorted.
    pub fn countries(&self) -> impl Iterator<Item = &str> {
        items(self.text(1))
    }

    /// Glossary concepts in partner names, sorted, `|`-joined.
    pub fn concepts(&self) -> &str {
        self.text(2)
    }

    /// Other partner-name keys, sorted, `|`-joined (`key\u{1}Surface` where they differ).
    pub fn names(&self) -> &str {
        self.text(3)
    }

    /// Proper names, acronyms and numbers of the text, sorted, `|`-joined.
    pub fn text_names(&self) -> &str {
        self.text(4)
    }

    /// Extracts the features of `record`.
    pub fn of(record: &Record) -> Features {
        let side = Side::of_language(&record.lang.code);
        let mut concepts: Vec<(&str, &str)> = Vec::new();
        let mut names: Vec<(Rc<str>, &str)> = Vec::new();
        for partner in &record.partners {
            for (_, word) in words(&partner.name) {
                match partner_word(word) {
                    PartnerWord::Nothing => {}
                    PartnerWord::Concept(concept) => concepts.push((concept, concept)),
                    PartnerWord::Name(key) => names.push((key, word)),
                }
            }
        }
        let text = join_sections_up_to(&record.sections, TEXT_PREFIX_BYTES);
        let mut countries = record.countries();
        countries.sort_unstable();
        let countries = countries.join("|");
        Features::new(
            &record.id,
            side,
            record
                .period
                .map(|p| (p.start.to_julian_day(), p.end.to_julian_day())),
            Some(countries.as_str()),
            &joined(concepts),
            &joined(names),
            &joined(text_names(&text)),
        )
    }

    /// A compact binary form, for the index.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.texts.len());
        out.push(match self.side {
            Side::Lt => 1,
            Side::En => 2,
            Side::Other => 0,
        });
        let (start, end) = self.period.unwrap_or((i32::MIN, i32::MIN));
        out.extend(start.to_le_bytes());
        out.extend(end.to_le_bytes());
        for text in [
            self.country().unwrap_or(""),
            self.concepts(),
            self.names(),
            self.text_names(),
        ] {
            out.extend((text.len() as u32).to_le_bytes());
            out.extend(text.as_bytes());
        }
        out
    }

    /// Reads [`Features::encode`]'s form; `None` if the bytes are not such a form.
    pub fn decode(id: &str, bytes: &[u8]) -> Option<Features> {
        let mut reader = Reader { bytes, at: 0 };
        let side = match reader.take(1)?[0] {
            1 => Side::Lt,
            2 => Side::En,
            _ => Side::Other,
        };
        let start = reader.i32()?;
        let end = reader.i32()?;
        let mut text = || -> Option<&str> {
            let len = reader.u32()? as usize;
            std::str::from_utf8(reader.take(len)?).ok()
        };
        let country = text()?;
        let concepts = text()?;
        let names = text()?;
        let text_names = text()?;
        if reader.at != bytes.len() {
            return None;
        }
        Some(Features::new(
            id,
            side,
            (start != i32::MIN).then_some((start, end)),
            Some(country),
            concepts,
            names,
            text_names,
        ))
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn i32(&mut self) -> Option<i32> {
        Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

/// Proper names (capitalised words not opening a sentence), acronyms and numbers of three
/// or more digits (not years) in the first part of `text`, as name keys.
fn text_names(text: &str) -> Vec<(Rc<str>, &str)> {
    let text = prefix(text, TEXT_PREFIX_BYTES);
    let mut found: Vec<(Rc<str>, &str)> = Vec::new();
    // Most words have no capital and no digit: neither name, acronym nor number.
    for (previous_end, offset, word) in marked_words(text) {
        let first = word.chars().next().unwrap_or(' ');
        // The first word, and any after sentence punctuation, opens a sentence.
        let between = &text[previous_end..offset];
        let opens_sentence = previous_end == 0 || between.contains(['.', '!', '?', ':', '•', '\n']);
        let is_number = word.chars().all(|c| c.is_ascii_digit());
        let is_acronym = word.chars().filter(|c| c.is_uppercase()).count() >= 2;
        let is_name = first.is_uppercase() && !opens_sentence;
        let keep = if is_number {
            word.len() >= 3
                && !(word.len() == 4 && (1990..=2035).contains(&word.parse::<u32>().unwrap_or(0)))
        } else {
            // Places stay: a town named in both texts is good evidence.
            (is_acronym || is_name) && concept_key(word).is_none_or(place::is_place_name)
        };
        if keep {
            let key = name_key(word);
            let new = !found.iter().any(|(k, _)| *k == key);
            // Stopwords have at most four letters: longer words need no folding to tell.
            let stopword = word.chars().nth(4).is_none()
                && STOPWORDS.contains(&fold_diacritics(&word.to_lowercase()).as_str());
            if key.chars().count() >= 2 && !stopword && new {
                found.push((key, word));
                if found.len() == MAX_TEXT_NAMES {
                    break;
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{records, SourceText};

    fn record(text: &str) -> Record {
        records(&SourceText {
            format: Default::default(),
            source: "t.txt".into(),
            text: text.into(),
        })
        .remove(0)
    }

    #[test]
    fn translated_partner_names_share_concepts_and_keys() {
        let lt = Features::of(&record("Partneris: Bergeno savivaldybė, Hordalandas (Norvegija)\nSantrauka:\nVizito metu bus aptartas bendradarbiavimas ir dalijamasi patirtimi.\nĮgyvendinimo periodas: 01/03-15/03 2021\n"));
        let en = Features::of(&record("Partner: Bergen Municipality, Hordaland (Norway)\nMain results of the initiative:\nThe visit strengthened the cooperation.\nImplementation period: 01/03-15/03 2021\n"));
        assert_eq!(lt.side, Side::Lt);
        assert_eq!(en.side, Side::En);
        // The place and the kind of organisation are concepts; other words name keys.
        assert_eq!(lt.concepts(), "Bergen|municipality");
        assert_eq!(en.concepts(), "Bergen|municipality");
        assert_eq!(lt.period, en.period);
        assert_eq!(lt.country(), Some("Norway"));
        assert_eq!(name_key("Hordalandas"), name_key("Hordaland"));
        assert_eq!(surface(lt.names(), "hordaland"), "Hordalandas");
        assert_eq!(items(en.names()).collect::<Vec<_>>(), ["hordaland"]);
    }

    #[test]
    fn lists_split_as_the_standard_library_splits_them() {
        // Every list of up to five characters over separators, ASCII and a two-byte letter.
        let alphabet = ['a', SEP, SURFACE, 'ą'];
        let mut lists = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = lists
                .iter()
                .flat_map(|list| alphabet.iter().map(move |c| format!("{list}{c}")))
                .collect();
            lists.extend(longer);
        }
        lists.sort();
        lists.dedup();
        for list in &lists {
            let expected: Vec<&str> = list
                .split(SEP)
                .filter(|s| !s.is_empty())
                .map(|item| item.split(SURFACE).next().unwrap_or(item))
                .collect();
            assert_eq!(items(list).collect::<Vec<_>>(), expected, "{list:?}");
            for key in ["", "a", "ą", "aą"] {
                let expected = list
                    .split(SEP)
                    .find_map(|item| {
                        let (k, written) = item.split_once(SURFACE)?;
                        (k == key).then_some(written)
                    })
                    .unwrap_or(key);
                assert_eq!(surface(list, key), expected, "{list:?} {key:?}");
            }
        }
    }

    #[test]
    fn trigrams_hash_every_window_of_the_marked_key() {
        for key in ["", "a", "ab", "bergen", "šiaulių", "reykjavík", "aaaa"] {
            let chars: Vec<char> = format!("^{key}$").chars().collect();
            let mut expected: Vec<u32> = chars
                .windows(3)
                .map(|w| {
                    w.iter().fold(2_166_136_261u32, |h, c| {
                        (h ^ *c as u32).wrapping_mul(16_777_619)
                    })
                })
                .collect();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(trigrams(key), expected, "{key:?}");
        }
    }

    #[test]
    fn encoding_round_trips() {
        let features = Features::of(&record("Partner: Oslo/Fusion International Film Festival (Norway)\nMain results of the initiative:\nMeetings with LGBT partners in Oslo were held in 2020, budget 12000.\nImplementation period: 27/02-03/03 2020\n"));
        assert!(items(features.text_names()).any(|n| n == "lgbt"));
        assert!(items(features.text_names()).any(|n| n == "12000"));
        assert!(!items(features.text_names()).any(|n| n == "2020"));
        let decoded = Features::decode(features.id(), &features.encode()).unwrap();
        assert_eq!(decoded, features);
        assert_eq!(Features::decode("x", &[1, 2, 3]), None);
    }
}
