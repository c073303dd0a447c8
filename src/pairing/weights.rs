//! Key weights: how much a shared key (a glossary concept, a name, a number) says about a
//! pair — its inverse document frequency over the corpus, so a shared `bergen` says much
//! and a shared `municipality` little — and which sides' partner names hold it.

use hashbrown::HashMap;

use super::features::{items, Features, Side};
use super::lexicon::Lexicon;

/// A key is distinctive when its weight is at least this share of an unseen key's: it
/// names few records of the corpus.
const DISTINCTIVE: f64 = 0.6;

/// How much a shared key is worth: its inverse document frequency in the corpus,
/// computed once per key.
pub struct KeyWeights {
    /// Each key's inverse document frequency, and the sides whose partner names hold it
    /// ([`LT_NAME`], [`EN_NAME`]).
    idf: HashMap<Box<str>, (f64, u8)>,
    /// The weight of a key seen nowhere else.
    unseen: f64,
    /// Word pairs learned from the certain pairs, once they are made ([`KeyWeights::learn`]).
    lexicon: Lexicon,
}

/// How many records mention each key, counted record by record (for records that are
/// not all in memory at once).
#[derive(Default)]
pub struct KeyCounts {
    /// Records a key is in, and the sides whose partner names hold it.
    document_frequency: HashMap<Box<str>, (u32, u8)>,
    records: usize,
}

/// A name key found in a Lithuanian partner name.
const LT_NAME: u8 = 1;
/// A name key found in an English partner name.
const EN_NAME: u8 = 2;

/// The bit of a side's partner names ([`LT_NAME`], [`EN_NAME`]; none for other records).
fn side_bit(side: Side) -> u8 {
    match side {
        Side::Lt => LT_NAME,
        Side::En => EN_NAME,
        Side::Other => 0,
    }
}

impl KeyCounts {
    /// Counts the keys of one more record.
    pub fn add(&mut self, f: &Features) {
        self.records += 1;
        let lists = [
            (f.concepts(), 0),
            (f.names(), side_bit(f.side)),
            (f.text_names(), 0),
        ];
        for (list, side) in lists {
            for key in items(list) {
                match self.document_frequency.get_mut(key) {
                    Some((count, sides)) => {
                        *count += 1;
                        *sides |= side;
                    }
                    None => {
                        self.document_frequency.insert(key.into(), (1, side));
                    }
                }
            }
        }
    }

    /// The weights of the keys counted.
    pub fn weights(self) -> KeyWeights {
        let records = self.records.max(1) as f64;
        let idf = self
            .document_frequency
            .into_iter()
            .map(|(key, (df, sides))| {
                let weight = (1.0 + records / f64::from(df.max(1))).ln();
                (key, (weight, sides))
            })
            .collect();
        KeyWeights {
            idf,
            lexicon: Lexicon::default(),
            unseen: (1.0 + records).ln(),
        }
    }
}

impl KeyWeights {
    /// Counts, over all records, how many mention each key.
    pub fn new(features: &[Features]) -> KeyWeights {
        let mut counts = KeyCounts::default();
        for f in features {
            counts.add(f);
        }
        counts.weights()
    }

    /// The weight of `key`: its inverse document frequency, or an unseen key's.
    pub(super) fn weight(&self, key: &str) -> f64 {
        self.idf.get(key).map_or(self.unseen, |(weight, _)| *weight)
    }

    /// Whether some partner name of `side` holds the name key `key`.
    pub(super) fn named_on(&self, key: &str, side: Side) -> bool {
        let bit = side_bit(side);
        self.idf.get(key).is_some_and(|(_, sides)| sides & bit != 0)
    }

    /// From now on, scores count the word pairs of `lexicon` as shared keys.
    pub fn learn(&mut self, lexicon: Lexicon) {
        self.lexicon = lexicon;
    }

    /// The word pairs learned so far.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The least weight of a distinctive key.
    pub(super) fn distinctive(&self) -> f64 {
        DISTINCTIVE * self.unseen
    }
}
