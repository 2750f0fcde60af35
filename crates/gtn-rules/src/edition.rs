//! Editions of the Rules: which text applies, and when.
//!
//! Decree No. 1507 came into force on 01.01.2021 and has a limited validity.
//! Public sources disagree on its end: a legal database notes it in force
//! until 01.01.2027; a 2026 report on the draft of new Rules says it ceases
//! on 01.09.2026. The window is data ([`Edition`]), which an office can
//! override (`gtn check --edition FILE`); a decision taken outside it, or
//! past the disputed date, carries a warning, never silence.
//!
//! Each edition has its own table of grounds (`GroundRule` in `grounds/mod.rs`);
//! a new edition is added as a new table beside `RULES_1507`,
//! not by editing it.

use crate::decision::{EditionApplied, Warning};
use crate::terms::fmt;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Редакция Правил и её срок действия. An office's file (JSON) has the same
/// fields; unknown fields are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// Наименование.
    pub name: String,
    /// Первый день действия.
    pub in_force_from: NaiveDate,
    /// Первый день, когда уже не действует (None: бессрочно).
    #[serde(default)]
    pub in_force_until: Option<NaiveDate>,
    /// Дата, с которой по другому источнику редакция не действует.
    #[serde(default)]
    pub disputed_until: Option<NaiveDate>,
}

impl Edition {
    /// Постановление № 1507 (built in): from 01.01.2021 until 01.01.2027,
    /// disputed from 01.09.2026.
    pub fn rules_1507() -> Self {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        Self {
            name: crate::RULES_EDITION.into(),
            in_force_from: d(2021, 1, 1),
            in_force_until: Some(d(2027, 1, 1)),
            disputed_until: Some(d(2026, 9, 1)),
        }
    }

    /// Reads an office's edition file (JSON); errors in Russian, with the place.
    pub fn from_json(file: &str, text: &str) -> Result<Self, crate::InputError> {
        crate::application::read_json(file, text, "описания редакции", "одно описание редакции")
    }

    /// What the decision carries.
    pub fn applied(&self) -> EditionApplied {
        EditionApplied {
            name: self.name.clone(),
            in_force_from: self.in_force_from,
            in_force_until: self.in_force_until,
        }
    }

    /// Warnings for a decision on `on`: E101 outside the window, E102 past
    /// the disputed date.
    pub fn warnings(&self, on: NaiveDate) -> Vec<Warning> {
        let mut w = Vec::new();
        if on < self.in_force_from || self.in_force_until.is_some_and(|u| on >= u) {
            let until = self.in_force_until.map_or("бессрочно".to_owned(), |u| {
                format!("до {}", fmt(u))
            });
            w.push(Warning {
                code: "E101",
                message: format!(
                    "дата решения {} вне срока действия редакции «{}» (с {} {until}): решение принято по ней, проверьте, какие Правила действуют",
                    fmt(on),
                    self.name,
                    fmt(self.in_force_from)
                ),
            });
        } else if let Some(d) = self.disputed_until.filter(|d| on >= *d) {
            w.push(Warning {
                code: "E102",
                message: format!(
                    "дата решения {} не раньше {}: по одному из источников редакция «{}» с этого дня не действует; проверьте",
                    fmt(on),
                    fmt(d),
                    self.name
                ),
            });
        }
        w
    }
}
