//! The rules: from an application and the office's facts to a decision.

use crate::application::*;
use crate::calendar::{Calendar, CalendarError};
use crate::decision::*;
use chrono::{Datelike, Days, Months, NaiveDate};
use std::collections::BTreeMap;

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
}

fn fmt(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn plus_days(d: NaiveDate, n: u64) -> Result<NaiveDate, RulesError> {
    d.checked_add_days(Days::new(n))
        .ok_or_else(|| RulesError::Date(fmt(d)))
}

/// Age in full years on `on`.
fn age(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut a = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        a -= 1;
    }
    a
}

/// The day a person born on `birth` turns 16 (29 February → 1 March).
fn sixteenth_birthday(birth: NaiveDate) -> Option<NaiveDate> {
    birth.checked_add_months(Months::new(16 * 12)).map(|d| {
        if birth.month() == 2 && birth.day() == 29 && d.day() == 28 {
            d.succ_opt().unwrap_or(d)
        } else {
            d
        }
    })
}

/// Collects facts per ground.
#[derive(Default)]
struct Grounds(BTreeMap<Ground, Vec<Reason>>);

impl Grounds {
    fn add(&mut self, g: Ground, cite: &str, fact: impl Into<String>) {
        self.0.entry(g).or_default().push(Reason::new(cite, fact));
    }
    fn into_vec(self) -> Vec<GroundFound> {
        self.0
            .into_iter()
            .map(|(ground, facts)| GroundFound {
                ground,
                code: ground.code(),
                cite: format!("п. 58, абз. {}", ground.paragraph()),
                facts,
            })
            .collect()
    }
}

/// Is the action one that registers the machine (scope of п. 1, 4 applies)?
fn registers(a: Action) -> bool {
    matches!(
        a,
        Action::Registration {} | Action::TestRegistration {} | Action::TransitPlates {}
    )
}

/// п. 1 and п. 4: reasons the machine is not registered by гостехнадзор.
pub fn scope(m: &Machine, action: Action) -> Vec<Reason> {
    let mut r = Vec::new();
    if m.military {
        r.push(Reason::new(
            "п. 1",
            "техника Вооружённых Сил, других войск, воинских формирований и органов",
        ));
    }
    let over = |v: Option<f64>, limit: f64| v.is_some_and(|x| x > limit);
    if m.road_category_lmn && (over(m.power_kw, 4.0) || over(m.max_speed_kmh, 50.0)) {
        r.push(Reason::new("п. 1", "колёсное устройство категории L, M или N мощностью более 4 кВт или со скоростью более 50 км/ч: регистрируется Госавтоинспекцией"));
    }
    if !m.trailer {
        let known = m.engine_cm3.is_some() || m.electric_kw.is_some();
        if known && !over(m.engine_cm3, 50.0) && !over(m.electric_kw, 4.0) {
            r.push(Reason::new("п. 1", "двигатель внутреннего сгорания не более 50 куб. см и электродвигатель не более 4 кВт"));
        }
    }
    if m.assembled_from_parts {
        r.push(Reason::new(
            "п. 4, абз. 3",
            "техника собрана индивидуально из запасных частей и агрегатов",
        ));
    }
    if m.temporary_import_months.is_some_and(|n| n <= 6) {
        r.push(Reason::new(
            "п. 4, абз. 4",
            "техника временно ввезена на срок не более 6 месяцев",
        ));
    }
    if m.trade_goods && !matches!(action, Action::TransitPlates {}) {
        r.push(Reason::new("п. 4, абз. 4", "техника является товаром, реализуемым торговой организацией или индивидуальным предпринимателем"));
    }
    if m.test_sample == Some(TestSample::OffRoad) {
        r.push(Reason::new(
            "п. 4, абз. 6",
            "опытный образец для испытаний, не связанных с движением по дорогам общего пользования",
        ));
    }
    r
}

