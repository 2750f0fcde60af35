//! п. 58, абз. 5: представление документов, срок действия которых истек.
//!
//! Every term is checked against the day the package was complete
//! (`submitted`) and the day of the decision: a document that ended before
//! the decision cannot carry a registration for its term (п. 32), and the
//! fact says which of the two days it failed.

use super::{named_docs, Ctx};
use crate::decision::Reason;
use crate::limited;
use crate::terms::fmt;
use chrono::NaiveDate;

pub(crate) fn check(c: &Ctx, r: &mut Vec<Reason>) {
    for (name, doc) in named_docs(c.docs()) {
        // The lease agreement's date is the lease term, checked as a term of п. 32.
        if name == "соглашение сторон договора лизинга" && c.limits_term()
        {
            continue;
        }
        if let Some(until) = doc.valid_until.filter(|_| doc.presented) {
            expired(c, r, "п. 58, абз. 5", name, until);
        }
    }
    if c.limits_term() {
        for t in limited::document_terms(c.app) {
            expired(c, r, &format!("{}; п. 58, абз. 5", t.cite), t.what, t.until);
        }
    } else if let Some(until) = c.docs().permits_until {
        expired(
            c,
            r,
            "п. 32, абз. 9; п. 58, абз. 5",
            "разрешительные документы",
            until,
        );
    }
}

fn expired(c: &Ctx, r: &mut Vec<Reason>, cite: &str, what: &str, until: NaiveDate) {
    if until < c.on {
        r.push(Reason::new(
            cite,
            format!(
                "{what}: срок действия истёк {} — до получения полного комплекта документов {}",
                fmt(until),
                fmt(c.on)
            ),
        ));
    } else if until < c.today {
        r.push(Reason::new(
            cite,
            format!(
                "{what}: срок действия истёк {} — после получения документов {}, до даты решения {}: регистрация на истёкший срок невозможна",
                fmt(until),
                fmt(c.on),
                fmt(c.today)
            ),
        ));
    }
}
