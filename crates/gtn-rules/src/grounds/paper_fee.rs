//! п. 58, абз. 10: в паспорте техники нет отметки об уплате утилизационного сбора
//! или об основании его неуплаты.
//!
//! п. 16: a paper passport replaced by an e-passport is invalid from the
//! e-passport's date; the e-passport's extract counts, so its fee data is
//! what абз. 11 asks about, and the paper one's mark (абз. 10) does not.

use super::Ctx;
use crate::application::{Action, FeeMark, PassportFacts};
use crate::decision::Reason;

/// The fee is asked where a passport is needed, except on deregistration.
pub(crate) fn applies(c: &Ctx) -> bool {
    c.passport_needed() && !matches!(c.action(), Action::Deregistration { .. })
}

/// абз. 10.
pub(crate) fn check(c: &Ctx, r: &mut Vec<Reason>) {
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