/// Evaluates an application on `today` (the day of the decision).
///
/// Every ground of п. 58 that holds is reported, with its facts; the
/// decision is `NotSubject` when the machine is outside п. 1 / п. 4,
/// `Refuse` when another ground holds, `Suspend` while a check of п. 19 or a
/// query of п. 64 is pending, and `Proceed` otherwise.
pub fn evaluate(
    app: &Application,
    today: NaiveDate,
    calendar: &Calendar,
) -> Result<Decision, RulesError> {
    let mut g = Grounds::default();
    let d = &app.documents;
    let action = app.action;
    let on = app.submitted;

    // абз. 2: scope.
    let out_of_scope = if registers(action) {
        scope(&app.machine, action)
    } else {
        Vec::new()
    };
    for r in &out_of_scope {
        g.add(Ground::NotSubject, &r.cite, r.fact.clone());
    }
    if registers(action)
        && !app.machine.trailer
        && app.machine.engine_cm3.is_none()
        && app.machine.electric_kw.is_none()
    {
        g.add(
            Ground::MissingDocuments,
            "п. 1",
            "нет сведений об объёме двигателя или мощности электродвигателя",
        );
    }

    // абз. 3: documents that must be there.
    let automatic = matches!(
        action,
        Action::Deregistration {
            cause: DeregistrationCause::TermExpired
                | DeregistrationCause::OwnerReached16
                | DeregistrationCause::OwnerDeathOrLiquidation
        }
    );
    let mut need = |present: bool, cite: &str, what: &str| {
        if !present {
            g.add(
                Ground::MissingDocuments,
                cite,
                format!("не представлен: {what}"),
            );
        }
    };
    if !automatic {
        need(
            d.identity.presented,
            "п. 6, абз. 4",
            "документ, удостоверяющий личность",
        );
        if app.by_representative {
            need(
                d.power_of_attorney.presented,
                "п. 6, абз. 5",
                "документ, подтверждающий полномочия представителя",
            );
        }
    }
    let passport_needed = match action {
        Action::Registration {} | Action::TransitPlates {} => true,
        Action::Change { change } => matches!(
            change,
            Change::Owner | Change::Components | Change::ComponentsDesignChange
        ),
        Action::Deregistration { cause } => matches!(
            cause,
            DeregistrationCause::Alienation
                | DeregistrationCause::WriteOff
                | DeregistrationCause::Export
        ),
        Action::TestRegistration {} | Action::DuplicatePassport {} => false,
    };
    if passport_needed {
        need(
            d.passport.is_some(),
            "п. 6, абз. 7; п. 15",
            "паспорт техники или выписка из электронного паспорта",
        );
    }
    match action {
        Action::Registration {} | Action::TransitPlates {} => {
            need(d.ownership.presented, "п. 6, абз. 6", "документ о праве собственности или ином законном основании владения");
            if app.machine.temporary_import_months.is_some_and(|n| n > 6) {
                need(d.temporary_import_document.presented, "п. 6, абз. 11; п. 31", "документ, идентифицирующий технику как временно ввезённую");
            }
        }
        Action::TestRegistration {} => {
            need(d.test_programme.presented, "п. 29, абз. 6", "программа испытаний, утверждённая изготовителем");
        }
        Action::Change { change } => match change {
            Change::Owner => need(d.ownership.presented, "п. 6, абз. 6", "документ о праве собственности нового владельца"),
            Change::ComponentsDesignChange => need(d.design_change_certificate.presented, "п. 46, абз. 2", "свидетельство о соответствии техники с изменённой конструкцией требованиям безопасности"),
            Change::Leasing => need(d.leasing_assignment.presented, "п. 48", "договор об уступке прав по договору лизинга и акт приёма-передачи"),
            Change::OwnerData | Change::Address | Change::Components | Change::LostCertificate => {}
        },
        Action::DuplicatePassport {} => {}
        Action::Deregistration { cause } => match cause {
            DeregistrationCause::Alienation => {
                need(d.alienation_contract.presented, "п. 51", "документы о сделке, направленной на отчуждение техники");
                need(d.certificate.presented, "п. 50, 51", "свидетельство о государственной регистрации техники");
            }
            DeregistrationCause::WriteOff | DeregistrationCause::Export => {
                need(d.certificate.presented, "п. 50", "свидетельство о государственной регистрации техники");
            }
            DeregistrationCause::OwnerDeathOrLiquidation => {
                need(d.chief_inspector_decision.presented, "п. 53", "решение главного государственного инженера-инспектора");
            }
            DeregistrationCause::TermExpired | DeregistrationCause::OwnerReached16 => {}
        },
    }
    if let Some(doc) = &d.state_contract_act {
        need(
            doc.presented,
            "п. 27",
            "акт приёма-передачи по государственному (муниципальному) контракту",
        );
    }
    if let Some(doc) = &d.leasing_agreement {
        need(
            doc.presented,
            "п. 28",
            "письменное соглашение сторон договора лизинга о регистрации",
        );
    }
    if let Some(c) = &d.co_owners {
        if c.count > 1 && !c.consent {
            g.add(Ground::MissingDocuments, "п. 26", format!("техника в общей собственности {} лиц: нет согласия остальных на регистрацию за одним лицом", c.count));
        }
    }
    if let Owner::Citizen {
        birth_date,
        incapable,
        through_guardian,
        ..
    } = &app.owner
    {
        if (age(*birth_date, on) < 16 || *incapable) && !through_guardian && !automatic {
            let who = if *incapable {
                "недееспособен"
            } else {
                "не достиг 16 лет"
            };
            g.add(Ground::MissingDocuments, "п. 3", format!("собственник {who}: заявление подаёт родитель, усыновитель или опекун (попечитель) с документом о полномочиях"));
        }
    }

    // абз. 4: documents that do not meet requirements.
    for (name, doc) in docs(d) {
        if let Some(defect) = doc.defect.as_ref().filter(|_| doc.presented) {
            g.add(
                Ground::NonConformingDocuments,
                "п. 58, абз. 4",
                format!("{name}: {defect}"),
            );
        }
    }
    for f in &d.foreign {
        if !f.translated {
            g.add(
                Ground::NonConformingDocuments,
                "п. 23",
                format!(
                    "{}: нет нотариально удостоверенного перевода на русский язык",
                    f.name
                ),
            );
        }
        if !f.legalised {
            g.add(
                Ground::NonConformingDocuments,
                "п. 24",
                format!(
                    "{}: документ иностранного государства не легализован",
                    f.name
                ),
            );
        }
    }
    for c in &d.copies_instead_of_originals {
        g.add(
            Ground::NonConformingDocuments,
            "п. 25",
            format!("{c}: представлена копия вместо подлинника"),
        );
    }
    match &d.passport {
        Some(Passport::Paper {
            replaced_by_electronic: true,
            ..
        }) => {
            g.add(
                Ground::NonConformingDocuments,
                "п. 16",
                "паспорт техники недействителен: взамен оформлен электронный паспорт",
            );
        }
        Some(Passport::Electronic { active: false, .. }) => {
            g.add(
                Ground::NonConformingDocuments,
                "п. 6, абз. 8",
                "электронный паспорт техники не имеет статуса «действующий»",
            );
        }
        _ => {}
    }

    // абз. 5: expired documents.
    for (name, doc) in docs(d) {
        if let Some(until) = doc.valid_until.filter(|u| doc.presented && *u < on) {
            g.add(
                Ground::ExpiredDocuments,
                "п. 58, абз. 5",
                format!("{name}: срок действия истёк {}", fmt(until)),
            );
        }
    }
    if let Some(until) = d.permits_until.filter(|u| *u < on) {
        g.add(
            Ground::ExpiredDocuments,
            "п. 32, абз. 9",
            format!(
                "разрешительные документы: срок действия истёк {}",
                fmt(until)
            ),
        );
    }

    // абз. 6: contradictory or unreliable information; confirmed checks of п. 19.
    for c in &app.office.contradictions {
        g.add(Ground::ContradictoryInformation, "п. 58, абз. 6", c.clone());
    }
    let suspicions: Vec<Reason> = app
        .office
        .wanted
        .iter()
        .map(|w| Reason::new("п. 19", format!("в розыске: {w}")))
        .chain(
            app.office
                .stolen_documents
                .iter()
                .map(|s| Reason::new("п. 19", format!("документ в числе похищенных: {s}"))),
        )
        .chain(app.office.forgery_signs.iter().map(|f| {
            Reason::new(
                "п. 19",
                format!("признаки подделки или изменения маркировки: {f}"),
            )
        }))
        .collect();
    if app.office.check_result == Some(CheckResult::Confirmed) {
        for s in &suspicions {
            g.add(
                Ground::ContradictoryInformation,
                "п. 19, абз. 2",
                format!("проверка подтвердила: {}", s.fact),
            );
        }
    }

    // абз. 7: bans (п. 57: lifted by documents or a court decision).
    if !d.ban_lifted {
        for b in &app.office.bans {
            g.add(Ground::Bans, "п. 57; п. 58, абз. 7", b.clone());
        }
    }

    // абз. 8: inspection does not match.
    if let Some(i) = &app.office.inspection {
        for m in &i.mismatches {
            g.add(
                Ground::InspectionMismatch,
                "п. 20; п. 58, абз. 8",
                m.clone(),
            );
        }
    }

    // абз. 9: registered and not deregistered.
    if matches!(
        action,
        Action::Registration {} | Action::TestRegistration {}
    ) && app.office.registered_not_deregistered
    {
        g.add(
            Ground::NotDeregistered,
            "п. 58, абз. 9",
            "техника значится в системе учёта зарегистрированной и не снята с учёта",
        );
    }

    // абз. 10-11: utilisation fee.
    if passport_needed && !matches!(action, Action::Deregistration { .. }) {
        match &d.passport {
            Some(Passport::Paper { fee_mark: FeeMark::Missing, .. }) => g.add(
                Ground::PaperPassportFee,
                "п. 6, абз. 7; п. 58, абз. 10",
                "в паспорте техники нет отметки об уплате утилизационного сбора или об основании его неуплаты",
            ),
            Some(Passport::Electronic { active: true, fee_mark: FeeMark::Missing }) => g.add(
                Ground::ElectronicPassportFee,
                "п. 6, абз. 8; п. 58, абз. 11",
                "в электронном паспорте нет сведений об уплате утилизационного сбора или об основании неуплаты",
            ),
            _ => {}
        }
    }

    // Optional documents are requested, never demanded (п. 6, last paragraph).
    let mut requests = Vec::new();
    if !automatic {
        if !d.duty_receipt {
            requests.push(Reason::new(
                "п. 6, абз. 13-14",
                "сведения об уплате государственной пошлины (ГИС ГМП)",
            ));
        }
        if !d.osago
            && matches!(
                action,
                Action::Registration {} | Action::TestRegistration {}
            )
        {
            requests.push(Reason::new("п. 6, абз. 10, 14", "сведения о полисе ОСАГО"));
        }
        if !d.conformity && matches!(action, Action::Registration {}) {
            requests.push(Reason::new(
                "п. 6, абз. 9, 14",
                "сведения о сертификате или декларации соответствия, если сертификация обязательна",
            ));
        }
        if matches!(
            app.owner,
            Owner::SoleTrader {} | Owner::RussianOrganisation {}
        ) {
            requests.push(Reason::new("п. 6, абз. 14", "сведения из ЕГРЮЛ или ЕГРИП"));
        }
    }

    let grounds = g.into_vec();
    let mut deadlines = Vec::new();
    let mut dl = |key: &'static str, what: String, date: NaiveDate, cite: &str| {
        deadlines.push(Deadline {
            key,
            what,
            date,
            cite: cite.to_owned(),
        });
    };

    // Deadlines that hold whatever the outcome.
    dl(
        "review",
        "рассмотрение заявления (5 рабочих дней со дня получения полного комплекта документов)"
            .into(),
        calendar.add_working_days(on, 5)?,
        "п. 65, абз. 3",
    );
    if let Some(sent) = app.office.query_sent {
        dl(
            "query_answer",
            "ответ на запрос по месту прежней регистрации (3 рабочих дня со дня получения)".into(),
            calendar.add_working_days(sent, 3)?,
            "п. 64, абз. 1",
        );
    }
    if let Some(i) = &app.office.inspection {
        dl(
            "inspection_valid",
            "результаты осмотра действительны (30 календарных дней)".into(),
            plus_days(i.date, 30)?,
            "п. 20, абз. 5",
        );
    }

    let outcome = if !out_of_scope.is_empty() {
        Outcome::NotSubject
    } else if !grounds.is_empty() {
        Outcome::Refuse
    } else if (!suspicions.is_empty() && app.office.check_result.is_none())
        || (app.office.query_sent.is_some() && !app.office.query_answered)
    {
        Outcome::Suspend
    } else {
        Outcome::Proceed
    };

    let suspension = if outcome == Outcome::Suspend {
        let mut reasons = suspicions.clone();
        if app.office.query_sent.is_some() && !app.office.query_answered {
            reasons.push(Reason::new(
                "п. 64, абз. 1",
                "направлен запрос по месту прежней регистрации; ответ не получен",
            ));
        }
        let until = plus_days(on, 30)?;
        dl(
            "suspension_end",
            "приостановление не дольше 30 календарных дней".into(),
            until,
            "п. 64, абз. 2",
        );
        Some(Suspension { until, reasons })
    } else {
        None
    };

    // п. 5: the owner's 10 calendar days, extended by the suspension (п. 64, абз. 5).
    if let Some(from) = app.obligation_from {
        let extra = suspension
            .as_ref()
            .map_or(0, |s| (s.until - on).num_days().max(0) as u64);
        let cite = if extra > 0 {
            "п. 5; п. 64, абз. 5"
        } else {
            "п. 5"
        };
        let what = if extra > 0 {
            format!("владелец обязан зарегистрировать технику или изменить данные: 10 календарных дней и {extra} дней приостановления (срок также продлевается на время осмотра, п. 65)")
        } else {
            "владелец обязан зарегистрировать технику или изменить данные: 10 календарных дней (продлевается на время осмотра, п. 65, и приостановления, п. 64)".into()
        };
        let due = plus_days(from, 10 + extra)?;
        let what = if on > due {
            format!("{what}; срок пропущен: заявление подано {}", fmt(on))
        } else {
            what
        };
        dl("owner_obligation", what, due, cite);
    }

    let mut issue = Vec::new();
    let mut limited_term = None;
    if outcome == Outcome::Proceed {
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
            .is_some_and(|i| plus_days(i.date, 30).is_ok_and(|end| end >= today));
        if needs_inspection && !inspection_valid {
            dl("inspection", "осмотр техники (10 рабочих дней со дня решения об отсутствии оснований для отказа)".into(), calendar.add_working_days(today, 10)?, "п. 63; п. 65, абз. 4");
        }
        dl(
            "issue",
            "выдача документов или направление информации о решении (2 рабочих дня)".into(),
            calendar.add_working_days(today, 2)?,
            "п. 65, абз. 5",
        );
        let plate = if app.machine.off_road_motor_vehicle {
            "4А"
        } else {
            "3"
        };
        let mut add = |cite: &str, what: String| {
            issue.push(Issue {
                cite: cite.to_owned(),
                what,
            })
        };
        match action {
            Action::Registration {} => {
                add(
                    "п. 21",
                    "свидетельство о государственной регистрации техники (приложение № 3)".into(),
                );
                add("п. 34-36, 41", format!("государственный регистрационный знак типа {plate} по коду региона места регистрации владельца (приложения № 4, 5)"));
                add(
                    "п. 18",
                    "отметка о регистрации в паспорте техники (при бумажном паспорте) или в ЭПСМ"
                        .into(),
                );
            }
            Action::TestRegistration {} => {
                add("п. 30", "свидетельство с отметкой «Испытания»; год выпуска, марка, номера и мощность — «отсутствует»".into());
                add(
                    "п. 30, 35",
                    format!("государственный регистрационный знак типа {plate}"),
                );
                add("п. 29", "без осмотра техники".into());
            }
            Action::Change { change } => {
                add(
                    "п. 45, абз. 2",
                    "новое свидетельство о государственной регистрации и отметки в паспорте (ЭПСМ)"
                        .into(),
                );
                match change {
                    Change::LostCertificate => add("п. 45, абз. 3", "утраченное свидетельство — недействительно, сведения об утраченной спецпродукции в систему учёта".into()),
                    Change::Components => add("п. 46, абз. 1", "номера основных компонентов — по результатам осмотра".into()),
                    Change::ComponentsDesignChange => add("п. 46, абз. 2", "номера основных компонентов — по свидетельству о соответствии изменённой конструкции".into()),
                    _ => {}
                }
            }
            Action::DuplicatePassport {} => add(
                "п. 17",
                "дубликат паспорта техники или выписка из электронного паспорта".into(),
            ),
            Action::Deregistration { cause } => {
                add(
                    "п. 52",
                    "отметка о снятии с учёта в свидетельстве и паспорте (ЭПСМ)".into(),
                );
                match cause {
                    DeregistrationCause::WriteOff => add("п. 51, 55", "без осмотра; знаки, свидетельство и паспорт признаются недействительными".into()),
                    DeregistrationCause::Export => {
                        add("п. 42", "знаки «ТРАНЗИТ» (тип 18) для вывоза из Российской Федерации".into());
                        if app.machine.temporary_import_months.is_some() {
                            add("п. 56", "возврат владельцу регистрационных документов других государств".into());
                        }
                    }
                    DeregistrationCause::OwnerDeathOrLiquidation => add("п. 53", "по решению главного государственного инженера-инспектора".into()),
                    DeregistrationCause::TermExpired | DeregistrationCause::OwnerReached16 => add("п. 33, 54", "прекращение регистрации автоматически на следующий день после окончания срока".into()),
                    DeregistrationCause::Alienation => add("п. 51", "при отсутствии подтверждения регистрации за новым владельцем".into()),
                }
                if !d.plates_returned {
                    add("п. 50, абз. 2-3", "знак не сдан: признаётся недействительным, сведения об утрате — в систему учёта".into());
                }
            }
            Action::TransitPlates {} => {
                add("п. 35, 42", "знаки «ТРАНЗИТ» (тип 18)".into());
                add("п. 44", "отметка в паспорте или документе о праве собственности: серия, номер, дата выдачи, срок действия".into());
                dl(
                    "transit_valid",
                    "срок действия знаков «ТРАНЗИТ» (20 дней)".into(),
                    plus_days(today, 20)?,
                    "п. 42; п. 5",
                );
            }
        }
        if matches!(
            action,
            Action::Registration {}
                | Action::TestRegistration {}
                | Action::Change { .. }
                | Action::Deregistration { .. }
        ) {
            dl(
                "fns_report",
                "сведения в ФНС в файле ГОСТЕХНАДЗОР_ТС_10 (10 рабочих дней со дня регистрации)"
                    .into(),
                calendar.add_working_days(today, 10)?,
                "формат 4.04, ТипИнф ГОСТЕХНАДЗОР_ТС_10",
            );
        }
        if matches!(
            action,
            Action::Registration {}
                | Action::TestRegistration {}
                | Action::Change {
                    change: Change::Owner | Change::Leasing | Change::Address
                }
        ) {
            limited_term = limited(app, today)?;
            if let Some(t) = &limited_term {
                dl(
                    "limited_term_end",
                    "окончание ограниченного срока регистрации".into(),
                    t.until,
                    "п. 32",
                );
                dl(
                    "termination",
                    "регистрация прекращается автоматически".into(),
                    t.terminates,
                    "п. 33",
                );
            }
        }
    }

    // п. 64, абз. 4: the term of the service is extended by the suspension.
    if let Some(s) = &suspension {
        let days = (s.until - on).num_days().max(0) as u64;
        for x in deadlines.iter_mut().filter(|x| x.key == "review") {
            x.date = plus_days(x.date, days)?;
            x.what =
                format!("рассмотрение заявления: 5 рабочих дней и {days} дней приостановления");
            x.cite = "п. 65, абз. 3; п. 64, абз. 4".into();
        }
    }

    deadlines.sort_by_key(|x| x.date);
    let notice =
        matches!(outcome, Outcome::Refuse | Outcome::NotSubject).then(|| notice(app, &grounds));
    Ok(Decision {
        outcome,
        grounds,
        suspension,
        issue,
        requests,
        limited_term,
        deadlines,
        notice,
    })
}

