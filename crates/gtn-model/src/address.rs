//! Адреса (п. 9-14 Правил; АдрРФТип, таблица 4.11).

use crate::RegionCode;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// Адрес в Российской Федерации (АдрРФТип, таблица 4.11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RussianAddress {
    /// Почтовый индекс (Индекс T(=6)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<CompactString>,
    /// Код региона по ССРФ (КодРегион).
    pub region: RegionCode,
    /// Район (Район T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<CompactString>,
    /// Город (Город T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<CompactString>,
    /// Населённый пункт (НаселПункт T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<CompactString>,
    /// Улица (Улица T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<CompactString>,
    /// Дом (Дом T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house: Option<CompactString>,
    /// Корпус (Корпус T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building: Option<CompactString>,
    /// Квартира (Кварт T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat: Option<CompactString>,
}

/// Адрес: структурированный российский или произвольный текст (например, адрес
/// иностранной организации в стране регистрации, АдрИно, таблица 4.8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Address {
    /// Структурированный адрес в РФ.
    Russian(RussianAddress),
    /// Адрес одной строкой.
    FreeForm(String),
}
