//! п. 32-33: registration for a limited term, and automatic termination
//! the next day after the term ends.

use crate::application::*;
use crate::decision::{LimitedTerm, Reason};
use crate::terms::{self, age, fmt, sixteenth_birthday};
use crate::RulesError;
use chrono::NaiveDate;

/// A term of п. 32 that comes from a document.
pub(crate) struct Term {
    pub until: NaiveDate,
    pub cite: &'static str,
    pub what: &'static str,
}

/// The terms of п. 32 given by documents (stay, residence, diplomatic card,
/// accreditation, lease, temporary import, permits, test programme): each
/// is also a validity checked by п. 58, абз. 5.
pub(crate) fn document_terms(app: &Application) -> Vec<Term> {
    let mut v = Vec::new();
    let mut term = |until: Option<NaiveDate>, cite, what| {
        if let Some(until) = until {
            v.push(Term { until, cite, what });
        }
    };
    match &app.owner {
        OwnerFacts::Citizen {
            foreign,
            stay_until,
            residence_until,
            diplomatic_card_until,
            ..
        } => {
            if !foreign {
                term(*stay_until, "п. 32, абз. 2", "гражданин без регистрации по месту жительства: срок регистрации по месту пребывания");
            } else {
                term(
                    *stay_until,
                    "п. 32, абз. 5",
                    "иностранный гражданин, временно пребывающий: срок пребывания",
                );
                term(
                    *residence_until,
                    "п. 32, абз. 6",
                    "иностранный гражданин, проживающий в РФ: срок регистрации",
                );
            }
            term(
                *diplomatic_card_until,
                "п. 32, абз. 4",
                "сотрудник дипломатического представительства: срок карточки (удостоверения) МИД",
            );
        }
        OwnerFacts::ForeignOrganisation {
            accreditation_until,
            ..
        } => term(
            *accreditation_until,
            "п. 32, абз. 7",
            "иностранное юридическое лицо: срок аккредитации подразделения",
        ),
        OwnerFacts::SoleTrader { .. }
        | OwnerFacts::RussianOrganisation { .. }
        | OwnerFacts::ForeignMission { .. } => {}
    }
    let d = &app.documents;
    term(
        d.lease.as_ref().and_then(|l| l.until),
        "п. 32, абз. 3",
        "предмет договора лизинга: срок договора",
    );
    term(
        d.leasing_agreement.as_ref().and_then(|l| l.valid_until),
        "п. 32, абз. 3",
        "предмет договора лизинга: срок договора",
    );
    term(
        app.machine.temporary_import_until,
        "п. 32, абз. 8",
        "временный ввоз на срок более 6 месяцев: срок ввоза",
    );
    term(
        d.permits_until,
        "п. 32, абз. 9",
        "разрешительные документы ограниченного срока",
    );
    if matches!(app.action, Action::TestRegistration {}) {
        term(
            app.machine.test_programme_until,
            "п. 32, абз. 11",
            "испытательная техника: срок программы испытаний",
        );
    }
    v
}

/// п. 32: the earliest end among the cases that apply, on the decision date.
pub(crate) fn limited(
    app: &Application,
    today: NaiveDate,
) -> Result<Option<LimitedTerm>, RulesError> {
    let mut cases: Vec<(NaiveDate, Reason)> = document_terms(app)
        .into_iter()
        .map(|t| {
            (
                t.until,
                Reason::new(t.cite, format!("{} — до {}", t.what, fmt(t.until))),
            )
        })
        .collect();
    if let OwnerFacts::Citizen { birth_date, .. } = &app.owner {
        if age(*birth_date, today) < 16 {
            // Registered until the day before the 16th birthday.
            if let Some(until) = sixteenth_birthday(*birth_date).and_then(|d| d.pred_opt()) {
                cases.push((
                    until,
                    Reason::new(
                        "п. 32, абз. 10",
                        format!(
                            "собственник не достиг 16 лет: до достижения этого возраста — до {}",
                            fmt(until)
                        ),
                    ),
                ));
            }
        }
    }
    if matches!(app.action, Action::TestRegistration {}) {
        // «не более чем на 1 год»: a term in years ends on the same date of
        // the next year (ГК РФ, ст. 192, п. 1, 3).
        let year = terms::years(today, 1)?;
        cases.push((
            year,
            Reason::new(
                "п. 32, абз. 11",
                format!(
                    "испытательная техника: не более 1 года со дня регистрации {} — до {} (ГК РФ, ст. 192)",
                    fmt(today),
                    fmt(year)
                ),
            ),
        ));
    }
    let Some(min) = cases.iter().map(|(d, _)| *d).min() else {
        return Ok(None);
    };
    let reasons = cases
        .into_iter()
        .filter(|(d, _)| *d == min)
        .map(|(_, r)| r)
        .collect();
    Ok(Some(LimitedTerm {
        until: min,
        terminates: terms::calendar_days(min, 1)?,
        reasons,
    }))
}