/// The documents that can be defective or expire, with their names.
fn docs(d: &Documents) -> Vec<(&'static str, &Doc)> {
    let mut v = vec![
        ("документ, удостоверяющий личность", &d.identity),
        ("доверенность представителя", &d.power_of_attorney),
        ("документ о праве собственности", &d.ownership),
        ("свидетельство о регистрации", &d.certificate),
        ("документ о временном ввозе", &d.temporary_import_document),
        ("программа испытаний", &d.test_programme),
        ("договор уступки по лизингу", &d.leasing_assignment),
        (
            "свидетельство о соответствии изменённой конструкции",
            &d.design_change_certificate,
        ),
        ("документы о сделке отчуждения", &d.alienation_contract),
    ];
    if let Some(x) = &d.state_contract_act {
        v.push(("акт приёма-передачи по контракту", x));
    }
    if let Some(x) = &d.leasing_agreement {
        v.push(("договор лизинга", x));
    }
    v
}

/// п. 32: the earliest end among the cases that apply.
fn limited(app: &Application, today: NaiveDate) -> Result<Option<LimitedTerm>, RulesError> {
    let mut cases: Vec<(NaiveDate, Reason)> = Vec::new();
    let mut case = |d: Option<NaiveDate>, cite: &str, what: &str| {
        if let Some(d) = d {
            cases.push((d, Reason::new(cite, format!("{what} — до {}", fmt(d)))));
        }
    };
    match &app.owner {
        Owner::Citizen {
            birth_date,
            foreign,
            stay_until,
            residence_until,
            diplomatic_card_until,
            ..
        } => {
            if !foreign {
                case(*stay_until, "п. 32, абз. 2", "гражданин без регистрации по месту жительства: срок регистрации по месту пребывания");
            } else {
                case(
                    *stay_until,
                    "п. 32, абз. 5",
                    "иностранный гражданин, временно пребывающий: срок пребывания",
                );
                case(
                    *residence_until,
                    "п. 32, абз. 6",
                    "иностранный гражданин, проживающий в РФ: срок регистрации",
                );
            }
            case(
                *diplomatic_card_until,
                "п. 32, абз. 4",
                "сотрудник дипломатического представительства: срок карточки (удостоверения) МИД",
            );
            if age(*birth_date, today) < 16 {
                // Registered until the day before the 16th birthday.
                let until = sixteenth_birthday(*birth_date).and_then(|d| d.pred_opt());
                case(
                    until,
                    "п. 32, абз. 10",
                    "собственник не достиг 16 лет: до достижения этого возраста",
                );
            }
        }
        Owner::ForeignOrganisation {
            accreditation_until,
        } => {
            case(
                *accreditation_until,
                "п. 32, абз. 7",
                "иностранное юридическое лицо: срок аккредитации подразделения",
            );
        }
        Owner::SoleTrader {} | Owner::RussianOrganisation {} => {}
    }
    if let Some(l) = &app.documents.leasing_agreement {
        case(
            l.valid_until,
            "п. 32, абз. 3",
            "предмет договора лизинга: срок договора",
        );
    }
    case(
        app.machine.temporary_import_until,
        "п. 32, абз. 8",
        "временный ввоз на срок более 6 месяцев: срок ввоза",
    );
    case(
        app.documents.permits_until,
        "п. 32, абз. 9",
        "разрешительные документы ограниченного срока",
    );
    if matches!(app.action, Action::TestRegistration {}) {
        let year = plus_days(today, 365)?.pred_opt().unwrap_or(today);
        let until = app
            .machine
            .test_programme_until
            .map_or(year, |p| p.min(year));
        case(
            Some(until),
            "п. 32, абз. 11",
            "испытательная техника: срок программы испытаний, но не более 1 года",
        );
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
        terminates: plus_days(min, 1)?,
        reasons,
    }))
}

