//! Правила государственной регистрации самоходных машин и других видов
//! техники (постановление Правительства РФ от 21.09.2020 № 1507): решение
//! по заявлению, все основания отказа п. 58 с фактами, сроки, что выдать
//! (с кодом региона на знаке по п. 41), редакция Правил.
//!
//! ```
//! use gtn_rules::{evaluate, Application, Calendar, DeadlineKind, Outcome};
//!
//! let app = Application::from_json("a.json", r#"{
//!     "action": {"kind": "registration"},
//!     "submitted": "2025-12-30",
//!     "obligation_from": "2025-12-25",
//!     "machine": {"engine_cm3": 4750},
//!     "owner": {"kind": "russian_organisation", "region": "91"},
//!     "documents": {
//!         "identity": {"presented": true},
//!         "ownership": {"presented": true},
//!         "passport": {"kind": "electronic", "active": true, "fee_mark": "paid"}
//!     }
//! }"#).unwrap();
//! let today = chrono::NaiveDate::from_ymd_opt(2025, 12, 30).unwrap();
//! let d = evaluate(&app, today, &Calendar::builtin()).unwrap();
//! assert_eq!(d.outcome, Outcome::Proceed);
//! let review = d.deadline(DeadlineKind::Review).unwrap();
//! assert_eq!(review.date.to_string(), "2026-01-16"); // over the New Year holidays
//! assert_eq!(d.plate().unwrap().code.as_deref(), Some("82")); // Крым: ССРФ 91, plates 82
//! ```
//!
//! Terms are counted as the Civil Code counts them ([`terms`]).

/// The act whose Rules this crate implements (its title page).
pub const RULES: &str = "Правила государственной регистрации самоходных машин и других видов техники, утверждённые постановлением Правительства Российской Федерации от 21 сентября 2020 г. № 1507";

pub mod application;
pub mod calendar;
mod deadlines;
pub mod decision;
mod diag;
pub mod edition;
mod evaluate;
mod grounds;
mod issue;
mod limited;
mod notice;
mod suspension;
pub mod terms;

pub use application::{
    Application, CheckRequest, InputError, MachineFacts, OwnerFacts, PassportFacts,
};
pub use calendar::{Calendar, CalendarError};
pub use decision::{
    Counting, Deadline, DeadlineKind, Decision, Ground, GroundFound, IssueData, IssueItem, Outcome,
    PlateIssue, Suspension, SuspensionStatus, Warning,
};
pub use edition::Edition;
pub use evaluate::{evaluate, evaluate_with, Options, RulesError};
pub use grounds::not_subject::scope;
pub use issue::plate_type;

/// The act this crate implements, for `gtn --version` and reports: the
/// same text as [`RULES`] (one definition), the name of the built-in
/// [`Edition::rules_1507`].
pub const RULES_EDITION: &str = RULES;
