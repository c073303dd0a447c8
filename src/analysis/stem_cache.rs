//! `StemCache`: words in reports repeat (a few hundred words make most of any text), and a
//! Snowball stem costs far more than a hash look-up, so each analyzer instance — one per
//! indexing thread — remembers the stems it computed. The cache is bounded: when full it
//! is emptied and refills with the words that are still frequent. Look-ups hash with
//! hashbrown's default (foldhash), several times faster than the standard library's
//! SipHash on short words, and borrow the cached value instead of cloning it.

use hashbrown::HashMap;

/// Most entries a cache holds before it starts over.
pub const STEM_CACHE_ENTRIES: usize = 50_000;

/// Remembers `word → value` for one analyzer instance.
#[derive(Clone)]
pub struct StemCache<V> {
    map: HashMap<String, V>,
}

impl<V> Default for StemCache<V> {
    fn default() -> Self {
        StemCache {
            map: HashMap::new(),
        }
    }
}

impl<V> StemCache<V> {
    /// The cached value of `word`, or `compute(word)` remembered.
    pub fn get_or_insert_with(&mut self, word: &str, compute: impl FnOnce(&str) -> V) -> &V {
        if self.map.len() >= STEM_CACHE_ENTRIES && !self.map.contains_key(word) {
            self.map.clear();
        }
        self.map.entry_ref(word).or_insert_with(|| compute(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_and_stays_bounded() {
        let mut cache = StemCache::default();
        let mut calls = 0;
        for _ in 0..3 {
            let v = cache.get_or_insert_with("sveikatos", |w| {
                calls += 1;
                w.len()
            });
            assert_eq!(*v, 9);
        }
        assert_eq!(calls, 1);
        for n in 0..STEM_CACHE_ENTRIES + 10 {
            cache.get_or_insert_with(&n.to_string(), |w| w.len());
        }
        assert!(cache.map.len() <= STEM_CACHE_ENTRIES);
    }
}
