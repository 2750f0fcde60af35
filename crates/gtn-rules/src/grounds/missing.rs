//! п. 58, абз. 3: отсутствие документов или сведений, наличие которых
//! является обязательным (п. 1, 3, 6, 26-29, 46, 48, 50, 51, 53).

use super::Ctx;
use crate::application::*;
use crate::decision::Reason;
use crate::terms::age;

pub(crate) fn check(c: &Ctx, r: &mut Vec<Reason>) {
    let d = c.docs();
    let app = c.app;
    if c.registers()
        && !app.machine.trailer
        && app.machine.engine_cm3.is_none()
        && app.machine.electric_kw.is_none()
    {
        r.push(Reason::new(
            "п. 1",
            "нет сведений об объёме двигателя или мощности электродвигателя",
        ));
    }
    let mut need = |present: bool, cite: &str, what: &str| {
        if !present {
            r.push(Reason::new(cite, format!("не представлен: {what}")));
        }
    };
    if !c.automatic() {
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
    if c.passport_needed() {
        need(
            d.passport.is_some(),
            "п. 6, абз. 7; п. 15",
            "паспорт техники или выписка из электронного паспорта",
        );
    }
    match c.action() {
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
    if let Some(lease) = &d.lease {
        need(
            lease.agreement.is_some(),
            "п. 28",
            "письменное соглашение сторон договора лизинга о регистрации за лизингодателем или лизингополучателем",
        );
    }
    if let Some(co) = &d.co_owners {
        if co.count > 1 && !co.consent {
            r.push(Reason::new("п. 26", format!("техника в общей собственности {} лиц: нет согласия остальных на регистрацию за одним лицом", co.count)));
        }
    }
    if let OwnerFacts::Citizen {
        birth_date,
        incapable,
        through_guardian,
        ..
    } = &app.owner
    {
        if (age(*birth_date, c.on) < 16 || *incapable) && !through_guardian && !c.automatic() {
            let who = if *incapable {
                "недееспособен"
            } else {
                "не достиг 16 лет"
            };
            r.push(Reason::new("п. 3", format!("собственник {who}: заявление подаёт родитель, усыновитель или опекун (попечитель) с документом о полномочиях")));
        }
    }
    // п. 29: the manufacturer named in the programme presents the documents;
    // anyone else applies as its representative.
    if matches!(c.action(), Action::TestRegistration {}) {
        if let (Some(m), Some(a)) = (&d.test_programme_manufacturer, &app.applicant) {
            if !same_name(m, a) && !app.by_representative {
                r.push(Reason::new("п. 29, абз. 2, 4", format!("заявитель «{a}» не изготовитель, указанный в программе испытаний («{m}»): документы представляет изготовитель или его представитель с документом о полномочиях")));
            }
        }
    }
}

/// Names compared without case, quotes and repeated spaces.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !matches!(c, '"' | '«' | '»' | '\'' | '“' | '”'))
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .replace('ё', "е")
    };
    norm(a) == norm(b)
}
