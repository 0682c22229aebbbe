//! Ordered parallel mapping: work items run in the rayon pool, a bounded number at a time,
//! and their results reach a sequential consumer (a writer) on the calling thread in the
//! items' order. The consumer overlaps with the work, and no barrier stops the pool between
//! batches: a thread that finishes an item takes the next one.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// Runs `work` on each of `items` in the pool, at most `ahead` at a time, and gives the
/// results to `consume` in the items' order, on this thread. `items` is drawn on this
/// thread, as room frees up. Stops drawing items at the first error `consume` returns
/// (items already started finish first) and returns it. A panic in `work` is raised again
/// here.
pub(crate) fn map_in_order<I, R, E>(
    items: impl Iterator<Item = I>,
    ahead: usize,
    work: impl Fn(I) -> R + Sync,
    mut consume: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    R: Send,
{
    let ahead = ahead.max(1);
    let work = &work;
    let (sender, receiver) = mpsc::channel::<(usize, std::thread::Result<R>)>();
    rayon::in_place_scope(|scope| {
        let mut items = items.fuse();
        // Results that came back before the ones ahead of them.
        let mut early: BTreeMap<usize, std::thread::Result<R>> = BTreeMap::new();
        let (mut started, mut done) = (0_usize, 0_usize);
        loop {
            while started - done < ahead {
                let Some(item) = items.next() else { break };
                let sender = sender.clone();
                let n = started;
                scope.spawn(move |_| {
                    let result = panic::catch_unwind(AssertUnwindSafe(|| work(item)));
                    // The receiver outlives the scope, so the result is always taken.
                    let _ = sender.send((n, result));
                });
                started += 1;
            }
            if done == started {
                return Ok(());
            }
            let result = loop {
                if let Some(result) = early.remove(&done) {
                    break result;
                }
                let (n, result) = receive(&receiver);
                early.insert(n, result);
            };
            done += 1;
            match result {
                Ok(r) => consume(r)?,
                Err(payload) => panic::resume_unwind(payload),
            }
        }
    })
}

/// The next result. A thread of the pool must not block (the work it waits for may be queued
/// behind it): it runs pending work while it waits; any other thread sleeps.
fn receive<T>(receiver: &Receiver<T>) -> T {
    loop {
        let next = if rayon::current_thread_index().is_some() {
            match receiver.try_recv() {
                Err(TryRecvError::Empty) => {
                    if rayon::yield_now() != Some(rayon::Yield::Executed) {
                        std::thread::yield_now();
                    }
                    continue;
                }
                next => next.ok(),
            }
        } else {
            receiver.recv().ok()
        };
        match next {
            Some(t) => return t,
            // `map_in_order` holds a sender until it has received every result.
            None => unreachable!("a result channel closed while its sender was alive"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_order_they_finish_in() {
        let mut seen = Vec::new();
        let done: Result<(), ()> = map_in_order(
            0..200_u64,
            7,
            |i| {
                // Later items finish first within each window.
                std::thread::sleep(std::time::Duration::from_micros((200 - i) % 13 * 50));
                i * 2
            },
            |r| {
                seen.push(r);
                Ok(())
            },
        );
        assert_eq!(done, Ok(()));
        assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn an_error_stops_drawing_items() {
        let drawn = std::sync::atomic::AtomicUsize::new(0);
        let items = (0..1000).inspect(|_| {
            drawn.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        let mut consumed = 0;
        let done = map_in_order(
            items,
            4,
            |i| i,
            |i| {
                consumed += 1;
                if i == 10 {
                    Err(i)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(done, Err(10));
        assert_eq!(consumed, 11);
        assert!(drawn.into_inner() <= 11 + 4);
    }

    #[test]
    fn it_works_from_inside_a_one_thread_pool() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let sum = pool.install(|| {
            let mut sum = 0;
            let done: Result<(), ()> = map_in_order(
                0..100_u32,
                3,
                |i| i + 1,
                |r| {
                    sum += r;
                    Ok(())
                },
            );
            done.map(|()| sum)
        });
        assert_eq!(sum, Ok(5050));
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller() {
        let caught = panic::catch_unwind(|| {
            let _: Result<(), ()> =
                map_in_order(0..10, 2, |i| assert!(i != 5, "five"), |()| Ok(()));
        });
        assert!(caught.is_err());
    }
}
