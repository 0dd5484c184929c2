//! Every check of one photo on any bytes, named as a JPEG: loading, sniffing, the integrity
//! scan, decoding under the limits, EXIF, and the vision checks on whatever decodes.
#![no_main]

use kyc_preflight::{Options, Selection};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let options = Options::new(jiff::civil::date(2026, 11, 22));
    let selection = Selection::default();
    let _ = kyc_preflight::examine_bytes("fuzz.jpg", bytes.to_vec(), &options, &selection);
});
