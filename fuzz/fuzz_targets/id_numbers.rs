//! The ID-number validators (mainland China, Hong Kong, Taiwan) on any typed text, normalised
//! as the checks do and raw.
#![no_main]

use kyc_preflight::ids;
use kyc_preflight::profile::IdType;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|typed: &str| {
    let today = jiff::civil::date(2026, 11, 22);
    let normalised = ids::normalise(typed);
    for kind in [
        IdType::CnResidentId,
        IdType::HkId,
        IdType::TwId,
        IdType::Passport,
    ] {
        let _ = ids::validate(kind, &normalised, today);
        let _ = ids::validate(kind, typed, today);
    }
});
