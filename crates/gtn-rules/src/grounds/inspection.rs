//! п. 58, абз. 8: данные осмотра не соответствуют документам (п. 20).

use super::Ctx;
use crate::decision::Reason;

pub(crate) fn check(c: &Ctx, r: &mut Vec<Reason>) {
    if let Some(i) = &c.app.office.inspection {
        for m in &i.mismatches {
            r.push(Reason::new("п. 20; п. 58, абз. 8", m.clone()));
        }
    }
}
