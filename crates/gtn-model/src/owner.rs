//! Владельцы техники и их представители (п. 3, 9-14, 26-28 Правил; таблицы 4.7-4.9, 4.12).

use crate::{
    CountryCode, IdentityDocument, InnOrg, InnPerson, Kpp, Ogrn, Ogrnip, PowerOfAttorney,
    RussianAddress,
};
use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// Фамилия, имя, отчество (ФИОТип, таблица 4.12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FullName {
    /// Фамилия (T(1-60)).
    pub surname: CompactString,
    /// Имя (T(1-60)).
    pub given_name: CompactString,
    /// Отчество (T(1-60)), при наличии.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patronymic: Option<CompactString>,
}

impl std::fmt::Display for FullName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.surname, self.given_name)?;
        if let Some(p) = &self.patronymic {
            write!(f, " {p}")?;
        }
        Ok(())
    }
}

/// Пол (Пол T(=1), таблица 4.9): 1 — мужской, 2 — женский.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Мужской (1).
    Male,
    /// Женский (2).
    Female,
}

impl Sex {
    /// Code in the FNS file.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "1",
            Sex::Female => "2",
        }
    }
}

/// Сведения о физическом лице (таблица 4.9; Приложение № 2).
///
/// Unknown fields are refused by the structs that flatten it ([`Citizen`],
/// [`SoleTrader`]): serde cannot refuse them in a flattened struct itself,
/// which sees the outer struct's fields too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// ФИО (ФИО).
    pub full_name: FullName,
    /// Дата рождения (ДатаРожд).
    #[serde(deserialize_with = "crate::ids::iso_date::deserialize")]
    pub birth_date: NaiveDate,
    /// Пол (Пол).
    pub sex: Sex,
    /// ИНН физического лица (ИННФЛ), при наличии.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inn: Option<InnPerson>,
    /// Гражданство по ОКСМ (КодГражд); `None` — лицо без гражданства.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citizenship: Option<CountryCode>,
    /// Место рождения (МестоРожд T(1-255)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_place: Option<CompactString>,
    /// Документ, удостоверяющий личность (УдЛичнФЛ).
    pub identity_document: IdentityDocument,
    /// Адрес места жительства (пребывания) в РФ (АдрПрав; п. 9, 10, 12, 13).
    pub address: RussianAddress,
    /// Нет регистрации по месту жительства — учтён адрес места пребывания (п. 10, 32).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stay_address_only: bool,
}

/// Кем представитель приходится владельцу (п. 3, 6, 10 Правил).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepresentativeRole {
    /// Представитель по доверенности.
    Proxy,
    /// Родитель несовершеннолетнего (до 16 лет).
    Parent,
    /// Усыновитель.
    AdoptiveParent,
    /// Опекун (попечитель).
    Guardian,
}

/// Представитель владельца (п. 3, 6 Правил; Приложения № 1-2 «Сведения о представителе»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Representative {
    /// Основание представительства.
    pub role: RepresentativeRole,
    /// ФИО представителя.
    pub full_name: FullName,
    /// Дата рождения.
    #[serde(
        default,
        deserialize_with = "crate::ids::iso_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub birth_date: Option<NaiveDate>,
    /// Документ, удостоверяющий личность представителя.
    pub identity_document: IdentityDocument,
    /// Доверенность (для представителя по доверенности).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power_of_attorney: Option<PowerOfAttorney>,
}

/// Аккредитация при МИД России (п. 11, 32 Правил): дипломатическое
/// представительство, консульское учреждение, международная организация или их сотрудник.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiplomaticAccreditation {
    /// Номер дипломатической, служебной, консульской карточки или удостоверения.
    pub card_number: CompactString,
    /// Срок действия карточки (п. 32: срок регистрации).
    #[serde(deserialize_with = "crate::ids::iso_date::deserialize")]
    pub valid_until: NaiveDate,
}

/// Гражданин (физическое лицо), в т.ч. несовершеннолетний до 16 лет или
/// недееспособный, за которого регистрирует представитель (п. 3, 10 Правил).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citizen {
    /// Сведения о лице.
    #[serde(flatten)]
    pub person: Person,
    /// Признан недееспособным (п. 3).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub legally_incapable: bool,
    /// Сотрудник, аккредитованный при МИД России (п. 11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diplomatic: Option<DiplomaticAccreditation>,
}

