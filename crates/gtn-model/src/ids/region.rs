use super::inn::str_impls;
use super::serde_via_str;
use crate::{dict, IdError};
use std::fmt;
use std::str::FromStr;

/// Код субъекта Российской Федерации по справочнику ССРФ, 2 цифры
/// (КодРегион, CCРФТип, таблица 4.11). Only codes present in the built-in
/// dictionary (`data/ssrf.tsv`) are accepted, including 80, 81, 84, 85, 91, 92, 99.
///
/// Not to be confused with the plate region code of Appendices 4-5 of the
/// Rules (Крым: 91 here, 82 on plates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode([u8; 2]);

impl RegionCode {
    const WHAT: &'static str = "код региона (ССРФ)";

    /// Parses a two-digit code and checks it against the ССРФ dictionary.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        super::digits::check_digits(Self::WHAT, "2", s, 2)?;
        if dict::ssrf().get(s).is_none() {
            return Err(IdError::NotInDictionary {
                what: Self::WHAT,
                value: s.to_owned(),
                dictionary: "ССРФ",
            });
        }
        let mut out = [0u8; 2];
        out.copy_from_slice(s.as_bytes());
        Ok(Self(out))
    }

    /// The two digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The same characters as [`Self::as_str`], as the ASCII bytes kept
    /// (no `from_utf8` check: writers copy them as they are).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Наименование субъекта по справочнику ССРФ.
    pub fn name(&self) -> &'static str {
        dict::ssrf()
            .get(self.as_str())
            .map_or("", |e| e.name.as_str())
    }
}

/// Код страны по ОКСМ, 3 цифры с ведущими нулями (КодГражд, КодСтрИно, ОКСМТип,
/// таблицы 4.8, 4.9). Checked against the built-in ОКСМ subset (`data/oksm.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 3]);

impl CountryCode {
    const WHAT: &'static str = "код страны (ОКСМ)";
    /// Россия, 643.
    pub const RUSSIA: CountryCode = CountryCode(*b"643");

    /// Parses a three-digit code and checks it against the ОКСМ dictionary.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        super::digits::check_digits(Self::WHAT, "3", s, 3)?;
        if dict::oksm().get(s).is_none() {
            return Err(IdError::NotInDictionary {
                what: Self::WHAT,
                value: s.to_owned(),
                dictionary: "ОКСМ",
            });
        }
        let mut out = [0u8; 3];
        out.copy_from_slice(s.as_bytes());
        Ok(Self(out))
    }

    /// The three digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The same characters as [`Self::as_str`], as the ASCII bytes kept
    /// (no `from_utf8` check: writers copy them as they are).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Краткое наименование страны по ОКСМ (для НаимГражд).
    pub fn short_name(&self) -> &'static str {
        dict::oksm()
            .get(self.as_str())
            .map_or("", |e| e.name.as_str())
    }
}
str_impls!(RegionCode);
str_impls!(CountryCode);

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn new_regions_and_crimea() {
        for c in ["80", "81", "84", "85", "91", "92", "99", "01", "89", "20"] {
            assert!(RegionCode::parse(c).is_ok(), "{c}");
        }
        for c in ["82", "88", "90", "00", "95"] {
            assert_eq!(RegionCode::parse(c).unwrap_err().code(), "M005", "{c}");
        }
        assert_eq!(RegionCode::parse("91").unwrap().name(), "Республика Крым");
    }
    #[test]
    fn countries() {
        assert_eq!(CountryCode::parse("051").unwrap().short_name(), "АРМЕНИЯ");
        assert_eq!(CountryCode::parse("51").unwrap_err().code(), "M001");
        assert_eq!(CountryCode::parse("999").unwrap_err().code(), "M005");
        assert_eq!(CountryCode::RUSSIA.short_name(), "РОССИЯ");
    }
}
