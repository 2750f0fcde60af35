//! п. 58, абз. 11: в электронном паспорте техники со статусом «действующий» нет
//! сведений об уплате утилизационного сбора или об основании неуплаты.
//!
//! п. 16: a paper passport replaced by an e-passport is invalid from the
//! e-passport's date; the e-passport's extract counts, so its fee data is
//! what абз. 11 asks about, and the paper one's mark (абз. 10) does not.

use super::paper_fee::applies;
use super::Ctx;
use crate::application::{FeeMark, PassportFacts};
use crate::decision::Reason;

/// абз. 11.
pub(crate) fn check(c: &Ctx, r: &mut Vec<Reason>) {
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
