//! The ID-number validators (mainland China, Hong Kong, Taiwan) on any typed text, normalised
//! as the checks do and raw.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = kyc_preflight::fuzzing::id_numbers(bytes);
});
