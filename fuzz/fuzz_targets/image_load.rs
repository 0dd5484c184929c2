//! Every check of one photo on any bytes, named as a JPEG: loading, sniffing, the integrity
//! scan, decoding under the limits, EXIF, and the vision checks on whatever decodes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = kyc_preflight::fuzzing::image_load(bytes);
});
