//! Facet counts over a whole result set, from one fast column.
//!
//! Every record stores its *facet profile*: all its facet values (language, kind,
//! countries, years) joined into one string ([`crate::index::facet_profile`]). A corpus
//! has a few thousand distinct profiles, so counting a result set is one column read and
//! one increment per document, in blocks; the profiles are split into facet values only
//! once per distinct profile at the end. tantivy's `FacetCollector` walks a multi-valued
//! column per document instead, which dominated broad queries on a million records.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::FacetCounts;
use crate::index::{parse_facet_profile, Facet, PROFILE_FIELD};

/// Counts the facet values of every document it sees.
pub struct ProfileCounter;

/// [`ProfileCounter`] on one segment: documents per profile ordinal.
pub struct SegmentProfileCounter {
    column: Option<StrColumn>,
    counts: Vec<u32>,
    ords: Vec<Option<u64>>,
}

impl Collector for ProfileCounter {
    type Fruit = FacetCounts;
    type Child = SegmentProfileCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentProfileCounter> {
        let column = segment.fast_fields().str(PROFILE_FIELD)?;
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        Ok(SegmentProfileCounter {
            column,
            counts: vec![0; terms],
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        let mut total = FacetCounts::default();
        for fruit in fruits {
            for (into, from) in [
                (&mut total.lang, fruit.lang),
                (&mut total.country, fruit.country),
                (&mut total.year, fruit.year),
                (&mut total.kind, fruit.kind),
            ] {
                for (value, count) in from {
                    *into.entry(value).or_default() += count;
                }
            }
        }
        Ok(total)
    }
}

impl SegmentCollector for SegmentProfileCounter {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(ord) = self.column.as_ref().and_then(|c| c.ords().first(doc)) {
            self.counts[ord as usize] += 1;
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let Some(column) = &self.column else { return };
        self.ords.clear();
        self.ords.resize(docs.len(), None);
        column.ords().first_vals(docs, &mut self.ords);
        for ord in self.ords.iter().flatten() {
            self.counts[*ord as usize] += 1;
        }
    }

    fn harvest(self) -> FacetCounts {
        let mut counts = FacetCounts::default();
        let Some(column) = &self.column else {
            return counts;
        };
        // Ascending, as the dictionary is read.
        let seen: Vec<u64> = (0u64..)
            .zip(&self.counts)
            .filter(|(_, &count)| count > 0)
            .map(|(ord, _)| ord)
            .collect();
        // A facet value is allocated once, when first met: most recur in many profiles.
        let decoded = crate::index::for_each_decoded(column, &seen, |ord, profile| {
            let Ok(profile) = std::str::from_utf8(profile) else {
                return;
            };
            let count = u64::from(self.counts[ord as usize]);
            for (facet, value) in parse_facet_profile(profile) {
                add(&mut counts, facet, value, count);
            }
        });
        // A damaged dictionary counts nothing rather than failing the search.
        match decoded {
            Ok(_) => counts,
            Err(_) => FacetCounts::default(),
        }
    }
}

/// Adds `count` records to `facet`'s `value`.
fn add(counts: &mut FacetCounts, facet: Facet, value: &str, count: u64) {
    let into: &mut BTreeMap<String, u64> = counts.of_mut(facet);
    match into.get_mut(value) {
        Some(total) => *total += count,
        None => {
            into.insert(value.to_string(), count);
        }
    }
}
