//! The profile: what the person typed into the verification form, read from TOML or JSON.
//!
//! A profile is personal data, so its errors never quote it. Parser messages are not shown
//! (TOML errors print the offending line; serde's type errors quote the value): a syntax error
//! is reported as its line and column, and everything after parsing is validated here, field by
//! field, against a generic map — so each error names the field and the problem, never the value.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;

use crate::load::{Contents, LoadLimits, OpenError, read_file};
use crate::text::{escape, is_unsafe_char, line_column};

/// Largest profile file read. A real profile is a few hundred bytes.
const MAX_PROFILE_BYTES: u64 = 64 * 1024;

/// The details typed into the form. Every field is optional; checks that need a missing one
/// report `skip`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub surname: Option<String>,
    pub given_names: Option<String>,
    /// The name in the document's own script, e.g. Chinese characters.
    pub native_name: Option<String>,
    pub id_number: Option<String>,
    pub id_type: Option<IdType>,
    pub birth_date: Option<Date>,
    pub sex: Option<Sex>,
    /// As typed: alpha-3, alpha-2 or an English name.
    pub nationality: Option<String>,
    pub document_type: Option<DocumentType>,
    pub document_expiry: Option<Expiry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdType {
    CnResidentId,
    HkId,
    TwId,
    Passport,
    NationalId,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
    Unspecified,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentType {
    Passport,
    IdCard,
    ResidencePermit,
    DrivingLicence,
}

/// When the document expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    On(Date),
    /// Documents valid indefinitely ("long-term", Chinese 长期).
    LongTerm,
}

