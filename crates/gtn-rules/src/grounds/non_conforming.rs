//! п. 58, абз. 4: несоответствие представленных документов требованиям
//! (п. 6, 16, 23-25).

use super::{named_docs, Ctx};
use crate::application::PassportFacts;
use crate::decision::Reason;

pub(crate) fn check(c: &Ctx, r: &mut Vec<Reason>) {
    let d = c.docs();
    for (name, doc) in named_docs(d) {
        if let Some(defect) = doc.defect.as_ref().filter(|_| doc.presented) {
            r.push(Reason::new("п. 58, абз. 4", format!("{name}: {defect}")));
        }
    }
    for f in &d.foreign {
        if !f.translated {
            r.push(Reason::new(
                "п. 23",
                format!(
                    "{}: нет нотариально удостоверенного перевода на русский язык",
                    f.name
                ),
            ));
        }
        // п. 24: legalisation, «если иное не предусмотрено международными
        // договорами Российской Федерации».
        if !f.legalised && !f.treaty_exempt {
            r.push(Reason::new(
                "п. 24",
                format!(
                    "{}: документ иностранного государства не легализован (и международный договор не освобождает от легализации)",
                    f.name
                ),
            ));
        }
    }
    for copy in &d.copies_instead_of_originals {
        r.push(Reason::new(
            "п. 25",
            format!("{copy}: представлена копия вместо подлинника"),
        ));
    }
    match &d.passport {
        Some(PassportFacts::Paper {
            replaced_by_electronic: true,
            replaced_by: None,
            ..
        }) => r.push(Reason::new(
            "п. 16",
            "паспорт техники недействителен: взамен оформлен электронный паспорт",
        )),
        // п. 16: the paper one is invalid; the e-passport's extract counts.
        Some(PassportFacts::Paper {
            replaced_by: Some(e),
            ..
        }) if !e.active => r.push(Reason::new(
            "п. 6, абз. 8; п. 16",
            format!(
                "электронный паспорт, оформленный взамен бумажного {}, не имеет статуса «действующий»",
                crate::terms::fmt(e.issued_on)
            ),
        )),
        Some(PassportFacts::Electronic { active: false, .. }) => r.push(Reason::new(
            "п. 6, абз. 8",
            "электронный паспорт техники не имеет статуса «действующий»",
        )),
        _ => {}
    }
}
