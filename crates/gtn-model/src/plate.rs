//! Государственный регистрационный знак: тип, номер, серия, код региона
//! (п. 34-44 Правил; ГОСТ Р 50577-2018).
//!
//! This module knows the syntax of a plate. Which series belong to which
//! region code is the plate series registry's business (crate `gtn-plates`).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Двенадцать букв кириллицы, допустимых на знаках (ГОСТ Р 50577-2018: А В Е К М Н О Р С Т У Х).
pub const PLATE_LETTERS: [char; 12] = ['А', 'В', 'Е', 'К', 'М', 'Н', 'О', 'Р', 'С', 'Т', 'У', 'Х'];

/// Maps a letter to one of the 12 plate letters: Cyrillic of either case, or a
/// Latin look-alike (A B E K M H O P C T Y X, either case). `None` otherwise.
pub fn plate_letter(c: char) -> Option<char> {
    let u = match c {
        'A' | 'a' => 'А',
        'B' | 'b' => 'В',
        'E' | 'e' => 'Е',
        'K' | 'k' => 'К',
        'M' | 'm' => 'М',
        'H' | 'h' => 'Н',
        'O' | 'o' => 'О',
        'P' | 'p' => 'Р',
        'C' | 'c' => 'С',
        'T' | 't' => 'Т',
        'Y' | 'y' => 'У',
        'X' | 'x' => 'Х',
        c => c.to_uppercase().next().unwrap_or(c),
    };
    PLATE_LETTERS.contains(&u).then_some(u)
}

/// Тип государственного регистрационного знака (п. 35 Правил).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlateType {
    /// Тип 3 — тракторы, самоходные машины, прицепы к ним (Приложение № 4).
    Type3,
    /// Тип 4А — внедорожные мототранспортные средства (Приложение № 5).
    Type4A,
    /// Тип 18 «ТРАНЗИТ» — на 20 суток (п. 42).
    Transit,
}

impl PlateType {
    /// Обозначение типа: «3», «4А», «18».
    pub fn as_str(self) -> &'static str {
        match self {
            PlateType::Type3 => "3",
            PlateType::Type4A => "4А",
            PlateType::Transit => "18",
        }
    }
}

impl fmt::Display for PlateType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PlateType {
    type Err = PlateError;
    fn from_str(s: &str) -> Result<Self, PlateError> {
        match s.trim().to_uppercase().as_str() {
            "3" => Ok(PlateType::Type3),
            "4А" | "4A" => Ok(PlateType::Type4A),
            "18" | "ТРАНЗИТ" | "TRANSIT" => Ok(PlateType::Transit),
            _ => Err(PlateError::Type {
                value: s.to_owned(),
            }),
        }
    }
}

impl Serialize for PlateType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PlateType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Ошибка разбора знака: что не так и где.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlateError {
    /// Неизвестный тип знака.
    #[error("тип знака «{value}»: ожидается 3, 4А или 18")]
    Type {
        /// Указанный тип.
        value: String,
    },
    /// Пустая строка.
    #[error("знак не указан")]
    Empty,
    /// Символ, который не цифра и не одна из 12 букв.
    #[error("символ «{ch}» в позиции {pos}: на знаке допустимы только цифры и буквы А В Е К М Н О Р С Т У Х")]
    BadChar {
        /// Символ.
        ch: char,
        /// Позиция во введённой строке, с 1.
        pos: usize,
    },
    /// Символ не на своём месте.
    #[error("позиция {pos}: ожидается {expected} ({part}), указано «{ch}»")]
    Misplaced {
        /// Символ.
        ch: char,
        /// Позиция во введённой строке, с 1.
        pos: usize,
        /// «цифра» или «буква».
        expected: &'static str,
        /// Часть знака: номер, серия, код региона.
        part: &'static str,
    },
    /// Не хватает или лишние знаки.
    #[error("«{value}»: {reason}; ожидается {layout}")]
    Layout {
        /// Введённая строка.
        value: String,
        /// Что не так.
        reason: String,
        /// Ожидаемый вид.
        layout: &'static str,
    },
    /// Номер 0000.
    #[error("номер 0000 недопустим: номер знака от 0001 до 9999")]
    ZeroNumber,
}

