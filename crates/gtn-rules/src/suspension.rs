//! п. 19 and п. 64: suspension of the service while a query is answered or
//! a check is made, at most 30 calendar days from the day it began.
//!
//! The cap runs from the day the suspension began (the query was sent, the
//! check started: `office.query_sent`, `office.check_started`; absent, from
//! `submitted`). A suspension whose cap has passed is not extended: the
//! decision is taken on what is known, with warning E103. An answer that
//! arrived (`office.answer_received`) ends it (п. 64, абз. 3); the service
//! terms are extended by the days it lasted (п. 64, абз. 4-5).

use crate::application::*;
use crate::decision::{Reason, Suspension, SuspensionStatus, Warning};
use crate::terms::{self, fmt};
use crate::RulesError;
use chrono::NaiveDate;

/// The suspicions of п. 19 the office has.
pub(crate) fn suspicions(app: &Application) -> Vec<Reason> {
    let o = &app.office;
    o.wanted
        .iter()
        .map(|w| Reason::new("п. 19", format!("в розыске: {w}")))
        .chain(
            o.stolen_documents
                .iter()
                .map(|s| Reason::new("п. 19", format!("документ в числе похищенных: {s}"))),
        )
        .chain(o.forgery_signs.iter().map(|f| {
            Reason::new(
                "п. 19",
                format!("признаки подделки или изменения маркировки: {f}"),
            )
        }))
        .collect()
}

/// The suspension, past or present, on `today`, and its warnings.
pub(crate) fn suspension(
    app: &Application,
    today: NaiveDate,
) -> Result<(Option<Suspension>, Vec<Warning>), RulesError> {
    let o = &app.office;
    let mut reasons = Vec::new();
    let mut starts = Vec::new();
    let mut pending = false;
    let mut resumed_on = None;
    let check = suspicions(app);
    if !check.is_empty() {
        if o.check_result.is_none() {
            pending = true;
            reasons.extend(check);
            starts.push(o.check_started.unwrap_or(app.submitted));
        } else if let Some(s) = o.check_started {
            starts.push(s);
        }
    }
    if let Some(sent) = o.query_sent {
        starts.push(sent);
        match o.answer_received {
            // An answer dated after the decision has not arrived yet.
            Some(a) if a <= today => resumed_on = Some(a.max(sent)),
            None if o.query_answered => {}
            _ => {
                pending = true;
                reasons.push(Reason::new(
                    "п. 64, абз. 1",
                    format!(
                        "направлен запрос по месту прежней регистрации {}; ответ не получен",
                        fmt(sent)
                    ),
                ));
            }
        }
    }
    let Some(from) = starts.into_iter().min() else {
        return Ok((None, Vec::new()));
    };
    let until = terms::calendar_days(from, 30)?;
    let mut warnings = Vec::new();
    let status = if pending && today <= until {
        SuspensionStatus::Active
    } else if pending {
        warnings.push(Warning {
            code: "E103",
            message: format!(
                "приостановление с {} истекло {} (не более 30 календарных дней, п. 64, абз. 2) и не продлевается: решение принято по имеющимся сведениям; не разрешено: {}",
                fmt(from),
                fmt(until),
                reasons
                    .iter()
                    .map(|r| r.fact.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        });
        SuspensionStatus::CapPassed
    } else if resumed_on.is_some() {
        SuspensionStatus::Resumed
    } else {
        // Answered or checked, the day unknown: nothing to extend by.
        return Ok((None, Vec::new()));
    };
    if reasons.is_empty() {
        reasons.push(Reason::new(
            "п. 64, абз. 1",
            "запрос по месту прежней регистрации: ответ получен",
        ));
    }
    Ok((
        Some(Suspension {
            from,
            until,
            status,
            resumed_on: resumed_on.filter(|_| status == SuspensionStatus::Resumed),
            reasons,
        }),
        warnings,
    ))
}
