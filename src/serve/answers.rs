//! Answers kept for searches asked again: the JSON body of each search on one commit, so
//! paging back, a shared link opened twice or a portal's front page are answered without
//! running the search. A set of answers belongs to one commit ([`super::index_handle`]);
//! a new commit starts with none, so an answer never comes from an older index than the
//! one being served. Bounded in bytes; quick_cache's policy (S3-FIFO) lets a burst of
//! one-off searches pass through without pushing out the ones asked again and again.

use axum::body::Bytes;
use bireport::search::SearchRequest;
use quick_cache::sync::Cache;

/// The answers of one commit.
pub struct Answers {
    /// `None` when keeping answers is off (`--cache-mb 0`).
    kept: Option<Cache<SearchRequest, Bytes, ByBytes>>,
}

/// What an answer costs to keep: its body and its request's text.
#[derive(Clone)]
struct ByBytes;

impl quick_cache::Weighter<SearchRequest, Bytes> for ByBytes {
    fn weight(&self, request: &SearchRequest, body: &Bytes) -> u64 {
        (std::mem::size_of::<SearchRequest>() + request.query.len() + body.len()) as u64
    }
}

/// A typical answer (ten hits with snippets and facets), to size the table up front.
const TYPICAL_ANSWER_BYTES: u64 = 8 * 1024;

impl Answers {
    /// Keeps at most `capacity_bytes` of answers; 0 keeps none.
    pub fn new(capacity_bytes: u64) -> Answers {
        let kept = (capacity_bytes > 0).then(|| {
            let items = (capacity_bytes / TYPICAL_ANSWER_BYTES).max(16) as usize;
            Cache::with_weighter(items, capacity_bytes, ByBytes)
        });
        Answers { kept }
    }

    /// The kept answer to `request`, if there is one.
    pub fn get(&self, request: &SearchRequest) -> Option<Bytes> {
        self.kept.as_ref()?.get(request)
    }

    /// Keeps `body` as the answer to `request` (quick_cache declines an answer too large
    /// for its share of the budget).
    pub fn keep(&self, request: SearchRequest, body: Bytes) {
        if let Some(kept) = &self.kept {
            kept.insert(request, body);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str) -> SearchRequest {
        SearchRequest {
            query: query.to_string(),
            limit: 10,
            ..SearchRequest::default()
        }
    }

    #[test]
    fn an_answer_is_found_by_the_whole_request() {
        let answers = Answers::new(1 << 20);
        answers.keep(request("heritage"), Bytes::from_static(b"{\"total\":3}"));
        assert_eq!(
            answers.get(&request("heritage")).as_deref(),
            Some(&b"{\"total\":3}"[..])
        );
        let next_page = SearchRequest {
            offset: 10,
            ..request("heritage")
        };
        let in_lithuanian = SearchRequest {
            lang: Some("lt".to_string()),
            ..request("heritage")
        };
        assert_eq!(answers.get(&next_page), None);
        assert_eq!(answers.get(&in_lithuanian), None);
        assert_eq!(answers.get(&request("Heritage")), None);
    }

    #[test]
    fn nothing_is_kept_when_off_and_the_budget_holds() {
        let off = Answers::new(0);
        off.keep(request("heritage"), Bytes::from_static(b"{}"));
        assert_eq!(off.get(&request("heritage")), None);

        let small = Answers::new(64 * 1024);
        let body = Bytes::from(vec![b' '; 4 * 1024]);
        for n in 0..200 {
            small.keep(request(&format!("word{n}")), body.clone());
        }
        let kept = small.kept.as_ref().unwrap();
        assert!(kept.weight() <= 64 * 1024, "{}", kept.weight());
        assert!(kept.len() < 200 && !kept.is_empty(), "{}", kept.len());
    }
}
