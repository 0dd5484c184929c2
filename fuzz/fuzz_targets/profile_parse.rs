//! The profile parser on any bytes, as TOML, as JSON and sniffed: a profile or a field-level
//! error, never a panic, a hang or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = kyc_preflight::fuzzing::profile_parse(bytes);
});
