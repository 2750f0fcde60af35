//! A [`Record`] read without serde's buffering of `owner`, for the records
//! that allow it; every other record is read by the derived `Deserialize`
//! (which stays the definition of what is accepted).
//!
//! `owner` is internally tagged (`kind`) and a citizen or sole trader
//! flattens [`Person`]: serde copies the whole object into a tree of its own
//! before reading it, twice for a person, which is a sixth of the time
//! `generate` spends on a record. When `kind` is the object's first key the
//! variant is known at once and its fields are read straight from the JSON:
//! a person's fields through a struct listing them all (as the flattened
//! structs do, unknown fields refused). Anything else (`kind` later, not a
//! string, an unknown kind, any error at all) makes the fast reading fail
//! and the record is read again by the derived code, so the fast path may
//! refuse more but never accepts a record the derived code refuses, and
//! gives the same value (the differential test in `input.rs`).

use crate::{MachineCodes, Operation, Record, Registration};
use chrono::NaiveDate;
use gtn_model::owner::{Citizen, DiplomaticAccreditation, Person, Sex, SoleTrader};
use gtn_model::{
    CompactString, CountryCode, ForeignOrganisation, FullName, IdentityDocument, InnPerson,
    Machine, Ogrnip, Owner, RussianAddress, RussianOrganisation,
};
use serde::de::{Error, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// [`Record`] field for field; only `owner` is read differently. Derived
/// as a remote definition of [`Record`], so that the reading makes the
/// `Record` itself (no copy of the whole record from one type to the other).
#[derive(Deserialize)]
#[serde(remote = "Record", deny_unknown_fields)]
pub(crate) struct FastRecord {
    #[serde(default)]
    doc_id: Option<CompactString>,
    operation: Operation,
    machine: Machine,
    codes: MachineCodes,
    registration: Registration,
    ownership_code: CompactString,
    #[serde(deserialize_with = "owner_tag_first")]
    owner: Owner,
}

/// [`Citizen`]: the fields of [`Person`] and its own, in one struct.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CitizenFields {
    full_name: FullName,
    #[serde(deserialize_with = "gtn_model::ids::iso_date::deserialize")]
    birth_date: NaiveDate,
    sex: Sex,
    #[serde(default)]
    inn: Option<InnPerson>,
    #[serde(default)]
    citizenship: Option<CountryCode>,
    #[serde(default)]
    birth_place: Option<CompactString>,
    identity_document: IdentityDocument,
    address: RussianAddress,
    #[serde(default)]
    stay_address_only: bool,
    #[serde(default)]
    legally_incapable: bool,
    #[serde(default)]
    diplomatic: Option<DiplomaticAccreditation>,
}

/// [`SoleTrader`]: the fields of [`Person`] and its own, in one struct.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SoleTraderFields {
    full_name: FullName,
    #[serde(deserialize_with = "gtn_model::ids::iso_date::deserialize")]
    birth_date: NaiveDate,
    sex: Sex,
    #[serde(default)]
    inn: Option<InnPerson>,
    #[serde(default)]
    citizenship: Option<CountryCode>,
    #[serde(default)]
    birth_place: Option<CompactString>,
    identity_document: IdentityDocument,
    address: RussianAddress,
    #[serde(default)]
    stay_address_only: bool,
    ogrnip: Ogrnip,
}

/// `owner` with `kind` as its first key; any other shape is an error (and
/// the record is read by the derived code).
fn owner_tag_first<'de, D: Deserializer<'de>>(d: D) -> Result<Owner, D::Error> {
    struct TagFirst;
    impl<'de> Visitor<'de> for TagFirst {
        type Value = Owner;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("owner with kind first")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Owner, A::Error> {
            let not_fast = || A::Error::custom("owner: kind is not the first key");
            // CompactString: the key and the kind are short, read without an allocation.
            let key: Option<CompactString> = map.next_key()?;
            if key.as_deref() != Some("kind") {
                return Err(not_fast());
            }
            let kind: CompactString = map.next_value()?;
            let rest = serde::de::value::MapAccessDeserializer::new(map);
            Ok(match &*kind {
                "citizen" => {
                    let c = CitizenFields::deserialize(rest)?;
                    Owner::Citizen(Citizen {
                        person: Person {
                            full_name: c.full_name,
                            birth_date: c.birth_date,
                            sex: c.sex,
                            inn: c.inn,
                            citizenship: c.citizenship,
                            birth_place: c.birth_place,
                            identity_document: c.identity_document,
                            address: c.address,
                            stay_address_only: c.stay_address_only,
                        },
                        legally_incapable: c.legally_incapable,
                        diplomatic: c.diplomatic,
                    })
                }
                "sole_trader" => {
                    let s = SoleTraderFields::deserialize(rest)?;
                    Owner::SoleTrader(SoleTrader {
                        person: Person {
                            full_name: s.full_name,
                            birth_date: s.birth_date,
                            sex: s.sex,
                            inn: s.inn,
                            citizenship: s.citizenship,
                            birth_place: s.birth_place,
                            identity_document: s.identity_document,
                            address: s.address,
                            stay_address_only: s.stay_address_only,
                        },
                        ogrnip: s.ogrnip,
                    })
                }
                "russian_organisation" => {
                    Owner::RussianOrganisation(RussianOrganisation::deserialize(rest)?)
                }
                "foreign_organisation" => {
                    Owner::ForeignOrganisation(ForeignOrganisation::deserialize(rest)?)
                }
                _ => return Err(not_fast()),
            })
        }
    }
    d.deserialize_map(TagFirst)
}
