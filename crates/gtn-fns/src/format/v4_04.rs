//! Format 4.04, part 230_07 (`xsd/VO_AVTOTS_2_230_07_04_04_01.xsd`):
//! the structure of the file (таблицы 4.1-4.12) as data — elements, their
//! attributes with types and facets, and their children in order. The
//! writer and the validator both read it; `tests/format_xsd.rs` proves it is
//! the checked-in XSD.

use super::{opt, req, Attr, Child, Elem, Ty, Version};
use crate::names::{at, el, ty, INFO_10, INFO_YEAR};

macro_rules! one {
    ($e:expr) => {
        Child {
            elems: &[&$e],
            min: 1,
            max: 1,
        }
    };
}

/// ФИОТип (таблица 4.12).
pub static FIO: [Attr; 3] = [
    req(at::SURNAME, Ty::Text(1, 60)),
    req(at::GIVEN_NAME, Ty::Text(1, 60)),
    opt(at::PATRONYMIC, Ty::Text(1, 60)),
];

/// АдрРФТип (таблица 4.11).
pub static ADDRESS: [Attr; 9] = [
    opt(at::POSTAL_CODE, Ty::Text(6, 6)),
    req(at::REGION, Ty::Ssrf),
    opt(at::DISTRICT, Ty::Text(1, 50)),
    opt(at::CITY, Ty::Text(1, 50)),
    opt(at::LOCALITY, Ty::Text(1, 50)),
    opt(at::STREET, Ty::Text(1, 50)),
    opt(at::HOUSE, Ty::Text(1, 50)),
    opt(at::BUILDING, Ty::Text(1, 50)),
    opt(at::FLAT, Ty::Text(1, 50)),
];

/// ФИООтв.
pub static RESPONSIBLE_NAME: Elem = Elem {
    name: el::RESPONSIBLE_NAME,
    attrs: &FIO,
    children: &[],
    xsd_type: Some(ty::FULL_NAME),
};
/// ФИОРук.
pub static HEAD_NAME: Elem = Elem {
    name: el::HEAD_NAME,
    attrs: &FIO,
    children: &[],
    xsd_type: Some(ty::FULL_NAME),
};
/// ФИО.
pub static FULL_NAME: Elem = Elem {
    name: el::FULL_NAME,
    attrs: &FIO,
    children: &[],
    xsd_type: Some(ty::FULL_NAME),
};
/// АдрРФРег.
pub static REG_ORG_ADDRESS: Elem = Elem {
    name: el::REG_ORG_ADDRESS,
    attrs: &ADDRESS,
    children: &[],
    xsd_type: Some(ty::ADDRESS),
};
/// АдрПрав.
pub static OWNER_ADDRESS: Elem = Elem {
    name: el::OWNER_ADDRESS,
    attrs: &ADDRESS,
    children: &[],
    xsd_type: Some(ty::ADDRESS),
};

/// ИдОтпр (таблица 4.2).
pub static SENDER: Elem = Elem {
    name: el::SENDER,
    attrs: &[
        opt(at::POSITION, Ty::Text(1, 45)),
        opt(at::PHONE, Ty::Text(1, 20)),
        opt(at::EMAIL, Ty::Text(1, 45)),
    ],
    children: &[one!(RESPONSIBLE_NAME)],
    xsd_type: None,
};

/// СвОргРег (таблица 4.3).
pub static REG_ORG: Elem = Elem {
    name: el::REG_ORG,
    attrs: &[
        req(at::ORG_NAME, Ty::Text(1, 1000)),
        req(at::INN_ORG, Ty::InnOrg),
        req(at::KPP, Ty::Kpp),
        req(at::OGRN, Ty::Ogrn),
        req(at::PHONE, Ty::Text(1, 20)),
    ],
    children: &[
        one!(REG_ORG_ADDRESS),
        Child {
            elems: &[&HEAD_NAME],
            min: 0,
            max: 1,
        },
    ],
    xsd_type: None,
};

/// СвТрансп (таблица 4.5).
pub static MACHINE: Elem = Elem {
    name: el::MACHINE,
    attrs: &[
        req(at::OPERATION, Ty::Operation),
        opt(at::SUBDIVISION, Ty::Text(1, 7)),
        req(at::OPERATION_DATE, Ty::Date),
        req(at::PLATE, Ty::Text(1, 30)),
        opt(at::PREVIOUS_PLATE, Ty::Text(1, 30)),
        opt(at::VIN, Ty::Text(1, 40)),
        req(at::MAKE, Ty::Text(1, 40)),
        opt(at::KIND, Ty::Text(5, 5)),
        req(at::TYPE, Ty::VehicleType),
        opt(at::PURPOSE, Ty::Text(1, 2)),
        req(at::CATEGORY, Ty::Text(1, 1)),
        req(at::YEAR, Ty::Year),
        opt(at::ENGINE_NUMBER, Ty::Text(1, 50)),
        opt(at::FACTORY_NUMBER, Ty::Text(1, 25)),
        opt(at::BODY_NUMBER, Ty::Text(1, 20)),
        req(at::POWER_HP, Ty::Dec(12, 6)),
        req(at::POWER_KW, Ty::Dec(12, 6)),
        opt(at::VOLUME, Ty::Dec(10, 2)),
    ],
    children: &[],
    xsd_type: None,
};

