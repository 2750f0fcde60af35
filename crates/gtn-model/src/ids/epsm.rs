use super::inn::str_impls;
use super::serde_via_str;
use crate::IdError;
use std::fmt;
use std::str::FromStr;

/// Номер электронного паспорта самоходной машины и других видов техники (ЭПСМ),
/// 15 цифр (п. 6, 16 Правил; 15 цифр — формат номера ЭПСМ системы электронных паспортов ЕАЭС).
///
/// A leading `2` followed by the country code `643` is typical but not
/// required: [`EpsmNumber::is_typical`] lets a caller warn about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EpsmNumber([u8; 15]);

impl EpsmNumber {
    const WHAT: &'static str = "номер ЭПСМ";

    /// Parses a 15-digit number (spaces inside are ignored).
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        super::digits::check_digits(Self::WHAT, "15", &s, 15)?;
        let mut out = [0u8; 15];
        out.copy_from_slice(s.as_bytes());
        Ok(Self(out))
    }

    /// The 15 digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// `true` for the usual shape `2643…` (an unusual number deserves a warning, not a refusal).
    pub fn is_typical(&self) -> bool {
        self.as_str().starts_with("2643")
    }
}
str_impls!(EpsmNumber);

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn epsm() {
        let n = EpsmNumber::parse("264 302 000 012 345").unwrap();
        assert_eq!(n.as_str(), "264302000012345");
        assert!(n.is_typical());
        assert!(!EpsmNumber::parse("164302000012345").unwrap().is_typical());
        assert_eq!(
            EpsmNumber::parse("26430200001234").unwrap_err().code(),
            "M001"
        );
    }
}
