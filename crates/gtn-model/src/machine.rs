//! Техника и её основные компоненты (п. 1, 19, 46 Правил; Приложения № 1-3; таблица 4.5).

use crate::{Decimal6, FactoryNumber, Passport, Vin};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// 1 л.с. (метрическая лошадиная сила) = 75 кгс·м/с = 75 × 9,80665 Вт = 735,49875 Вт, точно.
pub const KW_PER_HP_E8: i128 = KW_PER_HP_E8_I64 as i128;

/// [`KW_PER_HP_E8`] as the i64 the arithmetic below mostly runs in.
const KW_PER_HP_E8_I64: i64 = 73_549_875;

/// 10^8, the scale of [`KW_PER_HP_E8`].
const E8: i64 = 100_000_000;

/// Вид техники по назначению (п. 1, 35 Правил): decides the plate type and the
/// ДОБДД type code КодТип.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MachineKind {
    /// Трактор (КодТип 31, знак тип 3).
    Tractor,
    /// Самоходная дорожно-строительная, коммунальная, сельскохозяйственная или иная машина (КодТип 32, знак тип 3).
    SelfPropelled,
    /// Внедорожное мототранспортное средство: снегоболотоход, мотовездеход (КодТип 39, знак тип 4А).
    OffRoadVehicle,
    /// Снегоход, мотонарты (КодТип 74, знак тип 4А).
    Snowmobile,
    /// Прицеп (полуприцеп) к самоходной машине (КодТип 84, знак тип 3).
    Trailer,
    /// Иная техника (КодТип 39).
    Other,
}

impl MachineKind {
    /// Код типа ТС по справочнику ДОБДД (КодТип; ДОБДД МВД России «Типы транспортных средств»).
    pub fn vehicle_type_code(self) -> &'static str {
        match self {
            MachineKind::Tractor => "31",
            MachineKind::SelfPropelled => "32",
            MachineKind::Snowmobile => "74",
            MachineKind::Trailer => "84",
            MachineKind::OffRoadVehicle | MachineKind::Other => "39",
        }
    }

    /// `true` for machines that get a plate of type 4А (п. 35 Правил).
    pub fn is_off_road(self) -> bool {
        matches!(self, MachineKind::OffRoadVehicle | MachineKind::Snowmobile)
    }
}

/// Мощность двигателя в л.с. и кВт (МощДвЛС, МощДвКвт N(12.6), таблица 4.5),
/// both kept exact to six decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnginePower {
    /// Мощность в лошадиных силах (МощДвЛС).
    pub hp: Decimal6,
    /// Мощность в киловаттах (МощДвКвт).
    pub kw: Decimal6,
}

/// n / d rounded half away from zero, saturated to the range of i64 (the
/// format's N(12.6) is far inside it; saturation only keeps hostile input
/// from wrapping around).
fn div_round(n: i128, d: i128) -> i64 {
    let q = n
        .saturating_mul(2)
        .saturating_add(d.signum() * n.signum() * d.abs())
        / (2 * d);
    i64::try_from(q).unwrap_or(if q < 0 { i64::MIN } else { i64::MAX })
}

/// n × m / d rounded as [`div_round`] does (m, d > 0): in i64 when 2·n·m
/// fits, which every real power does (up to about 62 000 л.с.), so that no
/// 128-bit division runs for them; through [`div_round`] otherwise. The
/// property test `mul_div_round_is_div_round` holds the two equal.
fn mul_div_round(n: i64, m: i64, d: i64) -> i64 {
    let half = n.signum() * d;
    match n
        .checked_mul(m)
        .and_then(|p| p.checked_mul(2))
        .and_then(|p| p.checked_add(half))
    {
        Some(p) => p / (2 * d),
        None => div_round(i128::from(n) * i128::from(m), i128::from(d)),
    }
}

impl EnginePower {
    /// From horsepower; kW computed as hp × 0.73549875, rounded half away from zero to 6 decimals.
    pub fn from_hp(hp: Decimal6) -> Self {
        let kw = mul_div_round(hp.micros(), KW_PER_HP_E8_I64, E8);
        Self {
            hp,
            kw: Decimal6::from_micros(kw),
        }
    }

    /// From kilowatts; hp computed as kW / 0.73549875, rounded to 6 decimals.
    pub fn from_kw(kw: Decimal6) -> Self {
        let hp = mul_div_round(kw.micros(), E8, KW_PER_HP_E8_I64);
        Self {
            hp: Decimal6::from_micros(hp),
            kw,
        }
    }

    /// From whichever values are known; `None` when neither is.
    pub fn from_parts(hp: Option<Decimal6>, kw: Option<Decimal6>) -> Option<Self> {
        match (hp, kw) {
            (Some(hp), Some(kw)) => Some(Self { hp, kw }),
            (Some(hp), None) => Some(Self::from_hp(hp)),
            (None, Some(kw)) => Some(Self::from_kw(kw)),
            (None, None) => None,
        }
    }

    /// `true` when кВт agrees with л.с. × 0.73549875 within 0.5 % or 0.01 кВт,
    /// which allows for the usual rounding of either figure in documents.
    pub fn is_consistent(&self) -> bool {
        let expected = i128::from(Self::from_hp(self.hp).kw.micros());
        let diff = (expected - i128::from(self.kw.micros())).abs();
        diff <= 10_000 || diff * 200 <= expected.abs()
    }
}

