//! п. 58, абз. 6: противоречивая либо недостоверная информация; подозрения
//! п. 19, подтверждённые проверкой (п. 19, абз. 2).

use super::Ctx;
use crate::application::CheckResult;
use crate::decision::Reason;
use crate::suspension::suspicions;

pub(crate) fn check(c: &Ctx, r: &mut Vec<Reason>) {
    for x in &c.app.office.contradictions {
        r.push(Reason::new("п. 58, абз. 6", x.clone()));
    }
    if c.app.office.check_result == Some(CheckResult::Confirmed) {
        for s in suspicions(c.app) {
            r.push(Reason::new(
                "п. 19, абз. 2",
                format!("проверка подтвердила: {}", s.fact),
            ));
        }
    }
}