impl PlateError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            PlateError::Type { .. } => "M020",
            PlateError::Empty => "M021",
            PlateError::BadChar { .. } => "M022",
            PlateError::Misplaced { .. } => "M023",
            PlateError::Layout { .. } => "M024",
            PlateError::ZeroNumber => "M025",
        }
    }
}

/// Государственный регистрационный знак (п. 34 Правил; Приложение № 3: «тип, код, серия, №»).
///
/// Canonical string `1234АВ77` ([`Plate::canonical`]); display `1234 АВ 77`.
/// JSON: `{"type": "3", "number": 1234, "series": "АВ", "code": "77"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plate {
    /// Тип знака.
    #[serde(rename = "type")]
    pub plate_type: PlateType,
    /// Номер, 1-9999 (0000 не используется — соглашение общедоступных проверок, не норма).
    pub number: u16,
    /// Серия: две буквы из 12 (Приложения № 4, 5).
    pub series: String,
    /// Цифровой код региона (Приложения № 4, 5), 2-3 цифры.
    pub code: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Digit,
    Letter,
}

impl Plate {
    /// Reads a plate of the given type. Tolerates spaces and hyphens, lower
    /// case, Latin look-alike letters and a leading «ТРАНЗИТ» on type 18.
    /// Type 3 is read as `0000 ММ 55`; type 4А and 18 also as `ММ 0000 55`
    /// (public sources disagree on the order on the physical plate).
    pub fn parse(plate_type: PlateType, input: &str) -> Result<Self, PlateError> {
        let mut chars: Vec<(char, usize, Class)> = Vec::new();
        let mut body = input.trim();
        if plate_type == PlateType::Transit {
            for p in ["ТРАНЗИТ", "транзит", "TRANZIT", "tranzit"] {
                if let Some(r) = body.strip_prefix(p) {
                    body = r;
                }
            }
        }
        let offset = input.chars().count() - input.trim_start().chars().count()
            + (input.trim().chars().count() - body.chars().count());
        for (i, c) in body.chars().enumerate() {
            let pos = offset + i + 1;
            if c.is_whitespace() || c == '-' {
                continue;
            }
            if c.is_ascii_digit() {
                chars.push((c, pos, Class::Digit));
            } else if let Some(l) = plate_letter(c) {
                chars.push((l, pos, Class::Letter));
            } else {
                return Err(PlateError::BadChar { ch: c, pos });
            }
        }
        if chars.is_empty() {
            return Err(PlateError::Empty);
        }
        let series_first = chars[0].2 == Class::Letter;
        if series_first && plate_type == PlateType::Type3 {
            return Err(PlateError::Misplaced {
                ch: chars[0].0,
                pos: chars[0].1,
                expected: "цифра",
                part: "номер",
            });
        }
        let (layout, parts): (&'static str, [(Class, usize, &'static str); 2]) = if series_first {
            (
                "«ММ 0000 55»",
                [(Class::Letter, 2, "серия"), (Class::Digit, 4, "номер")],
            )
        } else {
            (
                "«0000 ММ 55»",
                [(Class::Digit, 4, "номер"), (Class::Letter, 2, "серия")],
            )
        };
        let mut at = 0;
        let mut texts: Vec<String> = Vec::new();
        for (class, len, part) in parts.into_iter().chain([(Class::Digit, 3, "код региона")])
        {
            let mut t = String::new();
            let min = if part == "код региона" {
                2
            } else {
                len
            };
            while t.chars().count() < len {
                match chars.get(at) {
                    Some(&(c, _, k)) if k == class => {
                        t.push(c);
                        at += 1;
                    }
                    Some(&(c, pos, _)) if t.chars().count() < min => {
                        return Err(PlateError::Misplaced {
                            ch: c,
                            pos,
                            expected: if class == Class::Digit {
                                "цифра"
                            } else {
                                "буква"
                            },
                            part,
                        })
                    }
                    Some(_) => break,
                    None if t.chars().count() < min => {
                        return Err(PlateError::Layout {
                            value: input.trim().to_owned(),
                            reason: format!("не хватает знаков в части «{part}»"),
                            layout,
                        })
                    }
                    None => break,
                }
            }
            texts.push(t);
        }
        if let Some(&(c, pos, _)) = chars.get(at) {
            return Err(PlateError::Layout {
                value: input.trim().to_owned(),
                reason: format!("лишний знак «{c}» в позиции {pos}"),
                layout,
            });
        }
        let (number, series) = if series_first {
            (&texts[1], &texts[0])
        } else {
            (&texts[0], &texts[1])
        };
        let number: u16 = number.parse().unwrap_or(0);
        if number == 0 {
            return Err(PlateError::ZeroNumber);
        }
        Ok(Plate {
            plate_type,
            number,
            series: series.clone(),
            code: texts[2].clone(),
        })
    }

    /// Canonical form without spaces, number first: `1234АВ77`.
    pub fn canonical(&self) -> String {
        format!("{:04}{}{}", self.number, self.series, self.code)
    }
}

