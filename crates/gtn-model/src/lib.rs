//! Domain model of state registration of self-propelled machines and other
//! machinery (Правила государственной регистрации самоходных машин и других
//! видов техники, постановление Правительства РФ от 21.09.2020 № 1507), and
//! the validated identifiers of the FNS exchange format 4.04.
//!
//! * [`ids`]: ИНН, КПП, ОГРН, ОГРНИП, ССРФ, ОКСМ, СПДУЛ, dates, ЭПСМ, VIN —
//!   each type can only hold a valid value.
//! * [`dict`]: the reference dictionaries, compiled in from `data/*.tsv`,
//!   and the loader for an office's own dictionary files.
//! * [`Machine`], [`Owner`], [`Passport`], [`Plate`], …: the model, serde-serialisable.
//!
//! The model knows nothing of XML, of the FNS file layout or of the rules of
//! decision: those are the crates `gtn-fns` and `gtn-rules`.
//!
//! ```
//! use gtn_model::{InnOrg, Ogrn, Plate, PlateType};
//! let inn = InnOrg::parse("7707083893")?;           // Сбербанк
//! assert!(InnOrg::parse("7707083894").is_err());    // wrong check digit
//! let plate = Plate::parse(PlateType::Type3, "1234 ab 77")?;
//! assert_eq!(plate.canonical(), "1234АВ77");
//! # let _ = (inn, Ogrn::parse("1027700132195")?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod address;
mod decimal;
mod diag;
pub mod dict;
pub mod documents;
mod error;
pub mod ids;
pub mod machine;
pub mod messages;
pub mod owner;
pub mod plate;

pub use address::{Address, RussianAddress};
/// The text of the model's free-text fields (names, addresses, numbers): up
/// to 24 bytes (12 on 32-bit targets) are kept inline, without an
/// allocation, so reading a record allocates for long values only. Derefs
/// to `&str`; made with `.into()` from `&str` or `String`. It is part of
/// gtn-model's public API (the type of those fields), hence re-exported.
pub use compact_str::CompactString;
pub use decimal::{Decimal6, DecimalError};
pub use documents::{
    EpsmStatus, IdentityDocument, Passport, PowerOfAttorney, RegistrationCertificate,
    UtilisationFee,
};
pub use error::{DictError, IdError};
pub use ids::{
    CountryCode, DocCode, DocSeriesNumber, EpsmNumber, FactoryNumber, FnsDate, InnOrg, InnPerson,
    Kpp, Ogrn, Ogrnip, RegionCode, Vin,
};
pub use machine::{Engine, EnginePower, Machine, MachineKind};
pub use owner::{
    Citizen, DiplomaticAccreditation, ForeignOrganisation, FullName, Owner, Person, Representative,
    RepresentativeRole, RussianOrganisation, Sex, SoleTrader, Subdivision,
};
pub use plate::{Plate, PlateError, PlateType, TransitPlate, PLATE_LETTERS};
