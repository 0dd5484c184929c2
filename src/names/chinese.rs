//! Chinese names written in characters (`native_name`), romanised as mainland Chinese passports
//! print them: toneless Hanyu Pinyin in capitals, the surname's syllables joined and the given
//! name's joined (张三丰 → ZHANG / SANFENG), ü written YU (吕 → LYU, the passport spelling since
//! 2012; the older LV and LU are accepted).
//!
//! A character can have several readings, and a surname is often read differently from the
//! same character in a word: 单 is DAN in 单位 but SHAN as a surname. Surnames are therefore read
//! from [`SURNAME_READINGS`] first (compound surnames included); other characters may take any
//! of their readings, since which one a given name uses cannot be known from the characters.

use pinyin::{ToPinyin, ToPinyinMulti};

/// Surnames whose reading differs from the character's commonest one, and compound surnames.
pub const SURNAME_READINGS: &[(&str, &str)] = &[
    ("万俟", "MOQI"),
    ("尉迟", "YUCHI"),
    ("单于", "CHANYU"),
    ("长孙", "ZHANGSUN"),
    ("令狐", "LINGHU"),
    ("欧阳", "OUYANG"),
    ("司马", "SIMA"),
    ("上官", "SHANGGUAN"),
    ("诸葛", "ZHUGE"),
    ("东方", "DONGFANG"),
    ("皇甫", "HUANGFU"),
    ("公孙", "GONGSUN"),
    ("慕容", "MURONG"),
    ("宇文", "YUWEN"),
    ("司徒", "SITU"),
    ("夏侯", "XIAHOU"),
    ("轩辕", "XUANYUAN"),
    ("钟离", "ZHONGLI"),
    ("端木", "DUANMU"),
    ("独孤", "DUGU"),
    ("南宫", "NANGONG"),
    ("呼延", "HUYAN"),
    ("澹台", "TANTAI"),
    ("单", "SHAN"),
    ("曾", "ZENG"),
    ("解", "XIE"),
    ("区", "OU"),
    ("仇", "QIU"),
    ("朴", "PIAO"),
    ("查", "ZHA"),
    ("盖", "GE"),
    ("翟", "ZHAI"),
    ("缪", "MIAO"),
    ("覃", "QIN"),
    ("乐", "YUE"),
    ("召", "SHAO"),
    ("秘", "BI"),
    ("种", "CHONG"),
    ("繁", "PO"),
    ("尉", "WEI"),
    ("员", "YUN"),
    ("句", "GOU"),
    ("藏", "ZANG"),
    ("洗", "XIAN"),
    ("祭", "ZHAI"),
    ("折", "SHE"),
    ("隗", "WEI"),
    ("柏", "BAI"),
    ("薄", "BO"),
    ("沈", "SHEN"),
    ("阚", "KAN"),
];

/// Most spellings considered for one part of a name (readings multiply per character).
const MAX_SPELLINGS: usize = 256;

/// How a Chinese name in characters may be romanised: the surname's spellings (the first is
/// the passport spelling) and the given name's, each joined without spaces. `None` when a
/// character has no pinyin (not Chinese) or the name is a single character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Romanised {
    pub surname: Vec<String>,
    pub given: Vec<String>,
}

/// The spellings of one syllable as toneless capitals: ü as YU, then V and U.
fn syllable_spellings(plain: &str) -> Vec<String> {
    let upper = plain.to_uppercase();
    if upper.contains('Ü') || upper.contains('V') {
        ["YU", "V", "U"]
            .iter()
            .map(|u| upper.replace(['Ü', 'V'], u))
            .collect()
    } else {
        vec![upper]
    }
}

fn readings(c: char) -> Option<Vec<String>> {
    let first = c.to_pinyin()?.plain();
    let mut out = syllable_spellings(first);
    if let Some(multi) = c.to_pinyin_multi() {
        for reading in multi {
            for spelling in syllable_spellings(reading.plain()) {
                if !out.contains(&spelling) {
                    out.push(spelling);
                }
            }
        }
    }
    Some(out)
}

