//! Fixed-point decimal with six fraction digits, for the format's N(m.k) values.

use std::fmt;
use std::str::FromStr;

/// Десятичное число с шестью знаками после точки (N(12.6), N(10.2), таблица 4.5),
/// stored exactly as millionths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Decimal6(i64);

/// Ошибка разбора десятичного числа.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("число «{0}»: ожидается десятичное число с не более чем 6 знаками после точки")]
pub struct DecimalError(pub String);

impl DecimalError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        "M010"
    }
}

impl Decimal6 {
    /// Zero.
    pub const ZERO: Decimal6 = Decimal6(0);

    /// From a count of millionths.
    pub const fn from_micros(m: i64) -> Self {
        Self(m)
    }

    /// The value in millionths.
    pub const fn micros(self) -> i64 {
        self.0
    }

    /// From an integer.
    pub const fn from_int(n: i64) -> Self {
        Self(n * 1_000_000)
    }

    /// Number of digits of the canonical form, not counting sign and point
    /// (the `m` of N(m.k)).
    pub fn total_digits(self) -> usize {
        self.to_string().bytes().filter(u8::is_ascii_digit).count()
    }

    /// Number of fraction digits of the canonical form (the `k` of N(m.k)).
    pub fn fraction_digits(self) -> usize {
        let s = self.to_string();
        s.split_once('.').map_or(0, |(_, f)| f.len())
    }

    /// Nearest value to an `f64` (JSON numbers); `None` if not finite or out of range.
    pub fn from_f64(x: f64) -> Option<Self> {
        let m = (x * 1e6).round();
        (m.is_finite() && m.abs() < 9.0e18).then_some(Self(m as i64))
    }

    /// The value as `f64` (for JSON output).
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / 1e6
    }
}

impl fmt::Display for Decimal6 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (int, frac) = (a / 1_000_000, a % 1_000_000);
        if frac == 0 {
            write!(f, "{sign}{int}")
        } else {
            let s = format!("{frac:06}");
            write!(f, "{sign}{int}.{}", s.trim_end_matches('0'))
        }
    }
}

impl FromStr for Decimal6 {
    type Err = DecimalError;
    fn from_str(s: &str) -> Result<Self, DecimalError> {
        let err = || DecimalError(s.to_owned());
        let t = s.trim();
        let (neg, t) = match t.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, t),
        };
        let (i, f) = t.split_once('.').unwrap_or((t, ""));
        if i.is_empty()
            || f.len() > 6
            || !i.bytes().all(|b| b.is_ascii_digit())
            || !f.bytes().all(|b| b.is_ascii_digit())
            || (t.contains('.') && f.is_empty())
        {
            return Err(err());
        }
        let int: i64 = i.parse().map_err(|_| err())?;
        let frac: i64 = format!("{f:0<6}").parse().map_err(|_| err())?;
        let v = int
            .checked_mul(1_000_000)
            .and_then(|v| v.checked_add(frac))
            .ok_or_else(err)?;
        Ok(Self(if neg { -v } else { v }))
    }
}

impl serde::Serialize for Decimal6 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.to_f64())
    }
}

impl<'de> serde::Deserialize<'de> for Decimal6 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Decimal6;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("число или строка с числом")
            }
            fn visit_f64<E: serde::de::Error>(self, x: f64) -> Result<Decimal6, E> {
                Decimal6::from_f64(x).ok_or_else(|| E::custom(DecimalError(x.to_string())))
            }
            fn visit_i64<E: serde::de::Error>(self, x: i64) -> Result<Decimal6, E> {
                x.checked_mul(1_000_000)
                    .map(Decimal6)
                    .ok_or_else(|| E::custom(DecimalError(x.to_string())))
            }
            fn visit_u64<E: serde::de::Error>(self, x: u64) -> Result<Decimal6, E> {
                i64::try_from(x)
                    .ok()
                    .and_then(|x| x.checked_mul(1_000_000))
                    .map(Decimal6)
                    .ok_or_else(|| E::custom(DecimalError(x.to_string())))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Decimal6, E> {
                s.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn format_and_parse() {
        assert_eq!("80.5".parse::<Decimal6>().unwrap().to_string(), "80.5");
        assert_eq!(
            "58.839900".parse::<Decimal6>().unwrap().to_string(),
            "58.8399"
        );
        assert_eq!("-0.000001".parse::<Decimal6>().unwrap().micros(), -1);
        assert!("1.2345678".parse::<Decimal6>().is_err());
        assert!("1.".parse::<Decimal6>().is_err());
        assert!(".5".parse::<Decimal6>().is_err());
        assert!("1e5".parse::<Decimal6>().is_err());
        assert_eq!(
            "123456.123456".parse::<Decimal6>().unwrap().total_digits(),
            12
        );
    }

    proptest! {
        #[test]
        fn parse_display_roundtrip(m in -999_999_999_999i64..999_999_999_999) {
            let d = Decimal6::from_micros(m);
            prop_assert_eq!(d.to_string().parse::<Decimal6>().unwrap(), d);
            prop_assert_eq!(Decimal6::from_f64(d.to_f64()).unwrap(), d);
        }
    }
}
