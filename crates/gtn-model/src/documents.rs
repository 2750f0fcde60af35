//! Документы: паспорта техники, документ, удостоверяющий личность, свидетельство,
//! доверенность (п. 6, 15-17, 21 Правил; Приложение № 3; таблица 4.10).

use crate::{DocCode, DocSeriesNumber, EpsmNumber, IdError};
use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// Отметка об утилизационном сборе в паспорте техники (п. 6, 58 Правил).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mark", rename_all = "snake_case", deny_unknown_fields)]
pub enum UtilisationFee {
    /// Отметка об уплате утилизационного сбора.
    Paid,
    /// Отметка об основании неуплаты утилизационного сбора.
    Exempt {
        /// Основание неуплаты.
        ground: String,
    },
    /// Отметки нет.
    Missing,
}

/// Статус электронного паспорта в системе электронных паспортов (п. 6 Правил).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EpsmStatus {
    /// «Действующий».
    Active,
    /// Погашен.
    Cancelled,
    /// Иной статус (не «действующий»).
    Other(String),
}

/// Паспорт техники: бумажный ПСМ или электронный ЭПСМ (п. 6, 15, 16 Правил).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Passport {
    /// Паспорт самоходной машины и других видов техники на бумажном носителе (ПСМ).
    Paper {
        /// Серия (обычно 2 буквы кириллицы, как в `СВ 123456`; образец общепринятый, не нормативный, поэтому проверка нестрогая).
        series: String,
        /// Номер.
        number: String,
        /// Дата выдачи.
        #[serde(
            default,
            deserialize_with = "crate::ids::iso_date::option",
            skip_serializing_if = "Option::is_none"
        )]
        issued_on: Option<NaiveDate>,
        /// Паспорт недействителен (например, взамен оформлен ЭПСМ, п. 16).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        invalid: bool,
        /// Отметка об утилизационном сборе.
        utilisation_fee: UtilisationFee,
    },
    /// Электронный паспорт (ЭПСМ), выписка из системы электронных паспортов.
    Electronic {
        /// Номер ЭПСМ, 15 цифр.
        number: EpsmNumber,
        /// Статус в системе электронных паспортов.
        status: EpsmStatus,
        /// Дата оформления.
        #[serde(
            default,
            deserialize_with = "crate::ids::iso_date::option",
            skip_serializing_if = "Option::is_none"
        )]
        issued_on: Option<NaiveDate>,
        /// Отметка об утилизационном сборе.
        utilisation_fee: UtilisationFee,
    },
}

impl Passport {
    /// Действительный паспорт (п. 15): ПСМ не признан недействительным, ЭПСМ «действующий».
    pub fn is_valid(&self) -> bool {
        match self {
            Passport::Paper { invalid, .. } => !invalid,
            Passport::Electronic { status, .. } => *status == EpsmStatus::Active,
        }
    }

    /// The utilisation-fee mark.
    pub fn utilisation_fee(&self) -> &UtilisationFee {
        match self {
            Passport::Paper {
                utilisation_fee, ..
            }
            | Passport::Electronic {
                utilisation_fee, ..
            } => utilisation_fee,
        }
    }
}

/// Документ, удостоверяющий личность (УдЛичнФЛТип, таблица 4.10).
///
/// JSON: `{"code": "21", "series_number": "4509 235857", "issued_on": "2010-05-20",
/// "issued_by": "…", "issuer_code": "770-001"}`; `series_number` is normalised to
/// the СПДУЛ template of `code` when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawIdentityDocument")]
pub struct IdentityDocument {
    /// Код вида документа по СПДУЛ (КодВидДок).
    pub code: DocCode,
    /// Серия и номер (СерНомДок), по шаблону СПДУЛ.
    pub series_number: DocSeriesNumber,
    /// Дата выдачи (ДатаДок).
    #[serde(deserialize_with = "crate::ids::iso_date::deserialize")]
    pub issued_on: NaiveDate,
    /// Кем выдан (ВыдДок T(1-255)).
    pub issued_by: CompactString,
    /// Код подразделения (КодВыдДок T(=7), например «770-001»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_code: Option<CompactString>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIdentityDocument {
    code: DocCode,
    series_number: CompactString,
    #[serde(deserialize_with = "crate::ids::iso_date::deserialize")]
    issued_on: NaiveDate,
    issued_by: CompactString,
    #[serde(default)]
    issuer_code: Option<CompactString>,
}

impl TryFrom<RawIdentityDocument> for IdentityDocument {
    type Error = IdError;
    fn try_from(r: RawIdentityDocument) -> Result<Self, IdError> {
        Ok(Self {
            series_number: DocSeriesNumber::parse(r.code, &r.series_number)?,
            code: r.code,
            issued_on: r.issued_on,
            issued_by: r.issued_by,
            issuer_code: r.issuer_code,
        })
    }
}

/// Доверенность представителя (п. 6 Правил: документ, подтверждающий полномочия).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PowerOfAttorney {
    /// Номер (реестровый номер нотариальной доверенности).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<CompactString>,
    /// Дата выдачи.
    #[serde(deserialize_with = "crate::ids::iso_date::deserialize")]
    pub issued_on: NaiveDate,
    /// Действует по (включительно); `None` — срок не указан.
    #[serde(
        default,
        deserialize_with = "crate::ids::iso_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_until: Option<NaiveDate>,
}

/// Свидетельство о государственной регистрации техники (п. 21, Приложение № 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationCertificate {
    /// Серия (обычно 2 буквы кириллицы, как в `СВ 123456`; образец общепринятый, не нормативный, поэтому проверка нестрогая).
    pub series: CompactString,
    /// Номер (обычно 6 цифр).
    pub number: CompactString,
    /// Дата выдачи (ДатаВыдРегДок).
    #[serde(deserialize_with = "crate::ids::iso_date::deserialize")]
    pub issued_on: NaiveDate,
    /// Отметка «Испытания» для испытательной техники (п. 30).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub testing: bool,
}

impl RegistrationCertificate {
    /// Серия и номер без пробелов, как в СерНомРегДок T(1-10) (таблица 4.6), где серия и номер пишутся слитно.
    pub fn series_number_compact(&self) -> String {
        self.series
            .chars()
            .chain(self.number.chars())
            .filter(|c| !c.is_whitespace())
            .collect()
    }
}
