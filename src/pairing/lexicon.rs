//! A bilingual lexicon learned from the corpus itself: which Lithuanian partner-name words
//! go with which English ones (`kryžiaus` with `Cross`, `gelbėtojų` with `Rescue`), so
//! organisation types and topics that no glossary lists still count as evidence.
//!
//! It learns from the pairs that are certain (exact period, score at least [`CERTAIN`]):
//! for each, every name key of the Lithuanian partner names that the English ones lack is
//! counted with every such key of the English side. A Lithuanian key and an English key
//! enter the lexicon when they met in at least [`MIN_PAIRS`] certain pairs, their Dice
//! association (`2·both / (lt + en)`) is at least [`MIN_ASSOCIATION`], and each is the
//! other's strongest partner. One pass over the certain pairs and one over the counts:
//! linear in the corpus, and the same corpus always learns the same lexicon.
//!
//! Pairing then uses it for the records still unpaired: a learned word pair counts as a
//! shared key, times its association, and the evidence names it (`learned: kryžiaus =
//! Cross`). Each indexing run keeps what it learned beside the index (`lexicon.tsv`), for
//! explanations to score candidates as pairing did.

use std::io::Write;
use std::path::Path;

use hashbrown::HashMap;

use crate::error::{Error, Result};

use super::features::{items, surface, Features};

/// Least score of a pair learned from.
pub const CERTAIN: f64 = 0.6;
/// Least number of certain pairs a word pair is seen in.
pub const MIN_PAIRS: u32 = 2;
/// Least Dice association of a learned word pair.
pub const MIN_ASSOCIATION: f64 = 0.5;
/// Most words of each side counted per pair (a long name says little per word).
const MAX_WORDS: usize = 6;

/// Counts of name keys in certain pairs.
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    both: HashMap<(Box<str>, Box<str>), u32>,
    lt: HashMap<Box<str>, u32>,
    en: HashMap<Box<str>, u32>,
    /// The first word seen as written for each key (searches look for words, not keys).
    written: HashMap<Box<str>, Box<str>>,
}

/// The learned word pairs, Lithuanian key → (English key, association), and a word as
/// written for each key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    entries: HashMap<Box<str>, (Box<str>, f64)>,
    /// English key → Lithuanian key.
    reverse: HashMap<Box<str>, Box<str>>,
    written: HashMap<Box<str>, Box<str>>,
}

/// The keys of sorted list `a` that sorted list `b` lacks.
fn lacking<'a>(a: &'a str, b: &str) -> Vec<&'a str> {
    let others: Vec<&str> = items(b).collect();
    items(a)
        .filter(|key| others.binary_search(key).is_err())
        .take(MAX_WORDS)
        .collect()
}

fn count(map: &mut HashMap<Box<str>, u32>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.into(), 1);
        }
    }
}

impl LexiconBuilder {
    /// Counts the words of one pair, if its score makes it certain.
    pub fn add(&mut self, lt: &Features, en: &Features, score: f64) {
        if score < CERTAIN {
            return;
        }
        let (lt_words, en_words) = (
            lacking(lt.names(), en.names()),
            lacking(en.names(), lt.names()),
        );
        for l in &lt_words {
            count(&mut self.lt, l);
            if !self.written.contains_key(*l) {
                self.written
                    .insert((*l).into(), surface(lt.names(), l).into());
            }
        }
        for e in &en_words {
            count(&mut self.en, e);
            if !self.written.contains_key(*e) {
                self.written
                    .insert((*e).into(), surface(en.names(), e).into());
            }
        }
        for l in &lt_words {
            for e in &en_words {
                let key = (Box::<str>::from(*l), Box::<str>::from(*e));
                *self.both.entry(key).or_insert(0) += 1;
            }
        }
    }

    /// The lexicon the counts support.
    pub fn build(self) -> Lexicon {
        // Each word's strongest partner, ties broken by the partner's key.
        let mut best_lt: HashMap<&str, (f64, &str)> = HashMap::new();
        let mut best_en: HashMap<&str, (f64, &str)> = HashMap::new();
        let mut strong = Vec::new();
        for ((l, e), &n) in &self.both {
            if n < MIN_PAIRS {
                continue;
            }
            let association = 2.0 * f64::from(n) / f64::from(self.lt[l] + self.en[e]);
            if association < MIN_ASSOCIATION {
                continue;
            }
            strong.push((&**l, &**e, association));
            for (best, this, other) in [(&mut best_lt, &**l, &**e), (&mut best_en, &**e, &**l)] {
                let entry = best.entry(this).or_insert((association, other));
                if (association, std::cmp::Reverse(other)) > (entry.0, std::cmp::Reverse(entry.1)) {
                    *entry = (association, other);
                }
            }
        }
        let entries: HashMap<Box<str>, (Box<str>, f64)> = strong
            .into_iter()
            .filter(|(l, e, _)| best_lt[l].1 == *e && best_en[e].1 == *l)
            .map(|(l, e, association)| (l.into(), (e.into(), association)))
            .collect();
        let mut written = HashMap::new();
        for (l, (e, _)) in &entries {
            for key in [l, e] {
                if let Some(word) = self.written.get(key) {
                    written.insert(key.clone(), word.clone());
                }
            }
        }
        Lexicon::new(entries, written)
    }
}

