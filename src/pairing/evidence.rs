//! Evidence: why two records are believed to be counterparts, as typed data.
//!
//! Scoring ([`super::score`]) says what it found as [`Evidence`] items; everything a
//! person reads is rendered from them here: the sentence ([`Evidence::text`]), where in
//! that sentence its words are ([`Evidence::marked_text`]), and where in each record the
//! words it names stand ([`Marker`]). The index stores the items (without their text),
//! JSON shows them as objects with a `kind`, their fields and the readable `text`.
//!
//! Words are compared by their pairing key (a glossary concept, a country, a place, or a
//! name's spelling without its case ending), as scoring compared them: the evidence
//! `"Bergeno" ~ "Bergen"` marks `Bergeno`, `Bergene` and `Bergen` alike.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::Date;

use super::features::{word_keys, Side};
use crate::analysis::words;
use crate::record::Record;

/// A name from bireport's own tables (countries, places, the glossary): borrowed when
/// scoring writes it, owned when read back.
pub type Name = Cow<'static, str>;

/// One reason to believe two records are one initiative told in two languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// Both records run from the same first to the same last day.
    SamePeriod { from: Day, to: Day },
    /// The periods share some days.
    PeriodOverlap {
        /// Days both periods hold.
        shared_days: i64,
        /// Days either period holds.
        union_days: i64,
        /// The Lithuanian record's period.
        lithuanian_period: DateSpan,
        /// The English record's period.
        english_period: DateSpan,
    },
    /// The periods share no day, but one is the other moved by `days` (English start
    /// minus Lithuanian start): the visit planned for one week and held in another.
    PeriodMoved {
        /// Days the visit moved, later when positive.
        days: i64,
        /// The Lithuanian record's period (the plan).
        lithuanian_period: DateSpan,
        /// The English record's period (the report).
        english_period: DateSpan,
    },
    /// A partner country both records name.
    Country { english: Name, lithuanian: Name },
    /// Both partner names hold a glossary concept (its first word in each language).
    Glossary {
        concept: Name,
        lithuanian: Name,
        english: Name,
    },
    /// Both partner names name a place.
    SharedPlace {
        /// The place's own name (its key).
        place: Name,
        /// Its Lithuanian name.
        lithuanian: Name,
    },
    /// Both partner names name a country.
    SharedCountry { country: Name },
    /// Words of the partner names both records have, as each writes them.
    SharedNames { names: Vec<SharedWord> },
    /// One partner name is wholly contained in the other's: the share of the shorter found.
    NameContained { share: f64 },
    /// Words the lexicon learned from certain pairs to be translations of each other.
    Learned { words: WordPair },
    /// Partner-name words spelled alike (character trigrams), with their similarity.
    SimilarNames { words: WordPair, similarity: f64 },
    /// Proper names, acronyms and numbers both texts have.
    NamesInTexts { names: Vec<SharedWord> },
    /// Each record was the other's only candidate in its period and country.
    OnlyCandidate,
    /// A person paired the two (`bireport pairs link`).
    LinkedByHand,
}

/// A period's first and last day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateSpan {
    pub from: Day,
    pub to: Day,
}

/// A day, written as an ISO date (`2020-02-21`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub Date);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::period::iso(self.0))
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        out.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Day, D::Error> {
        let text = String::deserialize(input)?;
        (text.len() == 10)
            .then(|| crate::period::parse_iso_date(&text, false))
            .flatten()
            .map(Day)
            .ok_or_else(|| serde::de::Error::custom(format!("not an ISO date: {text:?}")))
    }
}

/// A word as one record writes it, with the key pairing compared it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Word {
    pub key: String,
    pub written: String,
}

/// A word both records have (by its key), as each writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedWord {
    pub key: String,
    pub lithuanian: String,
    pub english: String,
}

/// Two words taken for one, each with its own key: in the Lithuanian record and in the
/// English one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordPair {
    pub lithuanian: Word,
    pub english: Word,
}

/// Byte ranges (`[start, end)`) of marked words in a text.
pub type Ranges = Vec<[usize; 2]>;

/// A sentence being written, with the byte ranges of the words to mark in it.
#[derive(Default)]
struct Sentence {
    text: String,
    marks: Ranges,
}

