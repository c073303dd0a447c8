//! Pairs as searches see them: a record's counterpart from the pair store, every pair, and
//! the pairing model (features and weights) that explains them.

use std::collections::HashMap;

use super::engine::damaged_index;
use super::Engine;
use crate::error::{Error, Result};
use crate::index::pairs::Damage;
use crate::index::{self, StoredPair};
use crate::pairing::weights::KeyWeights;
use crate::pairing::Features;
use crate::record::Counterpart;

impl Engine {
    /// The counterpart of each of `ids` that has one, from the pair store (a page holds a
    /// few hits: a look-up each).
    pub(super) fn counterpart_ids<'i>(
        &self,
        ids: impl Iterator<Item = &'i str>,
    ) -> Result<HashMap<String, String>> {
        let mut counterparts = HashMap::new();
        for id in ids {
            if let Some(pair) = self.pair_of(id)? {
                let other = if pair.lt == id { pair.en } else { pair.lt };
                counterparts.insert(id.to_string(), other);
            }
        }
        Ok(counterparts)
    }

    /// Every record's pairing features, as the last commit's incremental store keeps them
    /// (for explaining pairs without parsing every record again).
    pub fn pairing_features(&self) -> Result<Vec<Features>> {
        let dir = &self.open.dir;
        let damaged = |reason: String| damaged_index(dir, reason);
        let reference = self
            .open
            .payload
            .incremental
            .as_ref()
            .ok_or_else(|| damaged("the last commit names no incremental store".to_string()))?;
        let files = index::incremental::read(dir, reference).map_err(damaged)?;
        let mut features = Vec::new();
        for stored in files.values() {
            for (id, bytes) in &stored.entries {
                features.push(Features::decode(id, bytes).ok_or_else(|| {
                    damaged(format!("the pairing features of {id} cannot be read"))
                })?);
            }
        }
        Ok(features)
    }

    /// Every record's pairing features with the weights pairing gave their keys, the
    /// lexicon it learned included: what explanations score candidates with.
    pub fn pairing_model(&self) -> Result<(Vec<Features>, KeyWeights)> {
        let features = self.pairing_features()?;
        let mut weights = KeyWeights::new(&features);
        weights.learn(crate::pairing::lexicon::load(self.dir()));
        Ok((features, weights))
    }

    /// Every stored pair, ordered by Lithuanian record id.
    pub fn all_pairs(&self) -> Result<Vec<StoredPair>> {
        let mut pairs = self.pairs.all().map_err(|why| self.damaged(why))?;
        pairs.sort_by(|a, b| a.lt.cmp(&b.lt).then_with(|| a.en.cmp(&b.en)));
        Ok(pairs)
    }

    /// The pair `id` belongs to, if any: found by the record's key, checked by its id.
    pub fn pair_of(&self, id: &str) -> Result<Option<StoredPair>> {
        let candidates = self
            .pairs
            .with_key(index::record_key(id))
            .map_err(|why| self.damaged(why))?;
        Ok(candidates
            .into_iter()
            .find(|pair| pair.lt == id || pair.en == id))
    }

    pub(super) fn damaged(&self, reason: Damage) -> Error {
        Error::DamagedIndex {
            dir: self.open.dir.clone(),
            reason: format!("its pair store holds {reason}"),
        }
    }
}

/// The counterpart a stored pair gives the record on its `record_is_lt` side.
pub(super) fn counterpart_from(pair: &StoredPair, record_is_lt: bool) -> Counterpart {
    Counterpart {
        id: if record_is_lt {
            pair.en.clone()
        } else {
            pair.lt.clone()
        },
        score: pair.score,
        evidence: pair.evidence.clone(),
    }
}