/// Двигатель — основной компонент техники (п. 19 Правил).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Engine {
    /// Заводской номер двигателя (НомДвиг T(1-50)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<CompactString>,
    /// Рабочий объём, куб. см (ОбъемДвиг N(10.2)); п. 1: свыше 50 куб. см.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_cm3: Option<Decimal6>,
    /// Мощность двигателя, л.с. (МощДвЛС).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power_hp: Option<Decimal6>,
    /// Мощность двигателя, кВт (МощДвКвт).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power_kw: Option<Decimal6>,
    /// Электродвигатель (п. 1: максимальной мощностью более 4 кВт).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub electric: bool,
}

impl Engine {
    /// Power in both units, computing the missing one.
    pub fn power(&self) -> Option<EnginePower> {
        EnginePower::from_parts(self.power_hp, self.power_kw)
    }
}

/// Техника (п. 1 Правил): самоходная машина или прицеп к ней, с основными компонентами.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Machine {
    /// Вид техники.
    pub kind: MachineKind,
    /// Наименование техники (Приложения № 1-3), например «трактор».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<CompactString>,
    /// Марка, модель (модификация) (Марка T(1-40), таблица 4.5).
    pub make_model: CompactString,
    /// Год выпуска (ГодВып, xs:gYear).
    pub year: u16,
    /// Цвет (Приложение № 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<CompactString>,
    /// Идентификационный номер VIN/PIN (ИденНом T(1-40)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vin: Option<Vin>,
    /// Заводской номер машины (рамы, шасси) (ЗаводНомер T(1-25)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factory_number: Option<FactoryNumber>,
    /// Номер кузова (НомКуз T(1-20)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_number: Option<CompactString>,
    /// Двигатель (основной компонент, п. 19); нет у прицепа.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<Engine>,
    /// Номер коробки передач (основной компонент, п. 19).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gearbox_number: Option<CompactString>,
    /// Номера основного ведущего моста (мостов) (основной компонент, п. 19).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drive_axle_numbers: Vec<CompactString>,
    /// Номер рамы (основной компонент, п. 19).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frame_number: Option<CompactString>,
    /// Максимальная конструктивная скорость, км/ч (п. 1: более 50 км/ч — для категорий L, M, N).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_speed_kmh: Option<u16>,
    /// Паспорт техники: ПСМ или ЭПСМ (п. 6, 15, 16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passport: Option<Passport>,
}

#[cfg(test)]
mod tests {
    use super::*;
    fn d(s: &str) -> Decimal6 {
        s.parse().unwrap()
    }

    /// The i64 path gives what the 128-bit definition gives, on either side
    /// of where it stops fitting.
    #[test]
    fn mul_div_round_is_div_round() {
        let slow = |n: i64, m: i64, d: i64| div_round(i128::from(n) * i128::from(m), i128::from(d));
        let limit = i64::MAX / (2 * KW_PER_HP_E8_I64.max(E8));
        for n in [
            0,
            1,
            -1,
            50,
            -50,
            67_977_343,
            limit,
            -limit,
            limit + 1,
            -limit - 1,
            i64::MAX,
            i64::MIN,
        ] {
            assert_eq!(
                mul_div_round(n, KW_PER_HP_E8_I64, E8),
                slow(n, KW_PER_HP_E8_I64, E8),
                "{n}"
            );
            assert_eq!(
                mul_div_round(n, E8, KW_PER_HP_E8_I64),
                slow(n, E8, KW_PER_HP_E8_I64),
                "{n}"
            );
        }
        proptest::proptest!(|(n in proptest::num::i64::ANY, small in -1_000_000_000_000i64..1_000_000_000_000, half in 0i64..1_000_000)| {
            for n in [n, small, small / 1_000_000 * 1_000_000 + half] {
                proptest::prop_assert_eq!(mul_div_round(n, KW_PER_HP_E8_I64, E8), slow(n, KW_PER_HP_E8_I64, E8));
                proptest::prop_assert_eq!(mul_div_round(n, E8, KW_PER_HP_E8_I64), slow(n, E8, KW_PER_HP_E8_I64));
            }
        });
    }

    /// Found by the fuzzer: N(12.6) allows 12 integer digits, and the
    /// consistency check multiplied micro-units past i64.
    #[test]
    fn huge_powers_do_not_overflow() {
        let p = EnginePower {
            hp: d("999999999999"),
            kw: d("1"),
        };
        assert!(!p.is_consistent());
        let p = EnginePower::from_kw(Decimal6::from_micros(i64::MAX));
        assert_eq!(p.hp.micros(), i64::MAX);
        proptest::proptest!(|(hp in proptest::num::i64::ANY, kw in proptest::num::i64::ANY)| {
            let p = EnginePower { hp: Decimal6::from_micros(hp), kw: Decimal6::from_micros(kw) };
            let _ = p.is_consistent();
            let _ = EnginePower::from_hp(p.hp);
            let _ = EnginePower::from_kw(p.kw);
        });
    }
    #[test]
    fn power_conversion_exact() {
        assert_eq!(EnginePower::from_hp(d("1")).kw, d("0.735499"));
        assert_eq!(EnginePower::from_hp(d("100")).kw, d("73.549875"));
        assert_eq!(EnginePower::from_hp(d("80")).kw, d("58.8399"));
        assert_eq!(EnginePower::from_kw(d("73.549875")).hp, d("100"));
        assert_eq!(EnginePower::from_kw(d("58.84")).hp, d("80.000136"));
        assert!(EnginePower {
            hp: d("80"),
            kw: d("58.8")
        }
        .is_consistent());
        assert!(!EnginePower {
            hp: d("80"),
            kw: d("80")
        }
        .is_consistent());
    }
}
