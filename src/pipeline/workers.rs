//! A small worker pool for the read stage: `workers` threads (this one among them) take
//! items in turn and work on them; this thread alone hands each result to a handler, in
//! the order they come.
//!
//! This thread works too, and takes the helpers' results between its own items: it waits
//! for them only once no item is left. A thread that only received would be woken for
//! every item; here a helper's result wakes no sleeping thread while there is work.
//! A bounded queue keeps at most [`RESULTS_PER_HELPER`] results of each helper waiting,
//! so memory holds a few items' results however fast the helpers are.

use std::any::Any;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Results a helper thread may have made before this thread takes them.
const RESULTS_PER_HELPER: usize = 16;

/// Works on every item of `items` on `workers` threads and hands each result, with the
/// item's index, to `handle` on this thread. A panic in `work` becomes a result through
/// `panicked` (the item's index and the panic), so no item is lost without a word. The
/// first error `handle` returns stops the run: helpers stop taking items, and the error
/// is returned.
pub fn run_parallel<T, R, E>(
    items: &[T],
    workers: usize,
    work: impl Fn(usize, &T) -> R + Sync,
    panicked: impl Fn(usize, Box<dyn Any + Send>) -> R + Sync,
    mut handle: impl FnMut(usize, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    // The next item no thread has taken yet, worked on.
    let take = || {
        let at = next.fetch_add(1, Ordering::Relaxed);
        let item = items.get(at)?;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(at, item)))
            .unwrap_or_else(|panic| panicked(at, panic));
        Some((at, result))
    };
    let helpers = workers.max(1) - 1;
    std::thread::scope(|scope| {
        let (sender, receiver) =
            mpsc::sync_channel::<(usize, R)>(RESULTS_PER_HELPER * helpers.max(1));
        for _ in 0..helpers {
            let (sender, take) = (sender.clone(), &take);
            scope.spawn(move || {
                while let Some(result) = take() {
                    if sender.send(result).is_err() {
                        break; // this thread gave up after an error
                    }
                }
            });
        }
        drop(sender);
        let outcome = (|| {
            loop {
                while let Ok((at, result)) = receiver.try_recv() {
                    handle(at, result)?;
                }
                let Some((at, result)) = take() else {
                    break;
                };
                handle(at, result)?;
            }
            for (at, result) in receiver.iter() {
                handle(at, result)?;
            }
            Ok(())
        })();
        if outcome.is_err() {
            // Helpers stop at their next item: no item is left to take.
            next.store(items.len(), Ordering::Relaxed);
        }
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_item_is_handled_once_on_any_number_of_workers() {
        let items: Vec<u64> = (0..1000).collect();
        for workers in [0, 1, 2, 4] {
            let mut seen = BTreeSet::new();
            let mut sum = 0;
            run_parallel(
                &items,
                workers,
                |_, item| item * 2,
                |_, _| unreachable!("no panic"),
                |at, result| -> Result<(), ()> {
                    assert!(seen.insert(at), "{at} handled twice");
                    assert_eq!(result, items[at] * 2);
                    sum += result;
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen.len(), items.len(), "{workers} workers");
            assert_eq!(sum, 999 * 1000);
        }
    }

    #[test]
    fn a_panic_becomes_the_items_result() {
        let items = ["fine", "boom", "fine"];
        let mut results = Vec::new();
        run_parallel(
            &items,
            2,
            |_, item| {
                assert_ne!(*item, "boom", "worker panicked");
                Ok(item.len())
            },
            |at, panic| {
                let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
                Err(format!("item {at}: {message}"))
            },
            |at, result| -> Result<(), ()> {
                results.push((at, result));
                Ok(())
            },
        )
        .unwrap();
        results.sort();
        assert_eq!(results[0], (0, Ok(4)));
        assert!(
            matches!(&results[1], (1, Err(m)) if m.starts_with("item 1: ") && m.contains("worker panicked"))
        );
        assert_eq!(results[2], (2, Ok(4)));
    }

    #[test]
    fn the_first_error_stops_the_run() {
        let items: Vec<usize> = (0..10_000).collect();
        let worked = AtomicUsize::new(0);
        let mut handled = 0;
        let outcome = run_parallel(
            &items,
            2,
            |_, _| {
                worked.fetch_add(1, Ordering::Relaxed);
            },
            |_, _| (),
            |at, ()| {
                handled += 1;
                if at == 10 {
                    Err(format!("stopped at {at}"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(outcome, Err("stopped at 10".to_string()));
        assert!(handled < 100, "{handled} handled after the error");
        assert!(worked.load(Ordering::Relaxed) < items.len());
    }
}
