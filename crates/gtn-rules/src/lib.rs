//! Правила государственной регистрации самоходных машин и других видов
//! техники (постановление Правительства РФ от 21.09.2020 № 1507): решение
//! по заявлению, все основания отказа п. 58 с фактами, сроки.
//!
//! ```
//! use gtn_rules::{evaluate, Application, Calendar, Outcome};
//!
//! let app: Application = serde_json::from_str(r#"{
//!     "action": {"kind": "registration"},
//!     "submitted": "2025-12-30",
//!     "obligation_from": "2025-12-25",
//!     "machine": {"engine_cm3": 4750},
//!     "owner": {"kind": "russian_organisation"},
//!     "documents": {
//!         "identity": {"presented": true},
//!         "ownership": {"presented": true},
//!         "passport": {"kind": "electronic", "active": true, "fee_mark": "paid"}
//!     }
//! }"#).unwrap();
//! let today = chrono::NaiveDate::from_ymd_opt(2025, 12, 30).unwrap();
//! let d = evaluate(&app, today, &Calendar::builtin()).unwrap();
//! assert_eq!(d.outcome, Outcome::Proceed);
//! let review = d.deadlines.iter().find(|x| x.key == "review").unwrap();
//! assert_eq!(review.date.to_string(), "2026-01-16"); // over the New Year holidays
//! ```

pub mod application;
pub mod calendar;
pub mod decision;
mod diag;
mod evaluate;

pub use application::{Application, InputError};
pub use calendar::{Calendar, CalendarError};
pub use decision::{Deadline, Decision, Ground, GroundFound, Outcome};
pub use evaluate::{evaluate, scope, RulesError};

/// The act this crate implements, for `gtn --version` and reports.
pub const RULES_EDITION: &str =
    "Правила государственной регистрации самоходных машин и других видов техники \
     (постановление Правительства РФ от 21.09.2020 № 1507)";