/// Why a profile could not be used. Never contains a typed value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("{0}")]
    Open(#[from] OpenError),
    #[error("the profile is larger than {} KiB; it should be a few lines", MAX_PROFILE_BYTES / 1024)]
    TooLarge,
    #[error("the profile is not UTF-8 or UTF-16 text")]
    Encoding,
    #[error("{format} syntax error at line {line}, column {column}")]
    Syntax {
        format: &'static str,
        line: usize,
        column: usize,
    },
    #[error("the profile must be a table of fields (key = \"value\"), not {0}")]
    NotATable(&'static str),
    #[error("field '{0}' is given twice; keep one")]
    Duplicate(String),
    #[error("unknown field '{key}'{suggestion}")]
    UnknownField { key: String, suggestion: String },
    #[error("field '{field}': {problem}")]
    Field {
        field: &'static str,
        problem: String,
    },
}

/// A parsed value, reduced to what validation needs: text, a TOML date, or a type name.
enum Raw {
    Text(String),
    Date(Date),
    Other(&'static str),
}

/// The fields a profile may have, in documentation order.
pub const FIELDS: [&str; 10] = [
    "surname",
    "given_names",
    "native_name",
    "id_number",
    "id_type",
    "birth_date",
    "sex",
    "nationality",
    "document_type",
    "document_expiry",
];

impl Profile {
    /// Read and validate a profile file (`.json` is JSON; anything else is TOML unless it
    /// starts with `{`).
    pub fn load(path: &Path) -> Result<Profile, ProfileError> {
        let limits = LoadLimits {
            max_read_bytes: MAX_PROFILE_BYTES,
            ..LoadLimits::default()
        };
        let file = read_file(path, &limits)?;
        let Contents::Whole(bytes) = file.contents else {
            return Err(ProfileError::TooLarge);
        };
        Profile::parse(&bytes, file.extension.as_deref())
    }

    /// Parse the bytes of a profile file whose name ends in `extension` (lower case, no dot):
    /// UTF-8 or UTF-16 text, JSON for `.json`, TOML for `.toml`, otherwise JSON when it starts
    /// with `{`. The caller bounds the size; [`Profile::load`] reads at most 64 KiB.
    pub fn parse(bytes: &[u8], extension: Option<&str>) -> Result<Profile, ProfileError> {
        let text = decode_text(bytes)?;
        let json = extension == Some("json")
            || (extension != Some("toml") && text.trim_start().starts_with('{'));
        if json {
            Profile::from_json(&text)
        } else {
            Profile::from_toml(&text)
        }
    }

    pub fn from_toml(text: &str) -> Result<Profile, ProfileError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let (line, column) = line_column(text, e.span().map_or(0, |s| s.start));
            ProfileError::Syntax {
                format: "TOML",
                line,
                column,
            }
        })?;
        let fields = table
            .into_iter()
            .map(|(key, value)| {
                let raw = match value {
                    toml::Value::String(s) => Raw::Text(s),
                    toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                        (Some(d), None, None) => {
                            match Date::new(d.year as i16, d.month as i8, d.day as i8) {
                                Ok(date) => Raw::Date(date),
                                Err(_) => Raw::Other("an impossible date"),
                            }
                        }
                        _ => Raw::Other("a date-time"),
                    },
                    toml::Value::Integer(_) => Raw::Other("a number"),
                    toml::Value::Float(_) => Raw::Other("a number"),
                    toml::Value::Boolean(_) => Raw::Other("a boolean"),
                    toml::Value::Array(_) => Raw::Other("a list"),
                    toml::Value::Table(_) => Raw::Other("a table"),
                };
                (key, raw)
            })
            .collect();
        Profile::from_fields(fields)
    }

    pub fn from_json(text: &str) -> Result<Profile, ProfileError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ProfileError::Syntax {
                format: "JSON",
                line: e.line(),
                column: e.column(),
            })?;
        let serde_json::Value::Object(object) = value else {
            return Err(ProfileError::NotATable(json_type(&value)));
        };
        // serde_json keeps the last of two equal keys without a word; which one the person
        // meant is unknowable, so it is an error (TOML's parser already refuses them).
        if let Ok(FirstDuplicate(Some(key))) = serde_json::from_str::<FirstDuplicate>(text) {
            return Err(ProfileError::Duplicate(
                escape(&key).chars().take(40).collect(),
            ));
        }
        let fields = object
            .into_iter()
            .map(|(key, value)| {
                let raw = match value {
                    serde_json::Value::String(s) => Raw::Text(s),
                    other => Raw::Other(json_type(&other)),
                };
                (key, raw)
            })
            .collect();
        Profile::from_fields(fields)
    }

    fn from_fields(mut fields: BTreeMap<String, Raw>) -> Result<Profile, ProfileError> {
        if let Some(key) = fields.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            let suggestion =
                suggest_field(key).map_or_else(String::new, |f| format!(" (did you mean '{f}'?)"));
            // Keys are not personal data, but they are untrusted text: escape and shorten.
            let shown: String = escape(key).chars().take(40).collect();
            return Err(ProfileError::UnknownField {
                key: shown,
                suggestion,
            });
        }
        let mut take = |field: &'static str| fields.remove(field).map(|raw| (field, raw));
        Ok(Profile {
            surname: take("surname").map(name_field).transpose()?.flatten(),
            given_names: take("given_names").map(name_field).transpose()?.flatten(),
            native_name: take("native_name")
                .map(|f| text_field(f, 100, true))
                .transpose()?
                .flatten(),
            id_number: take("id_number")
                .map(|f| text_field(f, 40, false))
                .transpose()?
                .flatten(),
            id_type: take("id_type").map(id_type_field).transpose()?.flatten(),
            birth_date: take("birth_date").map(date_field).transpose()?.flatten(),
            sex: take("sex").map(sex_field).transpose()?.flatten(),
            nationality: take("nationality")
                .map(|f| text_field(f, 60, false))
                .transpose()?
                .flatten(),
            document_type: take("document_type")
                .map(document_type_field)
                .transpose()?
                .flatten(),
            document_expiry: take("document_expiry")
                .map(expiry_field)
                .transpose()?
                .flatten(),
        })
    }

    /// Checks that need today's date: a birth date in the future cannot be right.
    pub fn validate_against(&self, today: Date) -> Result<(), ProfileError> {
        if self.birth_date.is_some_and(|birth| birth > today) {
            return Err(ProfileError::Field {
                field: "birth_date",
                problem: "is in the future".into(),
            });
        }
        Ok(())
    }
}

/// Synonyms people type for our field names; not close in spelling, so listed.
const SYNONYMS: &[(&str, &str)] = &[
    ("date_of_birth", "birth_date"),
    ("dob", "birth_date"),
    ("birthday", "birth_date"),
    ("first_name", "given_names"),
    ("given_name", "given_names"),
    ("last_name", "surname"),
    ("family_name", "surname"),
    ("gender", "sex"),
    ("expiry", "document_expiry"),
    ("expiry_date", "document_expiry"),
    ("date_of_expiry", "document_expiry"),
    ("passport_number", "id_number"),
    ("document_number", "id_number"),
    ("country", "nationality"),
];

/// The field a mistyped or synonymous key most likely meant.
fn suggest_field(key: &str) -> Option<&'static str> {
    let key = key.to_ascii_lowercase().replace(['-', ' '], "_");
    if let Some((_, field)) = SYNONYMS.iter().find(|(synonym, _)| *synonym == key) {
        return Some(field);
    }
    FIELDS
        .iter()
        .map(|f| (strsim::jaro_winkler(&key, f), *f))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, f)| f)
}

