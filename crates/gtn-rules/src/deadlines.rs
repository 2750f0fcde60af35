//! The deadlines of a decision, each with its point and how it is counted
//! (see [`crate::terms`] for the articles of the Civil Code).

use crate::application::*;
use crate::calendar::Calendar;
use crate::decision::{Counting, Deadline, DeadlineKind, LimitedTerm, Outcome, Suspension};
use crate::terms::{self, fmt};
use crate::RulesError;
use chrono::NaiveDate;

fn deadline(
    kind: DeadlineKind,
    date: NaiveDate,
    cite: &str,
    counting: Counting,
    what: String,
) -> Deadline {
    Deadline {
        kind,
        date,
        cite: cite.to_owned(),
        counting,
        extended_by_days: 0,
        missed: false,
        what,
    }
}

/// Deadlines that hold whatever the outcome: review (п. 65, абз. 3, with
/// п. 64, абз. 4), the owner's obligation (п. 5, with п. 64, абз. 5), the
/// answer to a query (п. 64, абз. 1), the suspension's cap, the inspection's
/// validity (п. 20).
pub(crate) fn common(
    app: &Application,
    calendar: &Calendar,
    suspension: Option<&Suspension>,
) -> Result<Vec<Deadline>, RulesError> {
    let on = app.submitted;
    let extra = suspension.map_or(0, Suspension::days);
    let mut v = Vec::new();
    let mut review = deadline(
        DeadlineKind::Review,
        terms::calendar_days(calendar.add_working_days(on, 5)?, u64::from(extra))?,
        if extra > 0 {
            "п. 65, абз. 3; п. 64, абз. 4"
        } else {
            "п. 65, абз. 3"
        },
        Counting::WorkingDays { n: 5, from: on },
        if extra > 0 {
            format!("рассмотрение заявления: 5 рабочих дней со дня получения полного комплекта документов и {extra} дней приостановления")
        } else {
            "рассмотрение заявления (5 рабочих дней со дня получения полного комплекта документов)"
                .into()
        },
    );
    review.extended_by_days = extra;
    v.push(review);
    if let Some(from) = app.obligation_from {
        let due = terms::calendar_days(from, 10 + u64::from(extra))?;
        let mut what = if extra > 0 {
            format!("владелец обязан зарегистрировать технику или изменить данные: 10 календарных дней и {extra} дней приостановления (срок также продлевается на время осмотра, п. 65)")
        } else {
            "владелец обязан зарегистрировать технику или изменить данные: 10 календарных дней (продлевается на время осмотра, п. 65, и приостановления, п. 64)".into()
        };
        let missed = on > due;
        if missed {
            what = format!("{what}; срок пропущен: заявление подано {}", fmt(on));
        }
        let mut d = deadline(
            DeadlineKind::OwnerObligation,
            due,
            if extra > 0 {
                "п. 5; п. 64, абз. 5"
            } else {
                "п. 5"
            },
            Counting::CalendarDays { n: 10, from },
            what,
        );
        d.extended_by_days = extra;
        d.missed = missed;
        v.push(d);
    }
    if let Some(sent) = app.office.query_sent {
        v.push(deadline(
            DeadlineKind::QueryAnswer,
            calendar.add_working_days(sent, 3)?,
            "п. 64, абз. 1",
            Counting::WorkingDays { n: 3, from: sent },
            "ответ на запрос по месту прежней регистрации (3 рабочих дня со дня получения)".into(),
        ));
    }
    if let Some(s) = suspension {
        v.push(deadline(
            DeadlineKind::SuspensionEnd,
            s.until,
            "п. 64, абз. 2",
            Counting::CalendarDays {
                n: 30,
                from: s.from,
            },
            format!(
                "приостановление не дольше 30 календарных дней (с {})",
                fmt(s.from)
            ),
        ));
    }
    if let Some(i) = &app.office.inspection {
        v.push(deadline(
            DeadlineKind::InspectionValid,
            terms::calendar_days(i.date, 30)?,
            "п. 20, абз. 5",
            Counting::CalendarDays {
                n: 30,
                from: i.date,
            },
            "результаты осмотра действительны (30 календарных дней)".into(),
        ));
    }
    Ok(v)
}

/// Deadlines of a positive decision taken on `today`.
pub(crate) fn on_proceed(
    app: &Application,
    today: NaiveDate,
    calendar: &Calendar,
    limited: Option<&LimitedTerm>,
) -> Result<Vec<Deadline>, RulesError> {
    let action = app.action;
    let mut v = Vec::new();
    let needs_inspection = match action {
        Action::Registration {} | Action::Change { .. } | Action::DuplicatePassport {} => true,
        Action::Deregistration { cause } => matches!(
            cause,
            DeregistrationCause::Alienation | DeregistrationCause::Export
        ),
        Action::TestRegistration {} | Action::TransitPlates {} => false,
    };
    let inspection_valid = app
        .office
        .inspection
        .as_ref()
        .is_some_and(|i| terms::calendar_days(i.date, 30).is_ok_and(|end| end >= today));
    if needs_inspection && !inspection_valid {
        v.push(deadline(
            DeadlineKind::Inspection,
            calendar.add_working_days(today, 10)?,
            "п. 63; п. 65, абз. 4",
            Counting::WorkingDays { n: 10, from: today },
            "осмотр техники (10 рабочих дней со дня решения об отсутствии оснований для отказа)"
                .into(),
        ));
    }
    v.push(deadline(
        DeadlineKind::Issue,
        calendar.add_working_days(today, 2)?,
        "п. 65, абз. 5",
        Counting::WorkingDays { n: 2, from: today },
        "выдача документов или направление информации о решении (2 рабочих дня)".into(),
    ));
    if matches!(action, Action::TransitPlates {}) {
        v.push(deadline(
            DeadlineKind::TransitValid,
            terms::calendar_days(today, 20)?,
            "п. 42",
            Counting::CalendarDays { n: 20, from: today },
            "срок действия знаков «ТРАНЗИТ» (20 суток)".into(),
        ));
    }
    if matches!(
        action,
        Action::Registration {}
            | Action::TestRegistration {}
            | Action::Change { .. }
            | Action::Deregistration { .. }
    ) {
        v.push(deadline(
            DeadlineKind::FnsReport,
            calendar.add_working_days(today, 10)?,
            "формат 4.04, ТипИнф ГОСТЕХНАДЗОР_ТС_10",
            Counting::WorkingDays { n: 10, from: today },
            "сведения в ФНС в файле ГОСТЕХНАДЗОР_ТС_10 (10 рабочих дней со дня регистрации)".into(),
        ));
    }
    if let Some(t) = limited {
        v.push(deadline(
            DeadlineKind::LimitedTermEnd,
            t.until,
            "п. 32",
            Counting::Date,
            "окончание ограниченного срока регистрации".into(),
        ));
        v.push(deadline(
            DeadlineKind::Termination,
            t.terminates,
            "п. 33",
            Counting::NextDay,
            "регистрация прекращается автоматически".into(),
        ));
    }
    Ok(v)
}

/// Whether a decision of this outcome has deadlines of a positive decision.
pub(crate) fn proceeds(o: Outcome) -> bool {
    o == Outcome::Proceed
}
