//! Nationalities as people type them (alpha-3, alpha-2, an English name, a common demonym) and
//! as an MRZ prints them (alpha-3, with ICAO's own codes: `D` for Germany, `GBD`… for British
//! nationals, `XXA`… for stateless people and refugees), reduced to one code to compare.

use isocountry::CountryCode;

/// ICAO 9303 part 3 codes that are not ISO 3166 alpha-3, and what they mean.
const ICAO_CODES: &[(&str, &str)] = &[
    ("D", "Germany"),
    ("GBD", "British Overseas Territories citizen"),
    ("GBN", "British National (Overseas)"),
    ("GBO", "British Overseas citizen"),
    ("GBP", "British protected person"),
    ("GBS", "British subject"),
    ("RKS", "Kosovo"),
    ("EUE", "European Union"),
    ("UNO", "United Nations"),
    ("UNA", "United Nations specialised agency"),
    ("UNK", "Kosovo (UN interim administration)"),
    ("XXA", "stateless person"),
    ("XXB", "refugee (1951 Convention)"),
    ("XXC", "refugee (other)"),
    ("XXX", "unspecified nationality"),
    ("UTO", "Utopia (specimen)"),
];

/// Names and demonyms people type that ISO's official names do not cover.
const ALIASES: &[(&str, &str)] = &[
    ("UNITED STATES", "USA"),
    ("AMERICA", "USA"),
    ("AMERICAN", "USA"),
    ("US", "USA"),
    ("UK", "GBR"),
    ("UNITED KINGDOM", "GBR"),
    ("GREAT BRITAIN", "GBR"),
    ("BRITAIN", "GBR"),
    ("BRITISH", "GBR"),
    ("ENGLAND", "GBR"),
    ("SOUTH KOREA", "KOR"),
    ("KOREA", "KOR"),
    ("KOREAN", "KOR"),
    ("NORTH KOREA", "PRK"),
    ("RUSSIA", "RUS"),
    ("RUSSIAN", "RUS"),
    ("VIETNAM", "VNM"),
    ("VIETNAMESE", "VNM"),
    ("TAIWAN", "TWN"),
    ("TAIWANESE", "TWN"),
    ("IRAN", "IRN"),
    ("SYRIA", "SYR"),
    ("LAOS", "LAO"),
    ("BOLIVIA", "BOL"),
    ("VENEZUELA", "VEN"),
    ("TANZANIA", "TZA"),
    ("MOLDOVA", "MDA"),
    ("CZECH REPUBLIC", "CZE"),
    ("HOLLAND", "NLD"),
    ("THE NETHERLANDS", "NLD"),
    ("DUTCH", "NLD"),
    ("IVORY COAST", "CIV"),
    ("MACAU", "MAC"),
    ("TURKEY", "TUR"),
    ("TURKIYE", "TUR"),
    ("CHINESE", "CHN"),
    ("PRC", "CHN"),
    ("MAINLAND CHINA", "CHN"),
    ("HONG KONG SAR", "HKG"),
    ("HONGKONG", "HKG"),
    ("GERMAN", "DEU"),
    ("FRENCH", "FRA"),
    ("JAPANESE", "JPN"),
    ("INDIAN", "IND"),
    ("CANADIAN", "CAN"),
    ("AUSTRALIAN", "AUS"),
    ("SPANISH", "ESP"),
    ("ITALIAN", "ITA"),
    ("NORWEGIAN", "NOR"),
    ("SWEDISH", "SWE"),
    ("SINGAPOREAN", "SGP"),
    ("MALAYSIAN", "MYS"),
    ("FILIPINO", "PHL"),
    ("THAI", "THA"),
    ("INDONESIAN", "IDN"),
    ("BRAZILIAN", "BRA"),
    ("MEXICAN", "MEX"),
    ("SWISS", "CHE"),
];

fn simplify(text: &str) -> String {
    crate::names::mrz_form(text, false)
}

