use super::serde_via_str;
use crate::IdError;
use compact_str::CompactString;
use std::fmt;
use std::str::FromStr;

/// Идентификационный номер техники (VIN или PIN), ИденНом T(1-40), таблица 4.5;
/// Приложения № 1-3 Правил.
///
/// Free text of 1-40 characters without control characters. A 17-character
/// value made only of Latin letters and digits is taken as a VIN (ISO 3779)
/// and must not contain I, O or Q.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Vin(CompactString);

impl Vin {
    const WHAT: &'static str = "идентификационный номер (VIN/PIN)";

    /// Parses a VIN/PIN; letters are upper-cased, surrounding spaces trimmed.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        // Upper-casing makes a new string; most numbers are upper case already.
        let s = if s.bytes().any(|b| b.is_ascii_lowercase() || !b.is_ascii()) {
            CompactString::from(s.to_uppercase())
        } else {
            CompactString::from(s)
        };
        check_text(Self::WHAT, "1-40", &s, 40)?;
        let vin_like = s.chars().count() == 17 && s.chars().all(|c| c.is_ascii_alphanumeric());
        if vin_like {
            if let Some((i, ch)) = s
                .chars()
                .enumerate()
                .find(|(_, c)| matches!(c, 'I' | 'O' | 'Q'))
            {
                return Err(IdError::BadChar {
                    what: "VIN",
                    ch,
                    pos: i + 1,
                });
            }
        }
        Ok(Self(s))
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Заводской номер машины (рамы, шасси), ЗаводНомер T(1-25), таблица 4.5.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactoryNumber(CompactString);

impl FactoryNumber {
    const WHAT: &'static str = "заводской номер";

    /// Parses a factory number: 1-25 characters, no control characters.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s = s.trim();
        check_text(Self::WHAT, "1-25", s, 25)?;
        Ok(Self(s.into()))
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn check_text(
    what: &'static str,
    expected: &'static str,
    s: &str,
    max: usize,
) -> Result<(), IdError> {
    let n = s.chars().count();
    if n == 0 || n > max {
        return Err(IdError::Length {
            what,
            expected,
            got: n,
        });
    }
    if let Some((i, ch)) = s.chars().enumerate().find(|(_, c)| c.is_control()) {
        return Err(IdError::BadChar {
            what,
            ch,
            pos: i + 1,
        });
    }
    Ok(())
}

macro_rules! text_impls {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
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
text_impls!(Vin);
text_impls!(FactoryNumber);

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn vin_rules() {
        assert!(Vin::parse("X9F12345678901234").is_ok());
        let e = Vin::parse("X9F1234567890123O").unwrap_err();
        assert_eq!(e.code(), "M002");
        assert!(e.to_string().contains("«O» в позиции 17"), "{e}");
        // A PIN of another length may contain O.
        assert!(Vin::parse("PIN-OQ-12").is_ok());
        assert_eq!(Vin::parse(&"A".repeat(41)).unwrap_err().code(), "M001");
        assert_eq!(Vin::parse("  ").unwrap_err().code(), "M001");
        assert_eq!(
            Vin::parse("x9f12345678901234").unwrap().as_str(),
            "X9F12345678901234"
        );
        // Upper-cased when any letter is lower case, Cyrillic ones too;
        // kept as it is otherwise.
        assert_eq!(Vin::parse(" пин-12 ").unwrap().as_str(), "ПИН-12");
        assert_eq!(Vin::parse("ПИН-12").unwrap().as_str(), "ПИН-12");
        assert_eq!(Vin::parse("PIN-12z").unwrap().as_str(), "PIN-12Z");
        assert_eq!(Vin::parse("PIN-12").unwrap().as_str(), "PIN-12");
        // Upper case may be longer: the limit of 40 counts it, not the input.
        assert_eq!(Vin::parse("ß").unwrap().as_str(), "SS");
        assert_eq!(
            Vin::parse(&"ß".repeat(20)).unwrap().as_str(),
            "S".repeat(40)
        );
        assert_eq!(Vin::parse(&"ß".repeat(21)).unwrap_err().code(), "M001");
    }
}