/// Индивидуальный предприниматель (Приложение № 2; в файле ФНС — СведФЛ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoleTrader {
    /// Сведения о лице; `person.inn` обязателен для ИП.
    #[serde(flatten)]
    pub person: Person,
    /// ОГРНИП.
    pub ogrnip: Ogrnip,
}

/// Обособленное подразделение организации (п. 10, 14 Правил).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subdivision {
    /// Наименование подразделения.
    pub name: CompactString,
    /// КПП подразделения.
    pub kpp: Kpp,
    /// Адрес места нахождения подразделения.
    pub address: RussianAddress,
}

/// Российская организация или субъект публичного права (СведЮЛРос, таблица 4.7; Приложение № 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RussianOrganisation {
    /// Полное наименование (НаимОрг T(1-1000)).
    pub name: CompactString,
    /// ИНН организации (ИННЮЛ).
    pub inn: InnOrg,
    /// КПП (КПП).
    pub kpp: Kpp,
    /// ОГРН (ОГРН), при наличии.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ogrn: Option<Ogrn>,
    /// Адрес в пределах места нахождения (АдрПрав; п. 10).
    pub address: RussianAddress,
    /// Обособленное подразделение, за которым учитывается техника (п. 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<Subdivision>,
    /// Дипломатическое представительство, консульство или международная организация (п. 11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diplomatic: Option<DiplomaticAccreditation>,
}

/// Иностранная организация, действующая в РФ через обособленное подразделение
/// (СведЮЛИно, таблица 4.8, ПризнОрг = 3; п. 14 Правил).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForeignOrganisation {
    /// Полное наименование (НаимОрг).
    pub name: CompactString,
    /// ИНН (ИННЮЛ), присвоенный в РФ.
    pub inn: InnOrg,
    /// КПП подразделения (КПП).
    pub kpp: Kpp,
    /// Страна регистрации (инкорпорации) по ОКСМ (КодСтрИно).
    pub country: CountryCode,
    /// Регистрационный номер в стране регистрации (РегНомИно T(1-255)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_number: Option<CompactString>,
    /// Дата регистрации (ДатаРегИно).
    #[serde(
        default,
        deserialize_with = "crate::ids::iso_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub registration_date: Option<NaiveDate>,
    /// Наименование регистрирующего органа (НаимРегОрг T(1-1000)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registering_authority: Option<CompactString>,
    /// Адрес в стране регистрации (АдрИно T(1-512)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign_address: Option<CompactString>,
    /// Адрес подразделения в РФ (АдрПрав; п. 14).
    pub address: RussianAddress,
    /// Срок действия документов об аккредитации подразделения (п. 32).
    #[serde(
        default,
        deserialize_with = "crate::ids::iso_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub accreditation_valid_until: Option<NaiveDate>,
}

/// Владелец техники (п. 3 Правил): за кем регистрируется техника.
///
/// JSON: an object with `"kind"`: `citizen`, `sole_trader`,
/// `russian_organisation` or `foreign_organisation`, and the fields of that kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Owner {
    /// Гражданин.
    Citizen(Citizen),
    /// Индивидуальный предприниматель.
    SoleTrader(SoleTrader),
    /// Российская организация.
    RussianOrganisation(RussianOrganisation),
    /// Иностранная организация.
    ForeignOrganisation(ForeignOrganisation),
}

impl Owner {
    /// Наименование или ФИО владельца для документов.
    pub fn display_name(&self) -> String {
        match self {
            Owner::Citizen(c) => c.person.full_name.to_string(),
            Owner::SoleTrader(s) => format!("ИП {}", s.person.full_name),
            Owner::RussianOrganisation(o) => o.name.to_string(),
            Owner::ForeignOrganisation(o) => o.name.to_string(),
        }
    }

    /// The address recorded for the owner (п. 9-14).
    pub fn address(&self) -> &RussianAddress {
        match self {
            Owner::Citizen(c) => &c.person.address,
            Owner::SoleTrader(s) => &s.person.address,
            Owner::RussianOrganisation(o) => {
                o.subdivision.as_ref().map_or(&o.address, |s| &s.address)
            }
            Owner::ForeignOrganisation(o) => &o.address,
        }
    }
}
