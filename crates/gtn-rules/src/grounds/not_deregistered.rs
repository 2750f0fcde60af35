//! п. 58, абз. 9: техника значится зарегистрированной и не снята с учёта
//! (при обращении с заявлением о государственной регистрации).

use super::Ctx;
use crate::application::Action;
use crate::decision::Reason;

pub(crate) fn check(c: &Ctx, r: &mut Vec<Reason>) {
    if matches!(
        c.action(),
        Action::Registration {} | Action::TestRegistration {}
    ) && c.app.office.registered_not_deregistered
    {
        r.push(Reason::new(
            "п. 58, абз. 9",
            "техника значится в системе учёта зарегистрированной и не снята с учёта",
        ));
    }
}
