//! The loading layer on any bytes: sniffing, completeness, header, EXIF, decoding under the
//! limits, metadata blocks, and scrub. Much faster per input than `image_load`, which runs
//! every check on what decodes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    kyc_preflight::fuzzing::image_decode(bytes);
});
