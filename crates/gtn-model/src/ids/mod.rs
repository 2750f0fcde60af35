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
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use serde_via_str;
