use super::digits::{check_digits, inn10_check, inn12_check};
use super::serde_via_str;
use crate::IdError;
use std::fmt;
use std::str::FromStr;

/// Reject the FNS pattern `([0-9]{1}[1-9]{1}|[1-9]{1}[0-9]{1})…`: the first
/// two digits (the tax office's region) must not both be zero.
fn check_region_prefix(what: &'static str, s: &str, pattern: &str) -> Result<(), IdError> {
    if s.starts_with("00") {
        return Err(IdError::Pattern {
            what,
            value: s.to_owned(),
            pattern: pattern.to_owned(),
        });
    }
    Ok(())
}

/// ИНН организации — 10 цифр с контрольным числом (ИННЮЛТип, таблицы 4.3, 4.7, 4.8;
/// контрольное число по алгоритму ФНС России).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InnOrg([u8; 10]);

impl InnOrg {
    const WHAT: &'static str = "ИНН организации";

    /// Parses and checks a 10-digit ИНН (surrounding spaces are ignored).
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        check_digits(Self::WHAT, "10", s, 10)?;
        check_region_prefix(Self::WHAT, s, "([0-9][1-9]|[1-9][0-9])[0-9]{8}")?;
        let b = s.as_bytes();
        let expected = inn10_check(&b[..9]);
        if b[9] != expected {
            return Err(IdError::CheckDigit {
                what: Self::WHAT,
                value: s.to_owned(),
                expected: (expected as char).to_string(),
            });
        }
        let mut out = [0u8; 10];
        out.copy_from_slice(b);
        Ok(Self(out))
    }

    /// The 10 digits.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The same characters as [`Self::as_str`], as the ASCII bytes kept
    /// (no `from_utf8` check: writers copy them as they are).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// ИНН физического лица (в т.ч. индивидуального предпринимателя) — 12 цифр с двумя
/// контрольными числами (ИННФЛТип, таблица 4.9; алгоритм ФНС России).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InnPerson([u8; 12]);

impl InnPerson {
    const WHAT: &'static str = "ИНН физического лица";

    /// Parses and checks a 12-digit ИНН (surrounding spaces are ignored).
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        check_digits(Self::WHAT, "12", s, 12)?;
        check_region_prefix(Self::WHAT, s, "([0-9][1-9]|[1-9][0-9])[0-9]{10}")?;
        let b = s.as_bytes();
        let expected = inn12_check(&b[..10]);
        if b[10..12] != expected {
            return Err(IdError::CheckDigit {
                what: Self::WHAT,
                value: s.to_owned(),
                expected: String::from_utf8_lossy(&expected).into_owned(),
            });
        }
        let mut out = [0u8; 12];
        out.copy_from_slice(b);
        Ok(Self(out))
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The same characters as [`Self::as_str`], as the ASCII bytes kept
    /// (no `from_utf8` check: writers copy them as they are).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

macro_rules! str_impls {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl FromStr for $t {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::parse(s)
            }
        }
        serde_via_str!($t);
    };
}
str_impls!(InnOrg);
str_impls!(InnPerson);
pub(crate) use str_impls;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_wrong_check_digit() {
        let e = InnOrg::parse("7707083894").unwrap_err();
        assert_eq!(e.code(), "M003");
        assert!(e.to_string().contains("ожидалось 3"), "{e}");
    }

    #[test]
    fn rejects_letters_and_length() {
        assert_eq!(InnOrg::parse("77070838a3").unwrap_err().code(), "M002");
        assert_eq!(InnOrg::parse("770708389").unwrap_err().code(), "M001");
        assert_eq!(InnPerson::parse("7707083893").unwrap_err().code(), "M001");
    }

    #[test]
    fn rejects_00_prefix() {
        // 0000000000 has a valid check digit (0) but breaks the FNS pattern.
        assert_eq!(InnOrg::parse("0000000000").unwrap_err().code(), "M004");
    }

    #[test]
    fn person_inn() {
        assert!(InnPerson::parse("500100732259").is_ok());
        assert_eq!(InnPerson::parse("500100732250").unwrap_err().code(), "M003");
    }
}
