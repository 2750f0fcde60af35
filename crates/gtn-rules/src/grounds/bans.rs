//! п. 58, абз. 7: запреты и ограничения (п. 57: сняты документами или
//! решением суда).

use super::Ctx;
use crate::decision::Reason;

pub(crate) fn check(c: &Ctx, r: &mut Vec<Reason>) {
    if !c.docs().ban_lifted {
        for b in &c.app.office.bans {
            r.push(Reason::new("п. 57; п. 58, абз. 7", b.clone()));
        }
    }
}