/// Profiles saved by Windows editors come as UTF-16 or with a UTF-8 byte-order mark.
fn decode_text(bytes: &[u8]) -> Result<String, ProfileError> {
    let utf16 = |bytes: &[u8], unit: fn([u8; 2]) -> u16| -> Result<String, ProfileError> {
        if !bytes.len().is_multiple_of(2) {
            return Err(ProfileError::Encoding);
        }
        let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
        String::from_utf16(&units).map_err(|_| ProfileError::Encoding)
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|_| ProfileError::Encoding)
        }
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        // No text profile holds a NUL byte, but UTF-16 without its byte-order mark holds one
        // beside every ASCII character: which side tells the byte order.
        _ if bytes.contains(&0) => match utf16_order_without_mark(bytes) {
            Some(Order::Little) => utf16(bytes, u16::from_le_bytes),
            Some(Order::Big) => utf16(bytes, u16::from_be_bytes),
            None => Err(ProfileError::Encoding),
        },
        _ => String::from_utf8(bytes.to_vec()).map_err(|_| ProfileError::Encoding),
    }
}

enum Order {
    Little,
    Big,
}

/// The byte order of UTF-16 text without a byte-order mark, judged from its first characters,
/// which in a profile are ASCII (a key): their high bytes are zero, their low bytes not.
fn utf16_order_without_mark(bytes: &[u8]) -> Option<Order> {
    let head: Vec<&[u8]> = bytes.chunks_exact(2).take(16).collect();
    if head.is_empty() {
        return None;
    }
    if head.iter().all(|unit| unit[0] != 0 && unit[1] == 0) {
        Some(Order::Little)
    } else if head.iter().all(|unit| unit[0] == 0 && unit[1] != 0) {
        Some(Order::Big)
    } else {
        None
    }
}

/// The first key that appears twice in a JSON object, found while deserializing it (a
/// `serde_json::Value` has already merged the two).
struct FirstDuplicate(Option<String>);

impl<'de> serde::Deserialize<'de> for FirstDuplicate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = FirstDuplicate;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of fields")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut seen = std::collections::HashSet::new();
                let mut duplicate = None;
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    if !seen.insert(key.clone()) && duplicate.is_none() {
                        duplicate = Some(key);
                    }
                }
                Ok(FirstDuplicate(duplicate))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "a table",
    }
}

fn problem(field: &'static str, problem: impl Into<String>) -> ProfileError {
    ProfileError::Field {
        field,
        problem: problem.into(),
    }
}

