//! Running a batch on several threads while delivering results in input order.
//!
//! Workers (a rayon pool of `jobs` threads) take items in input order as they become free and
//! send each result back; the calling thread puts them back in order and hands each to
//! `deliver` as soon as every earlier one has been delivered, so output streams file by file.
//! Memory stays bounded: a result is dropped once delivered, workers block when the channel
//! is full, and only results that finished ahead of a slower earlier file wait in the reorder
//! buffer (reports, never pixels). When `deliver` fails (stdout closed), the workers stop
//! taking new items.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use rayon::prelude::*;

/// The number of worker threads `--jobs` defaults to: every core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Apply `work` to every item on `jobs` threads; call `deliver(index, result)` on this thread
/// in index order. Returns the first error of `deliver`, after the workers have stopped.
pub fn run_in_order<T, R, E>(
    items: &[T],
    jobs: usize,
    work: impl Fn(usize, &T) -> R + Sync,
    mut deliver: impl FnMut(usize, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let jobs = jobs.max(1);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool,
        // No threads to be had: do the work here, still in order.
        Err(_) => {
            for (index, item) in items.iter().enumerate() {
                deliver(index, work(index, item))?;
            }
            return Ok(());
        }
    };
    let stop = AtomicBool::new(false);
    // Room for a few results per worker: enough to keep them busy while this thread writes.
    let (sender, receiver) = mpsc::sync_channel::<(usize, R)>(jobs * 4);
    std::thread::scope(|scope| {
        let (work, stop) = (&work, &stop);
        scope.spawn(move || {
            pool.install(|| {
                // par_bridge hands items out in order as workers ask for them; a plain
                // par_iter would split the list in halves and deliver nothing of the second
                // half until the first was done.
                items.iter().enumerate().par_bridge().for_each_with(
                    sender,
                    |sender, (index, item)| {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        if sender.send((index, work(index, item))).is_err() {
                            stop.store(true, Ordering::Relaxed);
                        }
                    },
                );
            });
        });
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (index, result) in receiver {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&next) {
                if let Err(err) = deliver(next, result) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(err);
                }
                next += 1;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_delivered_in_input_order_whatever_order_they_finish_in() {
        let items: Vec<u64> = (0..200).collect();
        let mut delivered = Vec::new();
        run_in_order(
            &items,
            4,
            |_, &n| {
                // Early items take longest, so later ones finish first.
                std::thread::sleep(std::time::Duration::from_micros((200 - n) * 20));
                n * 2
            },
            |index, doubled| {
                delivered.push((index, doubled));
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        let expected: Vec<(usize, u64)> = (0..200).map(|n| (n as usize, n * 2)).collect();
        assert_eq!(delivered, expected);
    }

    #[test]
    fn a_failing_delivery_stops_the_batch() {
        let items: Vec<u32> = (0..10_000).collect();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let result = run_in_order(
            &items,
            2,
            |_, _| {
                done.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(std::time::Duration::from_micros(50));
            },
            |index, ()| if index == 3 { Err("closed") } else { Ok(()) },
        );
        assert_eq!(result, Err("closed"));
        assert!(
            done.load(Ordering::Relaxed) < 1_000,
            "workers stopped soon after the failure"
        );
    }
}