fn spellings(chars: &[char]) -> Option<Vec<String>> {
    let mut out = vec![String::new()];
    for &c in chars {
        let options = readings(c)?;
        out = out
            .iter()
            .flat_map(|head| options.iter().map(move |o| format!("{head}{o}")))
            .take(MAX_SPELLINGS)
            .collect();
    }
    Some(out)
}

/// Romanise a Chinese name: surname from [`SURNAME_READINGS`] (the longest match) or the first
/// character's readings, the rest as the given name. Spaces and the middle dot are ignored.
pub fn romanise(native: &str) -> Option<Romanised> {
    let chars: Vec<char> = native
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '·')
        .collect();
    if chars.len() < 2 {
        return None;
    }
    let text: String = chars.iter().collect();
    let (surname, rest) = match SURNAME_READINGS
        .iter()
        .filter(|(hanzi, _)| text.starts_with(hanzi))
        .max_by_key(|(hanzi, _)| hanzi.chars().count())
    {
        Some((hanzi, reading)) => {
            let n = hanzi.chars().count();
            (syllable_spellings(reading), &chars[n..])
        }
        None => (spellings(&chars[..1])?, &chars[1..]),
    };
    if rest.is_empty() {
        return None;
    }
    Some(Romanised {
        surname,
        given: spellings(rest)?,
    })
}

/// Whether text is written in Chinese characters (at least one, and every letter is one).
pub fn is_chinese(text: &str) -> bool {
    text.chars().any(|c| c.to_pinyin().is_some())
        && text
            .chars()
            .all(|c| c.to_pinyin().is_some() || c.is_whitespace() || c == '·')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(native: &str) -> (String, String) {
        let r = romanise(native).unwrap();
        (r.surname[0].clone(), r.given[0].clone())
    }

    #[test]
    fn names_are_romanised_as_passports_print_them() {
        let cases = [
            ("张三丰", "ZHANG", "SANFENG"),
            ("王小明", "WANG", "XIAOMING"),
            ("李娜", "LI", "NA"),
            ("单田芳", "SHAN", "TIANFANG"),
            ("曾国藩", "ZENG", "GUOFAN"),
            ("解缙", "XIE", "JIN"),
            ("区志强", "OU", "ZHIQIANG"),
            ("仇英", "QIU", "YING"),
            ("朴树", "PIAO", "SHU"),
            ("查良镛", "ZHA", "LIANGYONG"),
            ("欧阳修", "OUYANG", "XIU"),
            ("司马光", "SIMA", "GUANG"),
            ("诸葛亮", "ZHUGE", "LIANG"),
            ("吕布", "LYU", "BU"),
            ("翟志刚", "ZHAI", "ZHIGANG"),
        ];
        for (native, surname, given) in cases {
            assert_eq!(first(native), (surname.into(), given.into()), "{native}");
        }
    }

    #[test]
    fn older_spellings_and_other_readings_are_accepted() {
        let lu = romanise("吕布").unwrap();
        assert!(lu.surname.contains(&"LV".to_owned()));
        assert!(lu.surname.contains(&"LU".to_owned()));
        let nu = romanise("王女士").unwrap();
        assert!(nu.given.iter().any(|g| g == "NYUSHI"), "{:?}", nu.given);
        // 乐 is YUE as a surname but LE in a given name; both readings are kept there.
        let le = romanise("张乐").unwrap();
        assert!(le.given.contains(&"LE".to_owned()) && le.given.contains(&"YUE".to_owned()));
        // A surname from the table is read only its surname way.
        assert_eq!(romanise("单田芳").unwrap().surname, vec!["SHAN"]);
    }

    #[test]
    fn not_chinese_or_too_short() {
        assert_eq!(romanise("张"), None);
        assert_eq!(romanise("Zhang San"), None);
        assert!(is_chinese("张三丰"));
        assert!(is_chinese("欧阳 修"));
        assert!(!is_chinese("Zhang"));
        assert!(!is_chinese("张A"));
    }
}
