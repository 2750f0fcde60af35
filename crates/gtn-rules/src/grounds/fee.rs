//! п. 58, абз. 10-11: утилизационный сбор в паспорте (ЭПСМ).
//!
//! п. 16: a paper passport replaced by an e-passport is invalid from the
//! e-passport's date; the e-passport's extract counts, so its fee data is
//! what абз. 11 asks about, and the paper one's mark (абз. 10) does not.

use super::Ctx;
use crate::application::{Action, FeeMark, PassportFacts};
use crate::decision::Reason;

fn applies(c: &Ctx) -> bool {
    c.passport_needed() && !matches!(c.action(), Action::Deregistration { .. })
}

/// абз. 10.
pub(crate) fn paper(c: &Ctx, r: &mut Vec<Reason>) {
    if !applies(c) {
        return;
    }
    if let Some(PassportFacts::Paper {
        fee_mark: FeeMark::Missing,
        replaced_by: None,
        ..
    }) = &c.docs().passport
    {
        r.push(Reason::new(
            "п. 6, абз. 7; п. 58, абз. 10",
            "в паспорте техники нет отметки об уплате утилизационного сбора или об основании его неуплаты",
        ));
    }
}

/// абз. 11.
pub(crate) fn electronic(c: &Ctx, r: &mut Vec<Reason>) {
    if !applies(c) {
        return;
    }
    let missing = match &c.docs().passport {
        Some(PassportFacts::Electronic {
            active: true,
            fee_mark: FeeMark::Missing,
        }) => true,
        Some(PassportFacts::Paper {
            replaced_by: Some(e),
            ..
        }) => e.active && e.fee_mark == FeeMark::Missing,
        _ => false,
    };
    if missing {
        r.push(Reason::new(
            "п. 6, абз. 8; п. 58, абз. 11",
            "в электронном паспорте нет сведений об уплате утилизационного сбора или об основании неуплаты",
        ));
    }
}
