//! Уведомление об отказе (п. 58, последний абзац).

use crate::application::{Action, Application};
use crate::decision::GroundFound;
use crate::terms::fmt;

fn action_words(a: Action) -> &'static str {
    match a {
        Action::Registration {} => "о государственной регистрации техники",
        Action::TestRegistration {} => "о государственной регистрации испытательной техники",
        Action::Change { .. } => "о внесении изменений в регистрационные данные техники",
        Action::DuplicatePassport {} => {
            "о выдаче дубликата паспорта техники (выписки из электронного паспорта)"
        }
        Action::Deregistration { .. } => "о снятии техники с государственного учета",
        Action::TransitPlates {} => "о выдаче государственных регистрационных знаков «ТРАНЗИТ»",
    }
}

/// The text of the notice, every ground with its facts.
pub(crate) fn notice(app: &Application, grounds: &[GroundFound]) -> String {
    let mut s = format!(
        "УВЕДОМЛЕНИЕ ОБ ОТКАЗЕ\n\nПо заявлению от {} {} орган гостехнадзора отказывает в совершении регистрационного действия на основании пункта 58 Правил государственной регистрации самоходных машин и других видов техники, утвержденных постановлением Правительства Российской Федерации от 21 сентября 2020 г. № 1507:\n",
        fmt(app.submitted),
        action_words(app.action)
    );
    for (i, g) in grounds.iter().enumerate() {
        s.push_str(&format!(
            "\n{}. {} (абзац {} пункта 58).\n",
            i + 1,
            capitalise(g.ground.text()),
            g.ground.paragraph()
        ));
        for f in &g.facts {
            s.push_str(&format!("   — {} ({}).\n", f.fact, f.cite));
        }
    }
    s.push_str("\nПосле устранения указанных оснований заявитель вправе обратиться повторно.\n");
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