impl Sentence {
    fn plain(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }
    fn marked(&mut self, word: &str) -> &mut Self {
        let start = self.text.len();
        self.text.push_str(word);
        self.marks.push([start, self.text.len()]);
        self
    }
    fn quoted(&mut self, word: &str) -> &mut Self {
        self.plain("\"").marked(word).plain("\"")
    }
    fn listed<'w>(&mut self, words: impl Iterator<Item = &'w str>) -> &mut Self {
        for (i, word) in words.enumerate() {
            if i > 0 {
                self.plain(", ");
            }
            self.marked(word);
        }
        self
    }
}

/// Why a pair was made when one of its records was the other's only candidate.
const ONLY_CANDIDATE: &str =
    "each is the other's only candidate in this period and country (thin evidence)";

impl Evidence {
    /// The sentence a person reads, and the byte ranges in it of the words it names.
    pub fn marked_text(&self) -> (String, Ranges) {
        let mut s = Sentence::default();
        match self {
            Evidence::SamePeriod { from, to } => {
                s.plain(&format!("same period {from}..{to}"));
            }
            Evidence::PeriodOverlap {
                shared_days,
                union_days,
                lithuanian_period: lt,
                english_period: en,
            } => {
                s.plain(&format!(
                    "period overlaps {shared_days} of {union_days} days: {}..{} and {}..{}",
                    lt.from, lt.to, en.from, en.to
                ));
            }
            Evidence::PeriodMoved {
                days,
                lithuanian_period: lt,
                english_period: en,
            } => {
                let moved = match days.abs() {
                    1 => "1 day".to_string(),
                    n => format!("{n} days"),
                };
                let way = if *days < 0 { "earlier" } else { "later" };
                s.plain(&format!(
                    "period moved {moved} {way}: planned {}..{}, reported {}..{}",
                    lt.from, lt.to, en.from, en.to
                ));
            }
            Evidence::Country {
                english,
                lithuanian,
            } => {
                s.plain(&format!("country {english} = {lithuanian}"));
            }
            Evidence::Glossary {
                lithuanian,
                english,
                ..
            } => {
                s.plain("glossary: ")
                    .marked(lithuanian)
                    .plain(" = ")
                    .marked(english);
            }
            Evidence::SharedPlace { place, lithuanian } => {
                s.plain("partner names both name ").quoted(place);
                if lithuanian != place {
                    s.plain(" = ").quoted(lithuanian);
                }
            }
            Evidence::SharedCountry { country } => {
                s.plain("partner names both name ").plain(country);
            }
            Evidence::SharedNames { names } => {
                s.plain("partner ");
                for (i, word) in names.iter().enumerate() {
                    if i > 0 {
                        s.plain(", ");
                    }
                    s.quoted(&word.lithuanian);
                    if word.english != word.lithuanian {
                        s.plain(" ~ ").quoted(&word.english);
                    }
                }
                s.plain(" in both");
            }
            Evidence::NameContained { share } => {
                s.plain(&format!(
                    "one partner name within the other ({:.0}% of the shorter)",
                    share * 100.0
                ));
            }
            Evidence::Learned { words } => {
                s.plain("learned: ")
                    .marked(&words.lithuanian.written)
                    .plain(" = ")
                    .marked(&words.english.written);
            }
            Evidence::SimilarNames { words, similarity } => {
                s.plain("similar partner names ")
                    .quoted(&words.lithuanian.written)
                    .plain(" ≈ ")
                    .quoted(&words.english.written)
                    .plain(&format!(" ({similarity:.2})"));
            }
            Evidence::NamesInTexts { names } => {
                s.plain("names in both texts: ")
                    .listed(names.iter().map(|n| n.english.as_str()));
            }
            Evidence::OnlyCandidate => {
                s.plain(ONLY_CANDIDATE);
            }
            Evidence::LinkedByHand => {
                s.plain("linked by hand");
            }
        }
        (s.text, s.marks)
    }

    /// The sentence a person reads.
    pub fn text(&self) -> String {
        self.marked_text().0
    }

    /// Whether this is about the partner names.
    pub fn is_about_partners(&self) -> bool {
        matches!(
            self,
            Evidence::Glossary { .. }
                | Evidence::SharedPlace { .. }
                | Evidence::SharedCountry { .. }
                | Evidence::SharedNames { .. }
                | Evidence::NameContained { .. }
                | Evidence::Learned { .. }
                | Evidence::SimilarNames { .. }
        )
    }

