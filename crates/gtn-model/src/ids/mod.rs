//! Validated identifiers of the FNS format and of the Rules.
//!
//! Each type can only be built through a constructor that checks it
//! (`parse` or `TryFrom<String>`), so a value of the type is always valid.
//! `Display` gives the canonical form, and `parse(x.to_string()) == x`.

mod date;
mod digits;
mod epsm;
mod identity_doc;
mod inn;
mod kpp;
mod machine_id;
mod ogrn;
mod region;

pub use date::{iso_date, FnsDate};
pub use digits::{inn10_check, inn12_check, ogrn13_check, ogrnip15_check};
pub use epsm::EpsmNumber;
pub use identity_doc::{DocCode, DocSeriesNumber};
pub use inn::{InnOrg, InnPerson};
pub use kpp::Kpp;
pub use machine_id::{FactoryNumber, Vin};
pub use ogrn::{Ogrn, Ogrnip};
pub use region::{CountryCode, RegionCode};

/// Implements serde through the type's checked `FromStr` and `Display`, so
/// that JSON input is validated exactly like any other input.
macro_rules! serde_via_str {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_string($crate::ids::ParseStr::<$t>(std::marker::PhantomData))?
                    .map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use serde_via_str;

/// Reads a string as `String`'s `Deserialize` does (the same input taken,
/// the same «a string» in errors) and parses it where it lies: no `String`
/// is made and dropped for each identifier of a record (a `Cow<str>` was,
/// as serde's `Cow` is always owned). `parse_str_is_string_then_parse`
/// checks it against that reading. The parse error is the visitor's value,
/// made an error outside it, as before: serde_json adds the position to an
/// error from inside, and the messages stay as they were.
pub(crate) struct ParseStr<T>(pub std::marker::PhantomData<T>);

impl<'de, T> serde::de::Visitor<'de> for ParseStr<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    type Value = Result<T, T::Err>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.parse())
    }

    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        match std::str::from_utf8(v) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(E::invalid_value(serde::de::Unexpected::Bytes(v), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `as_bytes` is `as_str` without the check: the same bytes.
    #[test]
    fn as_bytes_is_as_str() {
        let inn = InnOrg::parse("7707083893").unwrap();
        assert_eq!(inn.as_bytes(), inn.as_str().as_bytes());
        let inn = InnPerson::parse("500100732259").unwrap();
        assert_eq!(inn.as_bytes(), inn.as_str().as_bytes());
        let kpp = Kpp::parse("773601001").unwrap();
        assert_eq!(kpp.as_bytes(), kpp.as_str().as_bytes());
        let ogrn = Ogrn::parse("1027700132195").unwrap();
        assert_eq!(ogrn.as_bytes(), ogrn.as_str().as_bytes());
        let ogrnip = Ogrnip::parse("304500116000050").unwrap();
        assert_eq!(ogrnip.as_bytes(), ogrnip.as_str().as_bytes());
        let region = RegionCode::parse("77").unwrap();
        assert_eq!(region.as_bytes(), region.as_str().as_bytes());
        let country = CountryCode::parse("643").unwrap();
        assert_eq!(country.as_bytes(), country.as_str().as_bytes());
        let doc = DocCode::parse("21").unwrap();
        assert_eq!(doc.as_bytes(), doc.as_str().as_bytes());
    }
    use serde::de::DeserializeOwned;

    /// The reading before: a `Cow<str>` (always owned), then `parse`.
    struct Before<T>(T);

    impl<'de, T> serde::Deserialize<'de> for Before<T>
    where
        T: std::str::FromStr,
        T::Err: std::fmt::Display,
    {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
            s.parse().map(Before).map_err(serde::de::Error::custom)
        }
    }

    fn same<T>(json: &str)
    where
        T: DeserializeOwned + std::str::FromStr + std::fmt::Display,
        T::Err: std::fmt::Display,
    {
        let now = serde_json::from_str::<T>(json)
            .map(|v| v.to_string())
            .map_err(|e| e.to_string());
        let before = serde_json::from_str::<Before<T>>(json)
            .map(|v| v.0.to_string())
            .map_err(|e| e.to_string());
        assert_eq!(now, before, "{} {json}", std::any::type_name::<T>());
        // Inside an object, as in a record (the error's position too).
        let json = format!("{{\"a\": {json}, \"b\": 1}}");
        #[derive(serde::Deserialize)]
        struct Now<T> {
            a: T,
        }
        #[derive(serde::Deserialize)]
        #[serde(bound = "T: std::str::FromStr, T::Err: std::fmt::Display")]
        struct Was<T> {
            a: Before<T>,
        }
        let now = serde_json::from_str::<Now<T>>(&json)
            .map(|v| v.a.to_string())
            .map_err(|e| e.to_string());
        let before = serde_json::from_str::<Was<T>>(&json)
            .map(|v| v.a.0.to_string())
            .map_err(|e| e.to_string());
        assert_eq!(now, before, "{} {json}", std::any::type_name::<T>());
    }

    #[test]
    fn parse_str_is_string_then_parse() {
        let texts = [
            r#""7707083893""#,
            r#""770708389""#,
            r#"" 7707083893 ""#,
            r#""\u0037707083893""#,
            r#""500100732259""#,
            r#""773601001""#,
            r#""1027700132195""#,
            r#""316500010000017""#,
            r#""50""#,
            r#""643""#,
            r#""21""#,
            r#""X9K742M0000456789""#,
            r#""x9k742m0000456789""#,
            r#""IOQ742M0000456789""#,
            r#""742М0456""#,
            r#""01.03.2025""#,
            r#""2025-03-01""#,
            r#""a\u0000b""#,
            r#""""#,
            r#""\ud800""#,
            "7707083893",
            "50",
            "null",
            "true",
            "[]",
            "{}",
            r#""unterminated"#,
        ];
        for t in texts {
            same::<InnOrg>(t);
            same::<InnPerson>(t);
            same::<Kpp>(t);
            same::<Ogrn>(t);
            same::<Ogrnip>(t);
            same::<RegionCode>(t);
            same::<CountryCode>(t);
            same::<DocCode>(t);
            same::<EpsmNumber>(t);
            same::<Vin>(t);
            same::<FactoryNumber>(t);
            same::<FnsDate>(t);
        }
    }
}