/// The alpha-3 code (or ICAO code) a typed nationality stands for; `None` when it is not one
/// we know.
pub fn from_typed(typed: &str) -> Option<String> {
    let key = simplify(typed);
    if key.is_empty() {
        return None;
    }
    if key == "D" || ICAO_CODES.iter().any(|(code, _)| *code == key) {
        return Some(from_mrz(&key));
    }
    if let Ok(country) = CountryCode::for_alpha3(&key) {
        return Some(country.alpha3().to_owned());
    }
    if let Ok(country) = CountryCode::for_alpha2(&key) {
        return Some(country.alpha3().to_owned());
    }
    if let Some((_, code)) = ALIASES.iter().find(|(alias, _)| *alias == key) {
        return Some((*code).to_owned());
    }
    // ISO's English names, whole or before a comment: "Korea (Republic of)" is not matched
    // by "Korea" this way (the aliases say which), "Bolivia (Plurinational State of)" is.
    let mut found = CountryCode::iter().filter(|country| {
        let name = country.name();
        let short = name.split([',', '(']).next().unwrap_or(name);
        simplify(name) == key || simplify(short) == key
    });
    match (found.next(), found.next()) {
        (Some(country), None) => Some(country.alpha3().to_owned()),
        _ => None,
    }
}

/// The code an MRZ prints, with Germany's `D` as `DEU` (fillers already removed).
pub fn from_mrz(code: &str) -> String {
    match code {
        "D" => "DEU".to_owned(),
        other => other.to_owned(),
    }
}

/// Whether an MRZ's state code (issuing state or nationality, as printed: `D<<`, `UTO`) is
/// one ISO 3166 or ICAO 9303 defines.
pub fn is_mrz_code(printed: &str) -> bool {
    let code = printed.trim_end_matches('<');
    CountryCode::for_alpha3(code).is_ok() || ICAO_CODES.iter().any(|(c, _)| *c == code)
}

/// A name for a code, for messages: ISO's English name or ICAO's meaning.
pub fn describe(code: &str) -> String {
    if let Ok(country) = CountryCode::for_alpha3(code) {
        return format!("{} ({code})", country.name());
    }
    match ICAO_CODES.iter().find(|(c, _)| *c == code) {
        Some((_, meaning)) => format!("{meaning} ({code})"),
        None => code.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_forms_resolve_to_one_code() {
        let cases = [
            ("CHN", Some("CHN")),
            ("chn", Some("CHN")),
            ("CN", Some("CHN")),
            ("China", Some("CHN")),
            ("Chinese", Some("CHN")),
            ("DE", Some("DEU")),
            ("Germany", Some("DEU")),
            ("D", Some("DEU")),
            ("United States", Some("USA")),
            ("United States of America", Some("USA")),
            ("US", Some("USA")),
            ("GB", Some("GBR")),
            ("UK", Some("GBR")),
            ("Norway", Some("NOR")),
            ("NO", Some("NOR")),
            ("Bolivia", Some("BOL")),
            ("Viet Nam", Some("VNM")),
            ("Côte d'Ivoire", Some("CIV")),
            ("Hong Kong", Some("HKG")),
            ("Taiwan", Some("TWN")),
            ("South Korea", Some("KOR")),
            ("Republic of Korea", None),
            ("XXA", Some("XXA")),
            ("GBN", Some("GBN")),
            ("Atlantis", None),
            ("", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(from_typed(typed).as_deref(), expected, "{typed}");
        }
    }

    #[test]
    fn mrz_codes_and_descriptions() {
        assert!(is_mrz_code("D<<") && is_mrz_code("ARE") && is_mrz_code("XXA"));
        assert!(!is_mrz_code("ARF") && !is_mrz_code("D<D") && !is_mrz_code("<<<"));
        assert_eq!(from_mrz("D"), "DEU");
        assert_eq!(from_mrz("UTO"), "UTO");
        assert_eq!(describe("NOR"), "Norway (NOR)");
        assert_eq!(describe("XXA"), "stateless person (XXA)");
    }
}