impl fmt::Display for Plate {
    /// `1234 АВ 77`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04} {} {}", self.number, self.series, self.code)
    }
}

/// Знак «ТРАНЗИТ» (тип 18) с датой выдачи: действует 20 суток (п. 42, 44 Правил).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitPlate {
    /// Знак.
    pub plate: Plate,
    /// Дата выдачи.
    pub issued_on: chrono::NaiveDate,
}

impl TransitPlate {
    /// Срок действия знака «ТРАНЗИТ», суток (п. 42).
    pub const VALIDITY_DAYS: u64 = 20;

    /// Последний день действия: дата выдачи + 20 суток, день выдачи считается первым.
    pub fn valid_until(&self) -> chrono::NaiveDate {
        self.issued_on + chrono::Days::new(Self::VALIDITY_DAYS - 1)
    }

    /// `true` if the plate may be used on `day`.
    pub fn is_valid_on(&self, day: chrono::NaiveDate) -> bool {
        self.issued_on <= day && day <= self.valid_until()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lookalikes_and_spacing() {
        let p = Plate::parse(PlateType::Type3, "1234 ab 77").unwrap();
        assert_eq!(p.canonical(), "1234АВ77");
        assert_eq!(p.to_string(), "1234 АВ 77");
        let p = Plate::parse(PlateType::Type3, "0001ху 178").unwrap();
        assert_eq!(p.canonical(), "0001ХУ178");
    }

    #[test]
    fn type_4a_both_orders() {
        let a = Plate::parse(PlateType::Type4A, "ММ 1234 50").unwrap();
        let b = Plate::parse(PlateType::Type4A, "1234 ММ 50").unwrap();
        assert_eq!(a, b);
        assert!(Plate::parse(PlateType::Type3, "ММ 1234 50").is_err());
    }

    #[test]
    fn errors_say_where() {
        let e = Plate::parse(PlateType::Type3, "1234 АЖ 77").unwrap_err();
        assert_eq!(e, PlateError::BadChar { ch: 'Ж', pos: 7 });
        let e = Plate::parse(PlateType::Type3, "12А4 АВ 77").unwrap_err();
        assert_eq!(e.code(), "M023");
        assert!(e.to_string().contains("позиция 3"), "{e}");
        assert_eq!(
            Plate::parse(PlateType::Type3, "0000 АВ 77").unwrap_err(),
            PlateError::ZeroNumber
        );
        assert_eq!(
            Plate::parse(PlateType::Type3, "1234 АВ 7")
                .unwrap_err()
                .code(),
            "M024"
        );
        assert_eq!(
            Plate::parse(PlateType::Type3, "1234 АВ 7777")
                .unwrap_err()
                .code(),
            "M024"
        );
        assert_eq!(
            Plate::parse(PlateType::Type3, "  ").unwrap_err(),
            PlateError::Empty
        );
    }

    #[test]
    fn transit_validity() {
        let p = Plate::parse(PlateType::Transit, "ТРАНЗИТ 0001 АА 77").unwrap();
        let t = TransitPlate {
            plate: p,
            issued_on: chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        };
        assert_eq!(
            t.valid_until(),
            chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap()
        );
    }
}
