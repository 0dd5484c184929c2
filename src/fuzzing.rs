//! The entry points of the fuzz targets (`fuzz/fuzz_targets/`), kept in the library so that
//! `tests/fuzz_regressions.rs` replays saved inputs through exactly the same calls. Each takes
//! any bytes and must return without panicking, hanging or allocating without bound.

use crate::profile::IdType;
use crate::{Options, Profile, Selection, ids, mrz};

/// The date every entry point judges on, so that a saved input replays the same way.
fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 22)
}

/// The MRZ text parser, and what the checks compute from a parse.
pub fn mrz_parse(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(parsed) = mrz::parse_mrz(text) {
        let _ = parsed.all_checks_valid();
        let _ = parsed.birth_date.as_birth_date(today());
        let _ = parsed.expiry_date.map(|d| d.as_expiry_date(today()));
    }
}

/// The profile parser, as TOML, as JSON and sniffed, then validated. Returns how many of the
/// three readings gave a valid profile.
pub fn profile_parse(bytes: &[u8]) -> usize {
    [Some("toml"), Some("json"), None]
        .into_iter()
        .filter_map(|extension| Profile::parse(bytes, extension).ok())
        .filter(|profile| profile.validate_against(today()).is_ok())
        .count()
}

/// The ID-number validators on typed text, raw and normalised as the checks do.
pub fn id_numbers(bytes: &[u8]) {
    let Ok(typed) = std::str::from_utf8(bytes) else {
        return;
    };
    let normalised = ids::normalise(typed);
    for kind in [
        IdType::CnResidentId,
        IdType::HkId,
        IdType::TwId,
        IdType::Passport,
    ] {
        let _ = ids::validate(kind, &normalised, today());
        let _ = ids::validate(kind, typed, today());
    }
}

/// Every check of one photo on the bytes, named as a JPEG.
pub fn image_load(bytes: &[u8]) -> crate::FileReport {
    let options = Options::new(today());
    crate::examine_bytes("fuzz.jpg", bytes.to_vec(), &options, &Selection::default()).report
}

/// The loading layer alone, fast enough for millions of runs: sniffing, the completeness scan,
/// the header and EXIF, decoding under the limits, the metadata blocks, and `scrub` (which
/// walks JPEG segments and verifies its copy).
pub fn image_decode(bytes: &[u8]) {
    let limits = crate::load::LoadLimits::default();
    let file = crate::load::from_bytes(bytes.to_vec(), Some("jpg"), &limits);
    let Some(format) = file.format.filter(|f| f.is_decodable()) else {
        return;
    };
    let _ = crate::load::inspect_integrity(format, bytes);
    if crate::load::read_header(bytes, format, &limits).is_ok() {
        let _ = crate::load::metadata_blocks(bytes, format, &limits);
        let _ = crate::load::decode_pixels(bytes, format, &limits);
        let _ = crate::scrub::scrub(bytes, &limits);
    }
}
