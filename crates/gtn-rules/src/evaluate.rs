//! From an application and the office's facts to a decision: the steps in
//! the order of the Rules, each in its own module.

use crate::application::*;
use crate::calendar::{Calendar, CalendarError};
use crate::decision::*;
use crate::edition::Edition;
use crate::grounds::{self, Ctx, GroundRule};
use crate::{deadlines, issue, limited, notice, suspension};
use chrono::NaiveDate;
use gtn_model::Plate;
use gtn_plates::Registry;

/// Error of the evaluation: the decision cannot be made (codes: see [`RulesError::code`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    /// A deadline in working days falls outside the calendar: code of the
    /// calendar's error (`C002`; `E001` is its old name).
    #[error("{0}")]
    Calendar(#[from] CalendarError),
    /// E002: a date computation overflowed.
    #[error("дата вне допустимого диапазона: {0}")]
    Date(String),
    /// E003: the decision date lies before the application was complete.
    #[error("дата решения {today} раньше даты получения заявления (submitted) {submitted}: решение не может предшествовать заявлению")]
    DecisionBeforeSubmission {
        /// The decision date asked for.
        today: NaiveDate,
        /// The application's `submitted`.
        submitted: NaiveDate,
    },
}

/// What a decision is taken with, besides the application and the date.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The production calendar (with the office's days).
    pub calendar: &'a Calendar,
    /// The edition of the Rules and its window (an office may override it).
    pub edition: Edition,
    /// The plate series registry (Appendices 4-5).
    pub registry: &'a Registry,
    /// Plates already issued: the decision then names the next free one.
    pub issued: &'a [Plate],
}

impl<'a> Options<'a> {
    /// Rules No. 1507 as built in, the built-in registry, no issued plates.
    pub fn new(calendar: &'a Calendar) -> Self {
        Self {
            calendar,
            edition: Edition::rules_1507(),
            registry: Registry::builtin(),
            issued: &[],
        }
    }
}

/// Evaluates an application on `today` (the day of the decision) with the
/// built-in edition and registry; see [`evaluate_with`].
pub fn evaluate(
    app: &Application,
    today: NaiveDate,
    calendar: &Calendar,
) -> Result<Decision, RulesError> {
    evaluate_with(app, today, &Options::new(calendar))
}

/// Evaluates an application on `today` (the day of the decision).
///
/// The decision is `NotSubject` when the machine is outside п. 1 / п. 4
/// (that ground alone), `Refuse` when another ground of п. 58 holds (every
/// one is reported, with its facts), `Suspend` while a check of п. 19 or a
/// query of п. 64 is pending within its 30 days, and `Proceed` otherwise.
pub fn evaluate_with(
    app: &Application,
    today: NaiveDate,
    opts: &Options,
) -> Result<Decision, RulesError> {
    if today < app.submitted {
        return Err(RulesError::DecisionBeforeSubmission {
            today,
            submitted: app.submitted,
        });
    }
    // The decision date must lie in the production calendar, whatever the
    // outcome: the terms of a decision are counted in its working days.
    opts.calendar.is_working_day(today)?;
    let table: &[GroundRule] = grounds::table_for(&opts.edition);
    let c = Ctx {
        app,
        on: app.submitted,
        today,
    };
    let mut warnings = opts.edition.warnings(today);
    let grounds = grounds::find(&c, table);
    let (mut suspension, w) = suspension::suspension(app, today)?;
    warnings.extend(w);
    let outcome = if grounds.iter().any(|g| g.ground == Ground::NotSubject) {
        Outcome::NotSubject
    } else if !grounds.is_empty() {
        Outcome::Refuse
    } else if suspension
        .as_ref()
        .is_some_and(|s| s.status == SuspensionStatus::Active)
    {
        Outcome::Suspend
    } else {
        Outcome::Proceed
    };
    // A refusal is not suspended: a pending query or check does not hold
    // up grounds that already stand (п. 58), nor extend its terms.
    if !grounds.is_empty()
        && suspension
            .as_ref()
            .is_some_and(|s| s.status == SuspensionStatus::Active)
    {
        suspension = None;
    }
    let mut deadlines = deadlines::common(app, opts.calendar, suspension.as_ref())?;
    let mut issue = Vec::new();
    let mut limited_term = None;
    if deadlines::proceeds(outcome) {
        if c.limits_term() {
            limited_term = limited::limited(app, today)?;
        }
        deadlines.extend(deadlines::on_proceed(
            app,
            today,
            opts.calendar,
            limited_term.as_ref(),
        )?);
        issue = issue::issue(&c, opts.registry, opts.issued, &mut warnings)?;
    }
    deadlines.sort_by_key(|x| (x.date, x.kind));
    let notice = matches!(outcome, Outcome::Refuse | Outcome::NotSubject)
        .then(|| notice::notice(app, &grounds));
    Ok(Decision {
        outcome,
        edition: opts.edition.applied(),
        decided_on: today,
        grounds,
        suspension,
        issue,
        requests: requests(&c),
        limited_term,
        deadlines,
        warnings,
        notice,
    })
}

/// Optional documents are requested through СМЭВ, never demanded (п. 6, last paragraph).
fn requests(c: &Ctx) -> Vec<Reason> {
    let d = c.docs();
    let mut v = Vec::new();
    if c.automatic() {
        return v;
    }
    if !d.duty_receipt {
        v.push(Reason::new(
            "п. 6, абз. 13-14",
            "сведения об уплате государственной пошлины (ГИС ГМП)",
        ));
    }
    if !d.osago
        && matches!(
            c.action(),
            Action::Registration {} | Action::TestRegistration {}
        )
    {
        v.push(Reason::new("п. 6, абз. 10, 14", "сведения о полисе ОСАГО"));
    }
    if !d.conformity && matches!(c.action(), Action::Registration {}) {
        v.push(Reason::new(
            "п. 6, абз. 9, 14",
            "сведения о сертификате или декларации соответствия, если сертификация обязательна",
        ));
    }
    if matches!(
        c.app.owner,
        OwnerFacts::SoleTrader { .. } | OwnerFacts::RussianOrganisation { .. }
    ) {
        v.push(Reason::new("п. 6, абз. 14", "сведения из ЕГРЮЛ или ЕГРИП"));
    }
    v
}