    /// The keys of the words this names in the record of `side`.
    fn keys(&self, side: Side) -> Vec<&str> {
        fn of_pair(pair: &WordPair, side: Side) -> &str {
            match side {
                Side::Lt => &pair.lithuanian.key,
                _ => &pair.english.key,
            }
        }
        match self {
            Evidence::Glossary { concept, .. } => vec![concept.as_ref()],
            Evidence::SharedPlace { place, .. } => vec![place.as_ref()],
            Evidence::SharedCountry { country } => vec![country.as_ref()],
            Evidence::SharedNames { names } | Evidence::NamesInTexts { names } => {
                names.iter().map(|word| word.key.as_str()).collect()
            }
            Evidence::Learned { words } | Evidence::SimilarNames { words, .. } => {
                vec![of_pair(words, side)]
            }
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// Serialises evidence items as objects with their readable `text` beside their fields
/// (for output; the index stores them without it).
pub fn serialize_with_text<S: Serializer>(items: &[Evidence], out: S) -> Result<S::Ok, S::Error> {
    out.collect_seq(items.iter().map(WithText))
}

/// An evidence item with its text, as output shows it.
pub struct WithText<'e>(pub &'e Evidence);

impl Serialize for WithText<'_> {
    fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Item<'e> {
            #[serde(flatten)]
            evidence: &'e Evidence,
            text: String,
        }
        Item {
            evidence: self.0,
            text: self.0.text(),
        }
        .serialize(out)
    }
}

/// Finds, in the texts of one record, the words a pair's evidence names.
pub struct Marker<'e> {
    keys: Vec<&'e str>,
}

impl<'e> Marker<'e> {
    /// A marker for the record of `side` (Lithuanian or English) of a pair with `evidence`.
    pub fn new(evidence: impl IntoIterator<Item = &'e Evidence>, side: Side) -> Marker<'e> {
        let mut keys: Vec<&str> = evidence.into_iter().flat_map(|e| e.keys(side)).collect();
        keys.sort_unstable();
        keys.dedup();
        Marker { keys }
    }

    /// A marker for one evidence item's words in the record of `side`.
    pub fn of(evidence: &'e Evidence, side: Side) -> Marker<'e> {
        Marker::new([evidence], side)
    }

    /// True when there is nothing to mark.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Byte ranges of the words in `text` that have one of the evidence's keys.
    pub fn ranges(&self, text: &str) -> Ranges {
        if self.keys.is_empty() {
            return Vec::new();
        }
        words(text)
            .filter(|(_, word)| {
                let (concept, name) = word_keys(word);
                (self.keys.iter()).any(|key| concept == Some(*key) || &*name == *key)
            })
            .map(|(at, word)| [at, at + word.len()])
            .collect()
    }
}

/// An evidence item as the view of a pair shows it: its fields, its sentence, and where
/// the words it names stand in the record asked for and in its counterpart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocatedEvidence {
    #[serde(flatten)]
    pub evidence: Evidence,
    pub text: String,
    pub marks: PairMarks,
}

/// The marks of one evidence item in the two records of a pair.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PairMarks {
    pub record: Vec<Mark>,
    pub counterpart: Vec<Mark>,
}

/// Marked words in one text of a record: the text's JSON pointer in the record
/// (`/partners/0/name`, `/sections/1/text`, `/title`) and byte ranges in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mark {
    pub field: String,
    pub ranges: Ranges,
}

impl LocatedEvidence {
    /// `evidence` with the marks of its words in `record` and in its `counterpart`.
    pub fn new(evidence: Evidence, record: &Record, counterpart: &Record) -> LocatedEvidence {
        let marks_in = |record: &Record| {
            marks(
                record,
                &Marker::of(&evidence, Side::of_language(&record.lang.code)),
            )
        };
        let marks = PairMarks {
            record: marks_in(record),
            counterpart: marks_in(counterpart),
        };
        LocatedEvidence {
            text: evidence.text(),
            evidence,
            marks,
        }
    }
}

