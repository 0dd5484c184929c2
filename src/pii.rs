//! Masking of personal data in everything the tool prints.
//!
//! Names, ID numbers and dates are personal data. Every message that mentions one goes through
//! a [`Masker`], which shows only enough to recognise the value (`ZH***`, `****002X`,
//! `****-**-**`) unless the user passed `--show-pii`.

use jiff::civil::Date;

/// Masks personal data unless showing it was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Masker {
    show: bool,
}

impl Masker {
    pub fn new(show_pii: bool) -> Self {
        Masker { show: show_pii }
    }

    /// Whether personal data is shown as it is.
    pub fn shows(self) -> bool {
        self.show
    }

    /// A name: its first two characters, then `***`.
    pub fn name(self, name: &str) -> String {
        if self.show {
            return name.to_owned();
        }
        let head: String = name.chars().take(2).collect();
        format!("{head}***")
    }

    /// An ID or document number: `****` then its last four characters (fewer for short ones).
    pub fn id(self, id: &str) -> String {
        if self.show {
            return id.to_owned();
        }
        let count = id.chars().count();
        let keep = if count >= 8 { 4 } else { count / 3 };
        let tail: String = id.chars().skip(count - keep).collect();
        format!("****{tail}")
    }

    /// A date: fully masked.
    pub fn date(self, date: Date) -> String {
        if self.show {
            date.to_string()
        } else {
            "****-**-**".to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_by_default_and_shows_on_request() {
        let masked = Masker::new(false);
        assert_eq!(masked.name("ZHANG"), "ZH***");
        assert_eq!(masked.id("11010519491231002X"), "****002X");
        assert_eq!(masked.id("1234"), "****4");
        assert_eq!(masked.date(jiff::civil::date(1949, 12, 31)), "****-**-**");
        let shown = Masker::new(true);
        assert_eq!(shown.name("ZHANG"), "ZHANG");
        assert_eq!(shown.date(jiff::civil::date(1949, 12, 31)), "1949-12-31");
    }
}