impl Lexicon {
    fn new(
        entries: HashMap<Box<str>, (Box<str>, f64)>,
        written: HashMap<Box<str>, Box<str>>,
    ) -> Lexicon {
        let reverse = entries
            .iter()
            .map(|(l, (e, _))| (e.clone(), l.clone()))
            .collect();
        Lexicon {
            entries,
            reverse,
            written,
        }
    }

    /// The word learned as the other language's for a word of either language (by its
    /// name key `key`), as written in a partner name, with whether `key` is Lithuanian.
    pub fn translation(&self, key: &str) -> Option<(&str, bool)> {
        let (other, lithuanian) = match self.entries.get(key) {
            Some((english, _)) => (english, true),
            None => (self.reverse.get(key)?, false),
        };
        let word = self.written.get(other).map_or(&**other, |w| &**w);
        Some((word, lithuanian))
    }

    /// The English key learned for the Lithuanian key `lt`, with its association.
    pub fn english(&self, lt: &str) -> Option<(&str, f64)> {
        self.entries.get(lt).map(|(e, a)| (&**e, *a))
    }

    /// Learned word pairs.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing was learned.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The word pairs as `lt<TAB>en<TAB>association<TAB>lt as written<TAB>en as written`
    /// lines, sorted (to keep beside the index).
    pub fn to_tsv(&self) -> String {
        let written = |key: &str| self.written.get(key).map_or("", |w| &**w).to_string();
        let mut lines: Vec<String> = self
            .entries
            .iter()
            .map(|(l, (e, a))| format!("{l}\t{e}\t{a:.3}\t{}\t{}\n", written(l), written(e)))
            .collect();
        lines.sort();
        lines.concat()
    }

    /// Reads [`Lexicon::to_tsv`]'s form (the words as written may be missing); lines that
    /// are not such lines are skipped.
    pub fn from_tsv(text: &str) -> Lexicon {
        let mut entries = HashMap::new();
        let mut written = HashMap::new();
        for line in text.lines() {
            let mut columns = line.split('\t');
            let (Some(l), Some(e), Some(a)) = (columns.next(), columns.next(), columns.next())
            else {
                continue;
            };
            let Ok(association) = a.parse() else {
                continue;
            };
            for (key, word) in [(l, columns.next()), (e, columns.next())] {
                if let Some(word) = word.filter(|w| !w.is_empty()) {
                    written.insert(key.into(), word.into());
                }
            }
            entries.insert(l.into(), (e.into(), association));
        }
        Lexicon::new(entries, written)
    }
}

/// The file beside the index that keeps the last run's lexicon.
pub const FILE_NAME: &str = "lexicon.tsv";

/// Keeps `lexicon` beside the index in `dir` (whole or not at all).
pub fn save(dir: &Path, lexicon: &Lexicon) -> Result<()> {
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|err| Error::io(dir, err))?;
    file.write_all(lexicon.to_tsv().as_bytes())
        .map_err(|err| Error::io(file.path(), err))?;
    let path = dir.join(FILE_NAME);
    file.persist(&path)
        .map_err(|err| Error::io(&path, err.error))?;
    Ok(())
}

/// The lexicon kept beside the index in `dir`; empty when there is none.
pub fn load(dir: &Path) -> Lexicon {
    std::fs::read_to_string(dir.join(FILE_NAME))
        .map(|text| Lexicon::from_tsv(&text))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(id: &str, side: super::super::Side, names: &str) -> Features {
        Features::new(id, side, Some((1, 5)), Some("Norway"), "", names, "")
    }

    #[test]
    fn words_that_go_together_in_certain_pairs_are_learned() {
        use super::super::Side::{En, Lt};
        let mut builder = LexiconBuilder::default();
        for (n, lt, en) in [
            (1, "bergen|kryc", "bergen|cros"),
            (2, "kryc|oslo", "cros|oslo"),
            (3, "kryc|tromse", "cros|tromse"),
            (4, "gelbetoj|oslo", "oslo|rescu"),
            (5, "gelbetoj|bod", "bod|rescu"),
            (6, "mokykl", "school"),
        ] {
            let (l, e) = (
                features(&format!("l{n}"), Lt, lt),
                features(&format!("e{n}"), En, en),
            );
            builder.add(&l, &e, 0.9);
            // An uncertain pair teaches nothing.
            builder.add(&l, &features("x", En, "noise"), 0.5);
        }
        let lexicon = builder.build();
        assert_eq!(lexicon.english("kryc"), Some(("cros", 1.0)));
        assert_eq!(lexicon.english("gelbetoj"), Some(("rescu", 1.0)));
        // Seen once: not learned.
        assert_eq!(lexicon.english("mokykl"), None);
        assert_eq!(lexicon.len(), 2);
        assert_eq!(Lexicon::from_tsv(&lexicon.to_tsv()), lexicon);
        // Features made of keys only: the words as written are the keys.
        assert_eq!(
            lexicon.to_tsv(),
            "gelbetoj\trescu\t1.000\tgelbetoj\trescu\nkryc\tcros\t1.000\tkryc\tcros\n"
        );
        assert_eq!(lexicon.translation("cros"), Some(("kryc", false)));
        // A file of an older bireport, without the words: the keys stand in.
        let old = Lexicon::from_tsv("kryc\tcros\t1.000\n");
        assert_eq!(old.translation("kryc"), Some(("cros", true)));
    }
}