/// Where `marker`'s words stand in the texts of `record` a person reads: title, partner
/// names and sections.
pub fn marks(record: &Record, marker: &Marker) -> Vec<Mark> {
    if marker.is_empty() {
        return Vec::new();
    }
    let title = record.title.iter().map(|t| ("/title".to_string(), t));
    let partners =
        (record.partners.iter().enumerate()).map(|(i, p)| (format!("/partners/{i}/name"), &p.name));
    let sections =
        (record.sections.iter().enumerate()).map(|(i, s)| (format!("/sections/{i}/text"), &s.text));
    title
        .chain(partners)
        .chain(sections)
        .filter_map(|(field, text)| {
            let ranges = marker.ranges(text);
            (!ranges.is_empty()).then_some(Mark { field, ranges })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> Day {
        Day(Date::from_calendar_date(year, month.try_into().unwrap(), day).unwrap())
    }

    fn shared(key: &str, lithuanian: &str, english: &str) -> SharedWord {
        SharedWord {
            key: key.to_string(),
            lithuanian: lithuanian.to_string(),
            english: english.to_string(),
        }
    }

    fn pair(lt: (&str, &str), en: (&str, &str)) -> WordPair {
        let word = |(key, written): (&str, &str)| Word {
            key: key.to_string(),
            written: written.to_string(),
        };
        WordPair {
            lithuanian: word(lt),
            english: word(en),
        }
    }

    #[test]
    fn each_kind_reads_as_a_sentence_with_its_words_marked() {
        let cases = [
            (
                Evidence::SharedNames {
                    names: vec![
                        shared("bergen", "Bergeno", "Bergen"),
                        shared("sos", "SOS", "SOS"),
                    ],
                },
                "partner \"Bergeno\" ~ \"Bergen\", \"SOS\" in both",
                vec!["Bergeno", "Bergen", "SOS"],
            ),
            (
                Evidence::Glossary {
                    concept: "association".into(),
                    lithuanian: "asociacija".into(),
                    english: "association".into(),
                },
                "glossary: asociacija = association",
                vec!["asociacija", "association"],
            ),
            (
                Evidence::SharedPlace {
                    place: "Tromsø".into(),
                    lithuanian: "Tromsė".into(),
                },
                "partner names both name \"Tromsø\" = \"Tromsė\"",
                vec!["Tromsø", "Tromsė"],
            ),
            (
                Evidence::SimilarNames {
                    words: pair(("kopavog", "Kopavogo"), ("kopavogur", "Kopavogur")),
                    similarity: 0.8333,
                },
                "similar partner names \"Kopavogo\" ≈ \"Kopavogur\" (0.83)",
                vec!["Kopavogo", "Kopavogur"],
            ),
            (
                Evidence::NamesInTexts {
                    names: vec![
                        shared("lt10", "LT10", "LT10"),
                        shared("oslo", "Oslo", "Oslo"),
                    ],
                },
                "names in both texts: LT10, Oslo",
                vec!["LT10", "Oslo"],
            ),
            (
                Evidence::PeriodOverlap {
                    shared_days: 5,
                    union_days: 7,
                    lithuanian_period: DateSpan {
                        from: day(2020, 2, 21),
                        to: day(2020, 2, 25),
                    },
                    english_period: DateSpan {
                        from: day(2020, 2, 21),
                        to: day(2020, 2, 27),
                    },
                },
                "period overlaps 5 of 7 days: 2020-02-21..2020-02-25 and 2020-02-21..2020-02-27",
                vec![],
            ),
        ];
        for (evidence, sentence, words) in cases {
            let (text, marks) = evidence.marked_text();
            assert_eq!(text, sentence);
            let marked: Vec<&str> = marks.iter().map(|[a, b]| &text[*a..*b]).collect();
            assert_eq!(marked, words, "{text}");
        }
    }

    #[test]
    fn json_has_the_kind_the_fields_and_the_text_and_reads_back() {
        let evidence = Evidence::Country {
            english: "Norway".into(),
            lithuanian: "Norvegija".into(),
        };
        let json = serde_json::to_value(WithText(&evidence)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "kind": "country",
                "english": "Norway",
                "lithuanian": "Norvegija",
                "text": "country Norway = Norvegija"
            })
        );
        let back: Evidence = serde_json::from_value(json).unwrap();
        assert_eq!(back, evidence);
        let hand = serde_json::to_value(WithText(&Evidence::LinkedByHand)).unwrap();
        assert_eq!(
            hand,
            serde_json::json!({"kind": "linked_by_hand", "text": "linked by hand"})
        );
        let back: Evidence = serde_json::from_value(hand).unwrap();
        assert_eq!(back, Evidence::LinkedByHand);
    }

    #[test]
    fn words_are_marked_in_every_inflection_pairing_compares_alike() {
        let evidence = [Evidence::SharedNames {
            names: vec![shared("bergen", "Bergeno", "Bergen")],
        }];
        let text = "Bergeno savivaldybė ir Bergene veikianti Bergenas–Oslo organizacija";
        let marker = Marker::new(&evidence, Side::Lt);
        let marked: Vec<&str> = marker
            .ranges(text)
            .iter()
            .map(|[a, b]| &text[*a..*b])
            .collect();
        assert_eq!(marked, ["Bergeno", "Bergene", "Bergenas"]);
        assert!(Marker::new(&[Evidence::LinkedByHand], Side::En).is_empty());
    }
}
