//! The input of the writer: the sender profile and one registration record
//! per document, in a documented JSON shape (see `examples/` and the README).

use chrono::NaiveDate;
use gtn_model::{
    CompactString, FullName, InnOrg, Kpp, Machine, Ogrn, Owner, RegistrationCertificate,
    RussianAddress,
};
use serde::{Deserialize, Serialize};

/// Ответственное лицо отправителя (ИдОтпр, таблица 4.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responsible {
    /// Должность ответственного лица (ДолжОтв T(1-45)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Номер контактного телефона (Тлф T(1-20)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail (T(1-45)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// ФИО ответственного лица (ФИООтв).
    pub full_name: FullName,
}

/// Профиль отправителя: орган гостехнадзора (СвОргРег, таблица 4.3; ИдОтпр, таблица 4.2).
///
/// Read from TOML or JSON; see `examples/sender.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sender {
    /// Наименование организации (НаимОрг T(1-1000)).
    pub name: String,
    /// ИНН организации (ИННЮЛ).
    pub inn: InnOrg,
    /// КПП организации (КПП).
    pub kpp: Kpp,
    /// ОГРН организации (ОГРН).
    pub ogrn: Ogrn,
    /// Номер контактного телефона организации (Тлф T(1-20)).
    pub phone: String,
    /// Адрес организации (АдрРФРег).
    pub address: RussianAddress,
    /// ФИО должностного лица, подписавшего сведения (ФИОРук).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<FullName>,
    /// Ответственное лицо (ИдОтпр), необязательно.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<Responsible>,
}

/// Технологическая операция (СвТрансп: КодОпер, КодПодр, ДатаОпер, ГосРегЗн, ПредГосРегЗн).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// Код технологической операции (КодОпер T(=2), справочник КодОпер).
    pub code: CompactString,
    /// Код подразделения регистрации (КодПодр T(1-7)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<CompactString>,
    /// Дата технологической операции (ДатаОпер).
    #[serde(deserialize_with = "gtn_model::ids::iso_date::deserialize")]
    pub date: NaiveDate,
    /// Государственный регистрационный знак (ГосРегЗн T(1-30)).
    pub plate: CompactString,
    /// Предыдущий регистрационный знак (ПредГосРегЗн T(1-30)); обязателен при замене знака.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_plate: Option<CompactString>,
}

/// Коды ДОБДД и ФНС для техники (таблица 4.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MachineCodes {
    /// Код категории ТС (КодКат T(=1), справочник ДОБДД «Категории ТС»).
    pub category: CompactString,
    /// Код типа ТС (КодТип T(=2)); по умолчанию — по виду техники (31, 32, 39, 74, 84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle_type: Option<CompactString>,
    /// Код вида ТС по СНТС (КодВид T(=5)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<CompactString>,
    /// Код специального назначения (КодНазн T(1-2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<CompactString>,
}

/// Сведения о регистрации (СвРегис, таблица 4.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// Код регистрационного документа по СВДР (КодРегДок T(=3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_code: Option<CompactString>,
    /// Свидетельство о регистрации (СерНомРегДок без пробелов, ДатаВыдРегДок).
    pub certificate: RegistrationCertificate,
    /// Дата регистрации (ДатаРег).
    #[serde(
        default,
        deserialize_with = "gtn_model::ids::iso_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub registered_on: Option<NaiveDate>,
}

/// Одна запись о регистрации — один элемент Документ (таблица 4.4).
///
/// JSON Lines: one object per line; the shape is documented in the README.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Идентификатор документа (ИдДок T(1-36)); если не задан — GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<CompactString>,
    /// Технологическая операция.
    pub operation: Operation,
    /// Техника.
    pub machine: Machine,
    /// Коды ДОБДД и ФНС.
    pub codes: MachineCodes,
    /// Сведения о регистрации.
    pub registration: Registration,
    /// Код формы собственности по данным ДОБДД (КодСобстДОБДД T(=2)).
    pub ownership_code: CompactString,
    /// Владелец.
    pub owner: Owner,
}

/// Тип информации файла (ТипИнф, таблица 4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InfoType {
    /// ГОСТЕХНАДЗОР_ТС_10: в течение 10 рабочих дней со дня регистрации.
    Within10Days,
    /// ГОСТЕХНАДЗОР_ТС_ГОД за отчётный год (ГодПериодОтч).
    Yearly(u16),
}

impl InfoType {
    /// Значение ТипИнф.
    pub fn code(self) -> &'static str {
        match self {
            InfoType::Within10Days => crate::names::INFO_10,
            InfoType::Yearly(_) => crate::names::INFO_YEAR,
        }
    }
}
