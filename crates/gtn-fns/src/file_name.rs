//! The exchange file's name: `VO_AVTOTS_9965_<ИНН+КПП>_<ГГГГММДД>_<N>.xml` (п. 3 формата).

use crate::names::{FILE_PREFIX, RECIPIENT};
use chrono::NaiveDate;
use gtn_model::{InnOrg, Kpp};
use std::fmt;

/// Имя файла обмена R_Т_P_О_GGGGMMDD_N (п. 3 формата).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName {
    /// ИНН отправителя (первые 10 знаков О).
    pub inn: InnOrg,
    /// КПП отправителя (последние 9 знаков О).
    pub kpp: Kpp,
    /// Дата формирования файла (GGGGMMDD).
    pub date: NaiveDate,
    /// Идентификационный номер файла N, 1-36 знаков, уникальный.
    pub number: String,
}

/// Ошибка в имени файла: что не так.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("имя файла «{name}»: {reason}")]
pub struct FileNameError {
    /// Имя.
    pub name: String,
    /// Причина.
    pub reason: String,
}

impl FileNameError {
    /// FNS code of the file-name check.
    pub fn code(&self) -> &'static str {
        "0400400007"
    }
}

impl FileName {
    /// Builds a name, checking N (1-36 letters, digits, `-`).
    pub fn new(
        inn: InnOrg,
        kpp: Kpp,
        date: NaiveDate,
        number: &str,
    ) -> Result<Self, FileNameError> {
        let n = Self {
            inn,
            kpp,
            date,
            number: number.to_owned(),
        };
        check_number(&n.id(), number)?;
        Ok(n)
    }

    /// ИдФайл: the name without extension.
    pub fn id(&self) -> String {
        format!(
            "{FILE_PREFIX}_{RECIPIENT}_{}{}_{}_{}",
            self.inn,
            self.kpp,
            self.date.format("%Y%m%d"),
            self.number
        )
    }

    /// The file name with the `.xml` extension.
    pub fn file_name(&self) -> String {
        format!("{}.xml", self.id())
    }

    /// Parses a file name (with or without the extension, `.xml` in any case).
    pub fn parse(name: &str) -> Result<Self, FileNameError> {
        let err = |reason: String| FileNameError {
            name: name.to_owned(),
            reason,
        };
        let stem = match name.len().checked_sub(4) {
            Some(i) if name.is_char_boundary(i) && name[i..].eq_ignore_ascii_case(".xml") => {
                &name[..i]
            }
            _ => return Err(err("расширение должно быть .xml (в любом регистре)".into())),
        };
        let rest = stem
            .strip_prefix(FILE_PREFIX)
            .and_then(|r| r.strip_prefix('_'))
            .ok_or_else(|| err(format!("ожидается префикс {FILE_PREFIX}_")))?;
        let rest = rest
            .strip_prefix(RECIPIENT)
            .and_then(|r| r.strip_prefix('_'))
            .ok_or_else(|| err(format!("идентификатор получателя должен быть {RECIPIENT}")))?;
        let (sender, rest) = rest
            .split_once('_')
            .ok_or_else(|| err("нет идентификатора отправителя (ИНН+КПП, 19 знаков)".into()))?;
        if sender.len() != 19 || !sender.is_ascii() {
            return Err(err(format!(
                "идентификатор отправителя «{sender}»: ожидается 19 знаков ИНН+КПП"
            )));
        }
        let inn = InnOrg::parse(&sender[..10]).map_err(|e| err(e.to_string()))?;
        let kpp = Kpp::parse(&sender[10..]).map_err(|e| err(e.to_string()))?;
        let (d, number) = rest
            .split_once('_')
            .ok_or_else(|| err("нет даты ГГГГММДД и номера файла".into()))?;
        let date = (d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
            .then(|| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
            .flatten()
            .ok_or_else(|| {
                err(format!(
                    "дата «{d}»: ожидается ГГГГММДД, существующая в календаре"
                ))
            })?;
        check_number(name, number)?;
        Ok(Self {
            inn,
            kpp,
            date,
            number: number.to_owned(),
        })
    }
}

fn check_number(name: &str, n: &str) -> Result<(), FileNameError> {
    let len = n.chars().count();
    if !(1..=36).contains(&len) || !n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(FileNameError {
            name: name.to_owned(),
            reason: format!("номер файла «{n}»: ожидается от 1 до 36 латинских букв, цифр или «-»"),
        });
    }
    Ok(())
}

impl fmt::Display for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn roundtrip_and_errors() {
        let n = FileName::new(
            InnOrg::parse("7707083893").unwrap(),
            Kpp::parse("773601001").unwrap(),
            NaiveDate::from_ymd_opt(2025, 3, 14).unwrap(),
            "1",
        )
        .unwrap();
        assert_eq!(
            n.file_name(),
            "VO_AVTOTS_9965_7707083893773601001_20250314_1.xml"
        );
        assert_eq!(FileName::parse(&n.file_name()).unwrap(), n);
        assert_eq!(
            FileName::parse("VO_AVTOTS_9965_7707083893773601001_20250314_1.XML").unwrap(),
            n
        );
        for bad in [
            "VO_AVTOTS_9965_7707083893773601001_20250314_1.txt",
            "VO_AVTOTS_9964_7707083893773601001_20250314_1.xml",
            "VO_AVTOTS_9965_7707083894773601001_20250314_1.xml",
            "VO_AVTOTS_9965_7707083893773601001_20250231_1.xml",
            "VO_AVTOTS_9965_7707083893773601001_20250314_.xml",
            "VO_AVTOTS_9965_770708389377360100_20250314_1.xml",
        ] {
            let e = FileName::parse(bad).unwrap_err();
            assert_eq!(e.code(), "0400400007", "{bad}");
        }
    }
}
