//! The grounds of refusal of п. 58: one module per ground, one table per
//! edition. A check adds the facts by which its ground holds.

use crate::application::*;
use crate::decision::{Ground, GroundFound, Reason};
use chrono::NaiveDate;

mod bans;
mod contradictory;
mod electronic_fee;
mod expired;
mod inspection;
mod missing;
mod non_conforming;
mod not_deregistered;
pub(crate) mod not_subject;
mod paper_fee;

/// What every check may look at.
pub(crate) struct Ctx<'a> {
    /// The application.
    pub app: &'a Application,
    /// Дата получения полного комплекта документов.
    pub on: NaiveDate,
    /// Дата решения.
    pub today: NaiveDate,
}

impl Ctx<'_> {
    pub fn action(&self) -> Action {
        self.app.action
    }

    pub fn docs(&self) -> &Documents {
        &self.app.documents
    }

    /// Is the action one that registers the machine (scope of п. 1, 4 applies)?
    pub fn registers(&self) -> bool {
        matches!(
            self.action(),
            Action::Registration {} | Action::TestRegistration {} | Action::TransitPlates {}
        )
    }

    /// Done without the owner's documents (п. 33, 53, 54).
    pub fn automatic(&self) -> bool {
        matches!(
            self.action(),
            Action::Deregistration {
                cause: DeregistrationCause::TermExpired
                    | DeregistrationCause::OwnerReached16
                    | DeregistrationCause::OwnerDeathOrLiquidation
            }
        )
    }

    /// Is a passport required (п. 6, абз. 7; п. 15, 50, 51)?
    pub fn passport_needed(&self) -> bool {
        match self.action() {
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
        }
    }

    /// Actions whose registration can be for a limited term (п. 32).
    pub fn limits_term(&self) -> bool {
        matches!(
            self.action(),
            Action::Registration {}
                | Action::TestRegistration {}
                | Action::Change {
                    change: Change::Owner | Change::Leasing | Change::Address
                }
        )
    }
}

/// A check of one ground: adds the facts by which it holds.
pub(crate) type Check = fn(&Ctx, &mut Vec<Reason>);

/// One ground of an edition and its check.
pub(crate) struct GroundRule {
    pub ground: Ground,
    pub check: Check,
}

/// п. 58 of Rules No. 1507, абз. 3-11 in order. абз. 2 (not subject) is
/// decided first and alone ([`not_subject::check`]): nothing else can be
/// required of a machine the Rules do not cover.
pub(crate) const RULES_1507: &[GroundRule] = &[
    GroundRule {
        ground: Ground::MissingDocuments,
        check: missing::check,
    },
    GroundRule {
        ground: Ground::NonConformingDocuments,
        check: non_conforming::check,
    },
    GroundRule {
        ground: Ground::ExpiredDocuments,
        check: expired::check,
    },
    GroundRule {
        ground: Ground::ContradictoryInformation,
        check: contradictory::check,
    },
    GroundRule {
        ground: Ground::Bans,
        check: bans::check,
    },
    GroundRule {
        ground: Ground::InspectionMismatch,
        check: inspection::check,
    },
    GroundRule {
        ground: Ground::NotDeregistered,
        check: not_deregistered::check,
    },
    GroundRule {
        ground: Ground::PaperPassportFee,
        check: paper_fee::check,
    },
    GroundRule {
        ground: Ground::ElectronicPassportFee,
        check: electronic_fee::check,
    },
];

/// The table of grounds of an edition. Only Rules No. 1507 is implemented;
/// a new edition adds its own table (its own modules where its grounds
/// differ) and is chosen here, 1507's table left as it is.
pub(crate) fn table_for(_edition: &crate::Edition) -> &'static [GroundRule] {
    RULES_1507
}

/// Every ground of the edition that holds, in the order of п. 58.
pub(crate) fn find(c: &Ctx, table: &[GroundRule]) -> Vec<GroundFound> {
    let found = |ground: Ground, facts: Vec<Reason>| GroundFound {
        ground,
        code: ground.code(),
        cite: format!("п. 58, абз. {}", ground.paragraph()),
        facts,
    };
    let mut out = Vec::new();
    let mut scope = Vec::new();
    not_subject::check(c, &mut scope);
    if !scope.is_empty() {
        out.push(found(Ground::NotSubject, scope));
        return out;
    }
    for rule in table {
        let mut facts = Vec::new();
        (rule.check)(c, &mut facts);
        if !facts.is_empty() {
            out.push(found(rule.ground, facts));
        }
    }
    out
}

/// The documents that can be defective or expire, with their names.
pub(crate) fn named_docs(d: &Documents) -> Vec<(&'static str, &Doc)> {
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
        v.push(("соглашение сторон договора лизинга", x));
    }
    v
}
