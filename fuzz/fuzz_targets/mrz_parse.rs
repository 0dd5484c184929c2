//! The MRZ text parser on any text: it returns fields or an error, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(parsed) = kyc_preflight::mrz::parse_mrz(text) {
        // What the checks compute from a parse must not panic either.
        let today = jiff::civil::date(2026, 11, 22);
        let _ = parsed.all_checks_valid();
        let _ = parsed.birth_date.as_birth_date(today);
        let _ = parsed.expiry_date.map(|d| d.as_expiry_date(today));
    }
});
