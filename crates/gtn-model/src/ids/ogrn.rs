use super::digits::{check_digits, ogrn13_check, ogrnip15_check};
use super::inn::str_impls;
use super::serde_via_str;
use crate::IdError;
use std::fmt;
use std::str::FromStr;

/// ОГРН — основной государственный регистрационный номер организации, 13 цифр
/// (ОГРНТип, таблица 4.3, 4.7). Check digit: first 12 digits mod 11 mod 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ogrn([u8; 13]);

impl Ogrn {
    const WHAT: &'static str = "ОГРН";

    /// Parses and checks a 13-digit ОГРН.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        check_digits(Self::WHAT, "13", s, 13)?;
        let b = s.as_bytes();
        let expected = ogrn13_check(&b[..12]);
        if b[12] != expected {
            return Err(IdError::CheckDigit {
                what: Self::WHAT,
                value: s.to_owned(),
                expected: (expected as char).to_string(),
            });
        }
        let mut out = [0u8; 13];
        out.copy_from_slice(b);
        Ok(Self(out))
    }

    /// The 13 digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The same characters as [`Self::as_str`], as the ASCII bytes kept
    /// (no `from_utf8` check: writers copy them as they are).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// ОГРНИП — основной государственный регистрационный номер индивидуального
/// предпринимателя, 15 цифр (Приложение № 2 «ОГРИП»). Check digit: first 14
/// digits mod 13 mod 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ogrnip([u8; 15]);

impl Ogrnip {
    const WHAT: &'static str = "ОГРНИП";

    /// Parses and checks a 15-digit ОГРНИП.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        check_digits(Self::WHAT, "15", s, 15)?;
        let b = s.as_bytes();
        let expected = ogrnip15_check(&b[..14]);
        if b[14] != expected {
            return Err(IdError::CheckDigit {
                what: Self::WHAT,
                value: s.to_owned(),
                expected: (expected as char).to_string(),
            });
        }
        let mut out = [0u8; 15];
        out.copy_from_slice(b);
        Ok(Self(out))
    }

    /// The 15 digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The same characters as [`Self::as_str`], as the ASCII bytes kept
    /// (no `from_utf8` check: writers copy them as they are).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}
str_impls!(Ogrn);
str_impls!(Ogrnip);

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn ogrnip_remainder_ten_is_valid() {
        // 30450011600005 mod 13 == 10 → check digit 0. python-stdnum rejects
        // such numbers (its check omits the final mod 10); we must accept them.
        let first14 = b"30450011600005";
        let n: u64 = std::str::from_utf8(first14).unwrap().parse().unwrap();
        assert_eq!(n % 13, 10);
        assert!(Ogrnip::parse("304500116000050").is_ok());
        assert_eq!(Ogrnip::parse("304500116000051").unwrap_err().code(), "M003");
    }
}