/// A text field: a string, trimmed, within `max_chars`, free of control and invisible
/// characters. Blank means "not given".
fn text_field(
    (field, raw): (&'static str, Raw),
    max_chars: usize,
    allow_joiners: bool,
) -> Result<Option<String>, ProfileError> {
    let text = match raw {
        Raw::Text(text) => text,
        Raw::Date(_) => return Err(problem(field, "expected text in quotes, found a date")),
        Raw::Other(kind) => return Err(problem(field, format!("expected text, found {kind}"))),
    };
    let text = text.trim();
    let count = text.chars().count();
    if count > max_chars {
        return Err(problem(
            field,
            format!("is {count} characters long; at most {max_chars} are expected"),
        ));
    }
    // Zero-width joiners are part of some scripts' spelling; everything else invisible is a
    // copy-paste accident that would make the field differ from the document.
    let joiner = |c: char| allow_joiners && matches!(c, '\u{200C}' | '\u{200D}');
    if let Some((position, c)) = text
        .chars()
        .enumerate()
        .find(|&(_, c)| is_unsafe_char(c) && !joiner(c))
    {
        return Err(problem(
            field,
            format!(
                "contains an invisible or control character (U+{:04X}) at character {}",
                c as u32,
                position + 1
            ),
        ));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

fn name_field(field: (&'static str, Raw)) -> Result<Option<String>, ProfileError> {
    // The MRZ holds 39 characters for both names; 100 leaves room for full names.
    text_field(field, 100, false)
}

/// A keyword field: the value must be one of `allowed` (compared case-insensitively, `_` and
/// `-` alike).
fn keyword<T: Copy>(
    field: (&'static str, Raw),
    allowed: &[(&str, T)],
) -> Result<Option<T>, ProfileError> {
    let name = field.0;
    let Some(text) = text_field(field, 40, false)? else {
        return Ok(None);
    };
    let wanted = text.to_lowercase().replace('_', "-");
    allowed
        .iter()
        .find(|(key, _)| *key == wanted)
        .map(|(_, value)| Some(*value))
        .ok_or_else(|| {
            let names: Vec<&str> = allowed.iter().map(|(k, _)| *k).collect();
            problem(name, format!("must be one of: {}", names.join(", ")))
        })
}

fn id_type_field(field: (&'static str, Raw)) -> Result<Option<IdType>, ProfileError> {
    keyword(
        field,
        &[
            ("cn-resident-id", IdType::CnResidentId),
            ("hk-id", IdType::HkId),
            ("tw-id", IdType::TwId),
            ("passport", IdType::Passport),
            ("national-id", IdType::NationalId),
            ("other", IdType::Other),
        ],
    )
}

fn sex_field(field: (&'static str, Raw)) -> Result<Option<Sex>, ProfileError> {
    keyword(
        field,
        &[
            ("m", Sex::Male),
            ("f", Sex::Female),
            ("x", Sex::Unspecified),
        ],
    )
}

fn document_type_field(field: (&'static str, Raw)) -> Result<Option<DocumentType>, ProfileError> {
    keyword(
        field,
        &[
            ("passport", DocumentType::Passport),
            ("id-card", DocumentType::IdCard),
            ("residence-permit", DocumentType::ResidencePermit),
            ("driving-licence", DocumentType::DrivingLicence),
        ],
    )
}

fn date_field(field: (&'static str, Raw)) -> Result<Option<Date>, ProfileError> {
    let name = field.0;
    match field.1 {
        Raw::Date(date) => check_year(name, date).map(Some),
        raw => {
            let Some(text) = text_field((name, raw), 40, false)? else {
                return Ok(None);
            };
            parse_date(&text)
                .map_err(|why| problem(name, why))
                .and_then(|date| check_year(name, date))
                .map(Some)
        }
    }
}

/// Dates outside 1900–2199 are typos (a two-digit year, an extra digit).
fn check_year(field: &'static str, date: Date) -> Result<Date, ProfileError> {
    if (1900..2200).contains(&date.year()) {
        Ok(date)
    } else {
        Err(problem(field, "has a year outside 1900–2199"))
    }
}

fn expiry_field(field: (&'static str, Raw)) -> Result<Option<Expiry>, ProfileError> {
    if let Raw::Text(text) = &field.1 {
        let text = text.trim();
        if text.eq_ignore_ascii_case("long-term") || text == "长期" {
            return Ok(Some(Expiry::LongTerm));
        }
    }
    let name = field.0;
    date_field(field)
        .map_err(|err| match err {
            ProfileError::Field { problem, .. } if problem.starts_with("is not") => {
                self::problem(name, format!("{problem}, or \"long-term\""))
            }
            other => other,
        })
        .map(|d| d.map(Expiry::On))
}

/// Parse `YYYY-MM-DD` strictly. The reason is about the shape, never the value.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return Err("is not a date in the form YYYY-MM-DD".into());
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().unwrap_or(0);
    Date::new(number(0..4), number(5..7) as i8, number(8..10) as i8)
        .map_err(|_| "is not a real calendar date".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_error(text: &str) -> (String, String) {
        match Profile::from_toml(text) {
            Err(ProfileError::Field { field, problem }) => (field.to_owned(), problem),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn reads_every_field_from_toml() {
        let profile = Profile::from_toml(
            r#"
            surname = "ZHANG"
            given_names = "SANFENG"
            native_name = "张三丰"
            id_number = "11010519491231002X"
            id_type = "cn-resident-id"
            birth_date = "1949-12-31"
            sex = "M"
            nationality = "CHN"
            document_type = "passport"
            document_expiry = "长期"
            "#,
        )
        .unwrap();
        assert_eq!(profile.surname.as_deref(), Some("ZHANG"));
        assert_eq!(profile.native_name.as_deref(), Some("张三丰"));
        assert_eq!(profile.id_type, Some(IdType::CnResidentId));
        assert_eq!(profile.birth_date, Some(jiff::civil::date(1949, 12, 31)));
        assert_eq!(profile.sex, Some(Sex::Male));
        assert_eq!(profile.document_type, Some(DocumentType::Passport));
        assert_eq!(profile.document_expiry, Some(Expiry::LongTerm));
    }

    #[test]
    fn json_and_toml_native_dates_are_accepted() {
        let json = Profile::from_json(r#"{"birth_date": "2000-02-29", "sex": "f"}"#).unwrap();
        assert_eq!(json.birth_date, Some(jiff::civil::date(2000, 2, 29)));
        assert_eq!(json.sex, Some(Sex::Female));
        let toml = Profile::from_toml("document_expiry = 2031-05-01").unwrap();
        assert_eq!(
            toml.document_expiry,
            Some(Expiry::On(jiff::civil::date(2031, 5, 1)))
        );
    }

    #[test]
    fn blank_fields_count_as_missing() {
        let profile = Profile::from_toml("surname = \"  \"").unwrap();
        assert_eq!(profile.surname, None);
    }

    #[test]
    fn impossible_and_malformed_dates_are_field_errors_without_the_value() {
        let (field, why) = field_error("birth_date = \"2023-02-30\"");
        assert_eq!(field, "birth_date");
        assert_eq!(why, "is not a real calendar date");
        let (_, why) = field_error("birth_date = \"31/12/1949\"");
        assert!(why.contains("YYYY-MM-DD") && !why.contains("1949"), "{why}");
        let (_, why) = field_error("document_expiry = \"soon\"");
        assert!(why.contains("long-term"), "{why}");
        let (_, why) = field_error("birth_date = \"1849-12-31\"");
        assert!(why.contains("1900"), "{why}");
    }

    #[test]
    fn impossible_toml_native_date_is_a_syntax_error_with_position() {
        // TOML itself rejects 2023-02-30 as a date literal.
        let err = Profile::from_toml("surname = \"A\"\nbirth_date = 2023-02-30").unwrap_err();
        assert!(
            matches!(err, ProfileError::Syntax { line: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn wrong_types_name_the_field_and_the_type_only() {
        let (field, why) = field_error("id_number = 110105");
        assert_eq!(field, "id_number");
        assert_eq!(why, "expected text, found a number");
        let err = Profile::from_json(r#"{"surname": ["SECRETNAME"]}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "field 'surname': expected text, found a list"
        );
    }

    #[test]
    fn unknown_fields_are_rejected_with_a_suggestion() {
        let err = Profile::from_toml("surnam = \"ZHANG\"").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown field 'surnam' (did you mean 'surname'?)"
        );
        let err = Profile::from_json(r#"{"Date-Of-Birth": "1990-01-01"}"#).unwrap_err();
        assert!(
            err.to_string().ends_with("(did you mean 'birth_date'?)"),
            "{err}"
        );
    }

    #[test]
    fn control_characters_and_absurd_lengths_are_rejected() {
        let (_, why) = field_error("surname = \"ZH\\u202EANG\"");
        assert!(
            why.contains("U+202E") && why.contains("character 3"),
            "{why}"
        );
        let long = "A".repeat(5000);
        let (_, why) = field_error(&format!("given_names = \"{long}\""));
        assert!(why.contains("5000 characters"), "{why}");
    }

    #[test]
    fn keywords_list_the_allowed_values() {
        let (field, why) = field_error("sex = \"male\"");
        assert_eq!(field, "sex");
        assert_eq!(why, "must be one of: m, f, x");
    }

    #[test]
    fn syntax_errors_give_line_and_column_only() {
        let secret = "SECRETNAME";
        let err = Profile::from_toml(&format!("surname = \"{secret}\"\ngiven = = 3")).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("TOML syntax error at line 2"), "{text}");
        assert!(!text.contains(secret));
        let err = Profile::from_json(&format!("{{\"surname\": \"{secret}\",,}}")).unwrap_err();
        assert!(
            matches!(err, ProfileError::Syntax { line: 1, .. }),
            "{err:?}"
        );
        assert!(matches!(
            Profile::from_json("[1, 2]"),
            Err(ProfileError::NotATable("a list"))
        ));
    }

    #[test]
    fn utf16_and_bom_profiles_decode() {
        let text = "sex = \"F\"\n";
        let mut utf16le = vec![0xFF, 0xFE];
        utf16le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(&utf16le).unwrap(), text);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode_text(&bom).unwrap(), text);
        assert_eq!(decode_text(&[0xC3, 0x28]), Err(ProfileError::Encoding));
    }

    #[test]
    fn future_birth_date_is_a_profile_error() {
        let profile = Profile::from_toml("birth_date = \"2030-01-01\"").unwrap();
        assert!(
            profile
                .validate_against(jiff::civil::date(2029, 12, 31))
                .is_err()
        );
        assert!(
            profile
                .validate_against(jiff::civil::date(2030, 1, 1))
                .is_ok()
        );
    }
}
