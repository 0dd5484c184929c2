//! The MRZ text parser on any text: fields or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = kyc_preflight::fuzzing::mrz_parse(bytes);
});
