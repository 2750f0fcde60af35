use super::inn::str_impls;
use super::serde_via_str;
use crate::IdError;
use std::fmt;
use std::str::FromStr;

/// КПП — код причины постановки на учёт, 9 знаков (КППТип, таблицы 4.3, 4.7, 4.8):
/// `([0-9][1-9]|[1-9][0-9])([0-9]{2})([0-9A-Z]{2})([0-9]{3})` (КППТип схем ФНС).
/// КПП has no check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Kpp([u8; 9]);

impl Kpp {
    const WHAT: &'static str = "КПП";
    const PATTERN: &'static str = "([0-9][1-9]|[1-9][0-9])([0-9]{2})([0-9A-Z]{2})([0-9]{3})";

    /// Parses and checks a КПП (surrounding spaces are ignored).
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        for (i, ch) in s.chars().enumerate() {
            let ok = match i {
                4 | 5 => ch.is_ascii_digit() || ch.is_ascii_uppercase(),
                _ => ch.is_ascii_digit(),
            };
            if !ok {
                return Err(IdError::BadChar {
                    what: Self::WHAT,
                    ch,
                    pos: i + 1,
                });
            }
        }
        if s.len() != 9 {
            return Err(IdError::Length {
                what: Self::WHAT,
                expected: "9",
                got: s.chars().count(),
            });
        }
        if s.starts_with("00") {
            return Err(IdError::Pattern {
                what: Self::WHAT,
                value: s.to_owned(),
                pattern: Self::PATTERN.to_owned(),
            });
        }
        let mut out = [0u8; 9];
        out.copy_from_slice(s.as_bytes());
        Ok(Self(out))
    }

    /// The 9 characters.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The same characters as [`Self::as_str`], as the ASCII bytes kept
    /// (no `from_utf8` check: writers copy them as they are).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}
str_impls!(Kpp);

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn kpp_pattern() {
        assert!(Kpp::parse("773601001").is_ok());
        assert!(Kpp::parse("7736AB001").is_ok());
        assert_eq!(Kpp::parse("7736ab001").unwrap_err().code(), "M002");
        assert_eq!(Kpp::parse("77360100").unwrap_err().code(), "M001");
        assert_eq!(Kpp::parse("003601001").unwrap_err().code(), "M004");
        assert_eq!(Kpp::parse("77A601001").unwrap_err().code(), "M002");
    }
}
