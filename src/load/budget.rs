//! A process-wide budget for the memory that decoded photos and their analysis take, so that a
//! batch on several jobs stays bounded whatever the photos are.
//!
//! One photo's analysis costs about its decoded RGB pixels plus a fixed 48 MB (the proxy, the
//! rectified document, the reader's templates): measured 78 MB for 12 megapixels, 186 MB for
//! 48, 326 MB for 93. Two 93-megapixel photos at once took 617 MB. Each worker reserves its
//! photo's estimate before decoding and gives it back when the photo's analysis is dropped;
//! when the budget is spent, the next worker waits. A photo whose estimate is larger than the
//! whole budget takes all of it, and so runs alone. A worker holds at most one reservation at a
//! time, so waiting can never deadlock.

use std::sync::{Condvar, Mutex};

/// The budget: two 48-megapixel photos (or eight at 12) at once; anything larger waits its
/// turn. With the process's own ~15 MB, a batch peaks under 512 MB on any number of jobs.
const CAPACITY_BYTES: u64 = 400 << 20;

/// The fixed part of one photo's analysis, beside its decoded pixels.
const FIXED_BYTES: u64 = 48 << 20;

static FREE: Mutex<u64> = Mutex::new(CAPACITY_BYTES);
static RETURNED: Condvar = Condvar::new();

/// A share of the budget, given back on drop.
#[derive(Debug)]
pub struct Reservation {
    bytes: u64,
}

/// The estimated cost of analysing a photo of `width` × `height` pixels.
pub fn estimate(width: u32, height: u32) -> u64 {
    u64::from(width) * u64::from(height) * 3 + FIXED_BYTES
}

/// Wait until `bytes` (at most the whole budget) are free, and take them.
pub fn reserve(bytes: u64) -> Reservation {
    let bytes = bytes.min(CAPACITY_BYTES);
    // A poisoned lock only means another worker panicked while holding it; the count is
    // still right, since it is updated in one step.
    let mut free = FREE.lock().unwrap_or_else(|e| e.into_inner());
    while *free < bytes {
        free = RETURNED.wait(free).unwrap_or_else(|e| e.into_inner());
    }
    *free -= bytes;
    Reservation { bytes }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        let mut free = FREE.lock().unwrap_or_else(|e| e.into_inner());
        *free += self.bytes;
        RETURNED.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn reservations_never_exceed_the_budget_and_an_oversized_one_runs_alone() {
        let held = AtomicU64::new(0);
        let most = AtomicU64::new(0);
        std::thread::scope(|scope| {
            for i in 0..8u64 {
                let (held, most) = (&held, &most);
                scope.spawn(move || {
                    // Some reservations larger than the whole budget, most a third of it.
                    let want = if i % 3 == 0 {
                        CAPACITY_BYTES * 2
                    } else {
                        CAPACITY_BYTES / 3
                    };
                    let reservation = reserve(want);
                    let now =
                        held.fetch_add(reservation.bytes, Ordering::SeqCst) + reservation.bytes;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    held.fetch_sub(reservation.bytes, Ordering::SeqCst);
                });
            }
        });
        // (Other tests in this process may hold reservations too, so only this test's own
        // are counted.)
        assert!(most.load(Ordering::SeqCst) <= CAPACITY_BYTES);
    }
}