fn action_words(a: Action) -> &'static str {
    match a {
        Action::Registration {} => "о государственной регистрации техники",
        Action::TestRegistration {} => "о государственной регистрации испытательной техники",
        Action::Change { .. } => "о внесении изменений в регистрационные данные техники",
        Action::DuplicatePassport {} => {
            "о выдаче дубликата паспорта техники (выписки из электронного паспорта)"
        }
        Action::Deregistration { .. } => "о снятии техники с государственного учета",
        Action::TransitPlates {} => "о выдаче государственных регистрационных знаков «ТРАНЗИТ»",
    }
}

/// Уведомление об отказе (п. 58, последний абзац).
fn notice(app: &Application, grounds: &[GroundFound]) -> String {
    let mut s = format!(
        "УВЕДОМЛЕНИЕ ОБ ОТКАЗЕ\n\nПо заявлению от {} {} орган гостехнадзора отказывает в совершении регистрационного действия на основании пункта 58 Правил государственной регистрации самоходных машин и других видов техники, утвержденных постановлением Правительства Российской Федерации от 21 сентября 2020 г. № 1507:\n",
        fmt(app.submitted),
        action_words(app.action)
    );
    for (i, g) in grounds.iter().enumerate() {
        s.push_str(&format!(
            "\n{}. {} (абзац {} пункта 58).\n",
            i + 1,
            capitalise(g.ground.text()),
            g.ground.paragraph()
        ));
        for f in &g.facts {
            s.push_str(&format!("   — {} ({}).\n", f.fact, f.cite));
        }
    }
    s.push_str("\nПосле устранения указанных оснований заявитель вправе обратиться повторно.\n");
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