/// СвРегис (таблица 4.6).
pub static REGISTRATION: Elem = Elem {
    name: el::REGISTRATION,
    attrs: &[
        opt(at::REG_DOC_CODE, Ty::Text(3, 3)),
        req(at::REG_DOC_NUMBER, Ty::Text(1, 10)),
        req(at::REG_DOC_DATE, Ty::Date),
        opt(at::REG_DATE, Ty::Date),
    ],
    children: &[],
    xsd_type: None,
};

/// СведЮЛРос (таблица 4.7).
pub static OWNER_RU_ORG: Elem = Elem {
    name: el::OWNER_RU_ORG,
    attrs: &[
        req(at::OWNERSHIP, Ty::Text(2, 2)),
        req(at::ORG_NAME, Ty::Text(1, 1000)),
        req(at::INN_ORG, Ty::InnOrg),
        req(at::KPP, Ty::Kpp),
        opt(at::OGRN, Ty::Ogrn),
    ],
    children: &[one!(OWNER_ADDRESS)],
    xsd_type: None,
};

/// СведЮЛИно (таблица 4.8).
pub static OWNER_FOREIGN_ORG: Elem = Elem {
    name: el::OWNER_FOREIGN_ORG,
    attrs: &[
        req(at::OWNERSHIP, Ty::Text(2, 2)),
        req(at::ORG_SIGN, Ty::Enum(&["3"])),
        req(at::ORG_NAME, Ty::Text(1, 1000)),
        req(at::INN_ORG, Ty::InnOrg),
        req(at::KPP, Ty::Kpp),
        req(at::COUNTRY, Ty::Oksm),
        opt(at::FOREIGN_REG_NUMBER, Ty::Text(1, 255)),
        opt(at::FOREIGN_REG_DATE, Ty::Date),
        opt(at::FOREIGN_REG_AUTHORITY, Ty::Text(1, 1000)),
        opt(at::FOREIGN_ADDRESS, Ty::Text(1, 512)),
    ],
    children: &[one!(OWNER_ADDRESS)],
    xsd_type: None,
};

/// УдЛичнФЛ (таблица 4.10).
pub static IDENTITY_DOC: Elem = Elem {
    name: el::IDENTITY_DOC,
    attrs: &[
        req(at::DOC_CODE, Ty::Spdul),
        req(at::DOC_NUMBER, Ty::Text(1, 25)),
        req(at::DOC_DATE, Ty::Date),
        req(at::DOC_ISSUER, Ty::Text(1, 255)),
        opt(at::DOC_ISSUER_CODE, Ty::Text(7, 7)),
    ],
    children: &[],
    xsd_type: Some(ty::IDENTITY_DOC),
};

/// СведФЛ (таблица 4.9).
pub static OWNER_PERSON: Elem = Elem {
    name: el::OWNER_PERSON,
    attrs: &[
        req(at::OWNERSHIP, Ty::Text(2, 2)),
        opt(at::INN_PERSON, Ty::InnPerson),
        req(at::BIRTH_DATE, Ty::Date),
        opt(at::CITIZENSHIP, Ty::Oksm),
        req(at::CITIZENSHIP_NAME, Ty::Text(1, 128)),
        req(at::SEX, Ty::Enum(&["1", "2"])),
        opt(at::BIRTH_PLACE, Ty::Text(1, 255)),
    ],
    children: &[one!(FULL_NAME), one!(OWNER_ADDRESS), one!(IDENTITY_DOC)],
    xsd_type: None,
};

/// Документ (таблица 4.4).
pub static DOCUMENT: Elem = Elem {
    name: el::DOCUMENT,
    attrs: &[req(at::DOC_ID, Ty::Text(1, 36))],
    children: &[
        one!(MACHINE),
        one!(REGISTRATION),
        Child {
            elems: &[&OWNER_RU_ORG, &OWNER_FOREIGN_ORG, &OWNER_PERSON],
            min: 1,
            max: 1,
        },
    ],
    xsd_type: None,
};

/// Файл (таблица 4.1).
pub static FILE: Elem = Elem {
    name: el::FILE,
    attrs: &[
        req(at::FILE_ID, Ty::Text(1, 150)),
        req(at::FORMAT_VERSION, Ty::Enum(&["4.04"])),
        req(at::INFO_TYPE, Ty::Enum(&[INFO_YEAR, INFO_10])),
        opt(at::PROGRAM_VERSION, Ty::Text(1, 40)),
        req(at::DOC_COUNT, Ty::Int(9)),
        opt(at::REPORT_YEAR, Ty::Year),
    ],
    children: &[
        Child {
            elems: &[&SENDER],
            min: 0,
            max: 1,
        },
        one!(REG_ORG),
        Child {
            elems: &[&DOCUMENT],
            min: 1,
            max: u32::MAX,
        },
    ],
    xsd_type: None,
};

/// Format 4.04: its tables and its rules beyond the XSD.
pub static VERSION: Version = Version {
    version: "4.04",
    xsd: "VO_AVTOTS_2_230_07_04_04_01.xsd",
    root: &FILE,
    rules: super::rules::RULES,
};
