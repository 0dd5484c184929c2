//! The profile parser on any bytes, as TOML, as JSON and sniffed: a profile or a field-level
//! error, never a panic, a hang or a stack overflow.
#![no_main]

use kyc_preflight::Profile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let today = jiff::civil::date(2026, 11, 22);
    for extension in [Some("toml"), Some("json"), None] {
        if let Ok(profile) = Profile::parse(bytes, extension) {
            let _ = profile.validate_against(today);
        }
    }
});
