//! The documents on their way to tantivy's indexing threads, and a bound on how many.
//!
//! tantivy's writer takes documents in batches through a channel that holds up to 10,000
//! batches. Sending a file's records as one batch saves a channel hand-over (and often a
//! thread wake-up) per record, but 10,000 batches of whole files could be most of a
//! corpus in memory. So every document sent is a [`QueuedDocument`] holding a place in a
//! [`DocumentQueue`]; an indexing thread frees the place when it takes the document, and
//! the sender waits for room before each batch.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tantivy::schema::document::Document;
use tantivy::TantivyDocument;

/// Counts the documents sent to the writer and not yet taken by an indexing thread.
#[derive(Debug)]
pub struct DocumentQueue {
    shared: Arc<Shared>,
    limit: usize,
}

#[derive(Debug)]
struct Shared {
    queued: AtomicUsize,
    /// The count at which a waiting sender wants waking (`usize::MAX`: nobody waits).
    /// Only the document whose departure reaches it wakes the sender, so indexing
    /// threads do not signal once per document.
    wake_at: AtomicUsize,
    lock: Mutex<()>,
    room: Condvar,
}

impl DocumentQueue {
    /// A queue letting at most `limit` documents wait (a larger batch still goes, alone).
    pub fn new(limit: usize) -> DocumentQueue {
        DocumentQueue {
            shared: Arc::new(Shared {
                queued: AtomicUsize::new(0),
                wake_at: AtomicUsize::new(usize::MAX),
                lock: Mutex::new(()),
                room: Condvar::new(),
            }),
            limit: limit.max(1),
        }
    }

    /// Waits until `documents` fit, then holds their places until tantivy takes them.
    /// A sender that must wait sleeps until the queue is half empty (or empty enough).
    ///
    /// Never waits for ever: queued documents are freed when an indexing thread takes
    /// them, and the wait ends with `None` as soon as `stop` says the indexing threads
    /// have failed (they leave the documents sent in tantivy's channel then).
    pub fn admit(
        &mut self,
        documents: Vec<TantivyDocument>,
        stop: &dyn Fn() -> bool,
    ) -> Option<Vec<QueuedDocument>> {
        let wanted = documents.len();
        let shared = &*self.shared;
        let fits = |queued: usize| queued == 0 || queued + wanted <= self.limit;
        if !fits(shared.queued.load(SeqCst)) {
            let wake_at = self.limit.saturating_sub(wanted).min(self.limit / 2);
            let mut guard = shared
                .lock
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            loop {
                shared.wake_at.store(wake_at, SeqCst);
                if shared.queued.load(SeqCst) <= wake_at {
                    break;
                }
                if stop() {
                    shared.wake_at.store(usize::MAX, SeqCst);
                    return None;
                }
                guard = shared
                    .room
                    .wait_timeout(guard, Duration::from_millis(50))
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .0;
            }
            shared.wake_at.store(usize::MAX, SeqCst);
        }
        // `&mut self`: the only sender, so the count can only have fallen since.
        shared.queued.fetch_add(wanted, SeqCst);
        Some(
            documents
                .into_iter()
                .map(|document| QueuedDocument {
                    document,
                    place: Place(Arc::clone(&self.shared)),
                })
                .collect(),
        )
    }
}

/// A document holding a place in a [`DocumentQueue`] until tantivy takes it.
#[derive(Debug)]
pub struct QueuedDocument {
    document: TantivyDocument,
    place: Place,
}

/// Frees one place when dropped.
#[derive(Debug)]
struct Place(Arc<Shared>);

impl Drop for Place {
    fn drop(&mut self) {
        let left = self.0.queued.fetch_sub(1, SeqCst) - 1;
        if left == self.0.wake_at.load(SeqCst) {
            let _guard = self
                .0
                .lock
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            self.0.room.notify_one();
        }
    }
}

impl Document for QueuedDocument {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.document.iter_fields_and_values()
    }

    /// The indexing thread's first step with a document: its place is free from here on.
    fn into_tantivy_document(self) -> TantivyDocument {
        let QueuedDocument { document, place } = self;
        drop(place);
        document
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl DocumentQueue {
        fn len(&self) -> usize {
            self.shared.queued.load(SeqCst)
        }

        fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }

    fn documents(n: usize) -> Vec<TantivyDocument> {
        (0..n).map(|_| TantivyDocument::default()).collect()
    }

    #[test]
    fn places_are_held_until_documents_are_taken_or_dropped() {
        let mut queue = DocumentQueue::new(10);
        let mut sent = queue.admit(documents(4), &|| false).unwrap();
        assert_eq!(queue.len(), 4);
        let taken = sent.pop().unwrap().into_tantivy_document();
        assert_eq!(queue.len(), 3);
        drop(taken);
        assert_eq!(queue.len(), 3);
        drop(sent);
        assert!(queue.is_empty());
    }

    #[test]
    fn a_full_queue_waits_for_room_and_an_oversized_batch_goes_alone() {
        use std::sync::atomic::AtomicBool;
        let mut queue = DocumentQueue::new(5);
        let first = queue.admit(documents(4), &|| false).unwrap();
        let taking = Arc::new(AtomicBool::new(false));
        let taker = std::thread::spawn({
            let taking = Arc::clone(&taking);
            move || {
                std::thread::sleep(Duration::from_millis(100));
                taking.store(true, SeqCst);
                for document in first {
                    drop(document.into_tantivy_document());
                }
            }
        });
        // 4 + 3 > 5: admitted only once the other thread has taken some of the four.
        let second = queue.admit(documents(3), &|| false).unwrap();
        assert!(taking.load(SeqCst));
        taker.join().unwrap();
        assert_eq!(queue.len(), 3);
        drop(second);
        // Larger than the limit, on an empty queue: admitted at once.
        let oversized = queue.admit(documents(8), &|| false).unwrap();
        assert_eq!(queue.len(), 8);
        // A full queue whose takers have failed stops waiting at once.
        assert!(queue.admit(documents(1), &|| true).is_none());
        assert_eq!(queue.len(), 8);
        drop(oversized);
        assert!(queue.is_empty());
    }
}
