//! Invented identities: names of several origins (including pinyin names with their Chinese
//! characters, and names long enough for the MRZ to truncate), dates and document numbers.
//!
//! Every name here is assembled from common name parts; no real person's record is used.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// One invented holder and document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Identity {
    pub surname: String,
    pub given_names: String,
    /// Chinese characters for pinyin names, `None` otherwise.
    pub native_name: Option<String>,
    /// `M` or `F`.
    pub sex: char,
    pub birth_date: Date,
    pub expiry_date: Date,
    pub document_number: String,
    /// Issuing state as printed in the MRZ (three characters, `D<<` for Germany).
    pub issuing_state: String,
    pub nationality: String,
    /// The country name printed in the visual zone.
    pub country_name: String,
    /// Personal number printed in the optional-data field, possibly empty.
    pub personal_number: String,
    /// Where the name comes from: `nordic`, `chinese`, `spanish`, `nigerian`, `arabic`,
    /// `german`, `long`.
    pub origin: String,
}

struct Origin {
    name: &'static str,
    state: &'static str,
    country: &'static str,
    surnames: &'static [&'static str],
    given: &'static [&'static str],
}

const ORIGINS: &[Origin] = &[
    Origin {
        name: "nordic",
        state: "NOR",
        country: "NORGE / NORWAY",
        surnames: &[
            "HALVORSEN",
            "LINDQVIST",
            "BERGSTROM",
            "NYGAARD",
            "SOLBERG",
            "AASEN",
        ],
        given: &[
            "INGRID MARIE",
            "EMIL",
            "ASTRID",
            "MAGNUS OLAV",
            "SIGRID",
            "LARS ERIK",
        ],
    },
    Origin {
        name: "spanish",
        state: "ESP",
        country: "ESPANA / SPAIN",
        surnames: &[
            "MORENO ALVAREZ",
            "GARCIA LOPEZ",
            "RUIZ DE LA TORRE",
            "NAVARRO SANZ",
        ],
        given: &["LUCIA", "JOSE MANUEL", "MARIA DEL CARMEN", "PABLO"],
    },
    Origin {
        name: "nigerian",
        state: "NGA",
        country: "FEDERAL REPUBLIC OF NIGERIA",
        surnames: &["OKAFOR", "ADEYEMI", "NWOSU", "BALOGUN", "EZEKWESILI"],
        given: &[
            "CHIDI",
            "NGOZI ADAEZE",
            "OLUWADAMILOLA",
            "TUNDE",
            "AMARACHI",
        ],
    },
    Origin {
        name: "arabic",
        state: "ARE",
        country: "UNITED ARAB EMIRATES",
        surnames: &["AL HASHIMI", "EL MANSOURI", "BIN SULAYEM", "HADDAD"],
        given: &["MOHAMMED ABDULLAH", "FATIMA ZAHRA", "OMAR", "LAYLA"],
    },
    Origin {
        name: "german",
        state: "D<<",
        country: "BUNDESREPUBLIK DEUTSCHLAND",
        surnames: &["SCHNEIDER WEISS", "BRANDT", "KOHLER", "VOGEL"],
        given: &["LUKAS", "ANNA LENA", "JONAS", "FRIEDERIKE"],
    },
    Origin {
        name: "long",
        state: "UTO",
        country: "UTOPIA",
        surnames: &[
            "VAN DER BERG OYELARAN",
            "FITZGERALD MONTGOMERY",
            "KARAPETYAN SAHAKYAN",
        ],
        given: &[
            "MARIA ALEJANDRA CONSTANZA",
            "ALEXANDER MAXIMILIAN",
            "ANASTASIA VICTORIA",
        ],
    },
];

/// Pinyin surnames (with polyphonic readings such as 单 Shan, 曾 Zeng) and given names,
/// each with its characters.
const CHINESE_SURNAMES: &[(&str, &str)] = &[
    ("ZHANG", "张"),
    ("WANG", "王"),
    ("LIU", "刘"),
    ("CHEN", "陈"),
    ("ZENG", "曾"),
    ("SHAN", "单"),
    ("XIE", "解"),
    ("OUYANG", "欧阳"),
];
const CHINESE_GIVEN: &[(&str, &str)] = &[
    ("SANFENG", "三丰"),
    ("XIAOMING", "晓明"),
    ("MEILING", "美玲"),
    ("JIANGUO", "建国"),
    ("YUTONG", "雨桐"),
    ("ZIHAN", "子涵"),
];

/// A document-number alphabet without the letters O and I, as many issuers do.
const NUMBER_CHARS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

impl Identity {
    /// A random identity. `today` anchors the dates: holders are 18–75, documents expire
    /// 1–10 years from `today`.
    pub fn random(rng: &mut Rng, today: Date) -> Identity {
        let chinese = rng.chance(0.25);
        let (surname, given, native, origin, state, country) = if chinese {
            let (s, s_native) = *rng.pick(CHINESE_SURNAMES);
            let (g, g_native) = *rng.pick(CHINESE_GIVEN);
            (
                s.to_owned(),
                g.to_owned(),
                Some(format!("{s_native}{g_native}")),
                "chinese",
                "CHN",
                "PEOPLE'S REPUBLIC OF CHINA",
            )
        } else {
            let origin = rng.pick(ORIGINS);
            (
                rng.pick(origin.surnames).to_string(),
                rng.pick(origin.given).to_string(),
                None,
                origin.name,
                origin.state,
                origin.country,
            )
        };
        let age_days = rng.int(18 * 366, 75 * 365) as i64;
        let birth_date = today - jiff::Span::new().days(age_days);
        let expiry_date = today + jiff::Span::new().days(rng.int(400, 3650) as i64);
        let number_len = if rng.chance(0.5) { 9 } else { 8 };
        let document_number: String = (0..number_len)
            .map(|_| *rng.pick(NUMBER_CHARS) as char)
            .collect();
        let personal_number = if rng.chance(0.4) {
            (0..rng.int(6, 14))
                .map(|_| (b'0' + rng.int(0, 10) as u8) as char)
                .collect()
        } else {
            String::new()
        };
        Identity {
            surname,
            given_names: given,
            native_name: native,
            sex: if rng.chance(0.5) { 'F' } else { 'M' },
            birth_date,
            expiry_date,
            document_number,
            nationality: state.to_owned(),
            issuing_state: state.to_owned(),
            country_name: country.to_owned(),
            personal_number,
            origin: origin.to_owned(),
        }
    }

    /// The MRZ fields of this identity on a document with the given document code.
    pub fn mrz_fields(&self, document_code: &str) -> kyc_preflight::mrz::MrzFields {
        kyc_preflight::mrz::MrzFields {
            document_code: document_code.to_owned(),
            issuing_state: self.issuing_state.clone(),
            surname: self.surname.clone(),
            given_names: self.given_names.clone(),
            document_number: self.document_number.clone(),
            nationality: self.nationality.clone(),
            birth_date: yymmdd(self.birth_date),
            sex: self.sex,
            expiry_date: yymmdd(self.expiry_date),
            optional: self.personal_number.clone(),
        }
    }
}

pub fn yymmdd(date: Date) -> String {
    format!(
        "{:02}{:02}{:02}",
        date.year().rem_euclid(100),
        date.month(),
        date.day()
    )
}

/// `31 DEC 1949` — how the visual zone prints dates.
pub fn printed_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    format!(
        "{:02} {} {}",
        date.day(),
        MONTHS[date.month() as usize - 1],
        date.year()
    )
}
