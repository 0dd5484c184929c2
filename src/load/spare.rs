//! One decoded-pixel buffer kept per worker thread, so that the next photo decodes into memory
//! the process already has.
//!
//! A 12-megapixel photo decodes to a 36 MB buffer. The C allocator maps a block that large
//! afresh for every request and unmaps it when freed, so each photo's pixels arrived as new
//! pages, zeroed by the kernel and faulted in one at a time: 14% of a batch's time, in the
//! kernel (`perf`). Keeping the last photo's buffer for the next removes that. Telling the
//! allocator to keep large blocks instead (`mallopt`) was as fast, but fragmented its heaps:
//! on a 100-photo folder at 2 jobs, peak memory went from 131 to 224 MB that way, and to 143
//! MB with one kept buffer per thread.
//!
//! Only buffers up to [`MAX_KEPT_BYTES`] are kept, so what a thread holds between photos is
//! bounded whatever the photos are. A buffer handed out is zeroed: a decoder that stops early
//! without an error must leave black, never the previous applicant's pixels.

use std::cell::RefCell;

/// Largest buffer kept between photos: a 21-megapixel photo's RGB pixels.
pub const MAX_KEPT_BYTES: usize = 64 << 20;

thread_local! {
    static SPARE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A zeroed buffer of `len` bytes, reusing this thread's spare one when it is large enough.
pub fn take(len: usize) -> Vec<u8> {
    let mut buffer = SPARE.with(|spare| std::mem::take(&mut *spare.borrow_mut()));
    if buffer.capacity() < len {
        // Too small: give it back to the allocator rather than hold two.
        buffer = Vec::new();
    }
    buffer.clear();
    buffer.resize(len, 0);
    buffer
}

/// Keep `buffer` for this thread's next [`take`], if it is not too large to keep.
pub fn give_back(buffer: Vec<u8>) {
    if buffer.capacity() <= MAX_KEPT_BYTES {
        SPARE.with(|spare| *spare.borrow_mut() = buffer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_given_back_is_reused_zeroed_and_a_huge_one_is_not_kept() {
        let mut first = take(1000);
        first.fill(7);
        let address = first.as_ptr();
        give_back(first);
        let second = take(800);
        assert_eq!(second.as_ptr(), address, "the spare buffer is reused");
        assert_eq!(second.len(), 800);
        assert!(second.iter().all(|&b| b == 0), "no earlier pixels survive");
        give_back(Vec::with_capacity(MAX_KEPT_BYTES + 1));
        assert!(
            take(10).capacity() <= MAX_KEPT_BYTES,
            "the huge one was not kept"
        );
    }
}
