//! Адреса (п. 9-14 Правил; АдрРФТип, таблица 4.11).

use crate::RegionCode;
use serde::{Deserialize, Serialize};

/// Адрес в Российской Федерации (АдрРФТип, таблица 4.11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RussianAddress {
    /// Почтовый индекс (Индекс T(=6)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Код региона по ССРФ (КодРегион).
    pub region: RegionCode,
    /// Район (Район T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Город (Город T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Населённый пункт (НаселПункт T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    /// Улица (Улица T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// Дом (Дом T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house: Option<String>,
    /// Корпус (Корпус T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
    /// Квартира (Кварт T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat: Option<String>,
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
