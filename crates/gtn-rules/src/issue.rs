//! What to issue and mark on a positive decision, as data.

use crate::application::*;
use crate::decision::{IssueData, IssueItem, PlateIssue, Warning};
use crate::grounds::Ctx;
use crate::terms::{self, fmt};
use crate::RulesError;
use gtn_model::{Plate, PlateType};
use gtn_plates::{Allocator, Registry};

/// The plate type the action needs (п. 35), if it issues one.
pub fn plate_type(app: &Application) -> Option<PlateType> {
    match app.action {
        Action::Registration {} | Action::TestRegistration {} => {
            Some(if app.machine.off_road_motor_vehicle {
                PlateType::Type4A
            } else {
                PlateType::Type3
            })
        }
        Action::TransitPlates {}
        | Action::Deregistration {
            cause: DeregistrationCause::Export,
        } => Some(PlateType::Transit),
        _ => None,
    }
}

/// The plate of п. 34-36, 41: the code of the owner's region (from its ССРФ
/// code through Appendices 4-5), its series, and the next free plate.
fn plate(
    app: &Application,
    t: PlateType,
    registry: &Registry,
    issued: &[Plate],
    warnings: &mut Vec<Warning>,
) -> PlateIssue {
    let mut p = PlateIssue {
        plate_type: t,
        code: None,
        region: app.owner.region(),
        series: Vec::new(),
        plate: None,
    };
    let Some(region) = app.owner.region() else {
        return p;
    };
    match registry.code_for_ssrf(region) {
        Ok(code) => {
            p.code = Some(code.to_owned());
            p.series = registry.series(code, t).map(<[_]>::to_vec).unwrap_or_default();
            if p.series.is_empty() {
                warnings.push(Warning {
                    code: "E104",
                    message: format!(
                        "код региона {code} ({}): в Приложении № {} нет серий знаков типа {t}",
                        region.name(),
                        registry.appendix(t).number
                    ),
                });
            } else if !issued.is_empty() {
                match Allocator::new(registry, code, t, issued.iter().cloned()) {
                    Ok(alloc) => {
                        if alloc.ignored() > 0 {
                            warnings.push(Warning {
                                code: "E106",
                                message: format!(
                                    "из выданных знаков не учтено {}: не этого кода региона ({code}), типа {t} или не его серий",
                                    alloc.ignored()
                                ),
                            });
                        }
                        match alloc.next_free() {
                            Ok(next) => p.plate = Some(next.canonical()),
                            Err(e) => warnings.push(Warning {
                                code: "E105",
                                message: format!("следующий свободный знак не найден: {e}"),
                            }),
                        }
                    }
                    Err(e) => warnings.push(Warning {
                        code: "E105",
                        message: format!("следующий свободный знак не найден: {e}"),
                    }),
                }
            }
        }
        Err(_) => warnings.push(Warning {
            code: "E104",
            message: format!(
                "регион {} (ССРФ {region}): за регионом не закреплён код в Приложении № 4 (п. 36, 41): код знака определить нельзя",
                region.name()
            ),
        }),
    }
    p
}

fn item(data: IssueData, cite: &str, what: impl Into<String>) -> IssueItem {
    IssueItem {
        data,
        cite: cite.to_owned(),
        what: what.into(),
    }
}

/// The passport mark or e-passport record (п. 18, 44, 45, 52).
fn passport_item(d: &Documents, cite: &str, what: &str) -> IssueItem {
    match &d.passport {
        Some(PassportFacts::Paper {
            replaced_by: None,
            replaced_by_electronic: false,
            ..
        }) => item(
            IssueData::PassportMark,
            cite,
            format!("{what}: в паспорте техники"),
        ),
        _ => item(
            IssueData::EpassportRecord,
            cite,
            format!("{what}: в электронном паспорте техники"),
        ),
    }
}

/// What to issue and mark.
pub(crate) fn issue(
    c: &Ctx,
    registry: &Registry,
    issued: &[Plate],
    warnings: &mut Vec<Warning>,
) -> Result<Vec<IssueItem>, RulesError> {
    let app = c.app;
    let d = &app.documents;
    let mut v = Vec::new();
    // п. 16, абз. 2: the paper passport replaced goes into the system.
    if let Some(PassportFacts::Paper {
        replaced_by: Some(e),
        ..
    }) = &d.passport
    {
        v.push(item(
            IssueData::SystemRecord,
            "п. 16, абз. 2",
            format!(
                "сведения о бумажном паспорте, недействительном с {} (взамен оформлен электронный паспорт), — в систему учёта",
                fmt(e.issued_on)
            ),
        ));
    }
    let plate_item = |t: PlateType, warnings: &mut Vec<Warning>| {
        let p = plate(app, t, registry, issued, warnings);
        let code = p.code.as_deref().map_or(
            "по коду региона места регистрации владельца".to_owned(),
            |c| format!("код региона {c}"),
        );
        (p, code)
    };
    match app.action {
        Action::Registration {} => {
            v.push(item(
                IssueData::Certificate {
                    mark: None,
                    holder: None,
                },
                "п. 21",
                "свидетельство о государственной регистрации техники (приложение № 3)",
            ));
            let t = plate_type(app).unwrap_or(PlateType::Type3);
            let (p, code) = plate_item(t, warnings);
            v.push(item(
                IssueData::Plate(p),
                "п. 34-36, 41",
                format!(
                    "государственный регистрационный знак типа {t} ({code}; приложения № 4, 5)"
                ),
            ));
            v.push(passport_item(d, "п. 18", "отметка о регистрации"));
        }
        Action::TestRegistration {} => {
            v.push(item(
                IssueData::Certificate {
                    mark: Some("Испытания".into()),
                    holder: d.test_programme_manufacturer.clone(),
                },
                "п. 29-30",
                "свидетельство с отметкой «Испытания»; год выпуска, марка, номера и мощность — «отсутствует»; регистрируется за изготовителем, указанным в программе испытаний",
            ));
            let t = plate_type(app).unwrap_or(PlateType::Type3);
            let (p, code) = plate_item(t, warnings);
            v.push(item(
                IssueData::Plate(p),
                "п. 30, 35, 41",
                format!("государственный регистрационный знак типа {t} ({code})"),
            ));
            v.push(item(
                IssueData::Procedure,
                "п. 29, абз. 1",
                "без осмотра техники",
            ));
        }
        Action::Change { change } => {
            v.push(item(
                IssueData::Certificate {
                    mark: None,
                    holder: None,
                },
                "п. 45, абз. 2",
                "новое свидетельство о государственной регистрации",
            ));
            v.push(passport_item(d, "п. 45, абз. 2", "отметка об изменении"));
            match change {
                Change::LostCertificate => v.push(item(IssueData::SystemRecord, "п. 45, абз. 3", "утраченное свидетельство — недействительно, сведения об утраченной спецпродукции в систему учёта")),
                Change::Components => v.push(item(IssueData::Procedure, "п. 46, абз. 1", "номера основных компонентов — по результатам осмотра")),
                Change::ComponentsDesignChange => v.push(item(IssueData::Procedure, "п. 46, абз. 2", "номера основных компонентов — по свидетельству о соответствии изменённой конструкции")),
                _ => {}
            }
        }
        Action::DuplicatePassport {} => v.push(item(
            IssueData::PassportDuplicate,
            "п. 17",
            "дубликат паспорта техники или выписка из электронного паспорта",
        )),
        Action::Deregistration { cause } => {
            if cause == DeregistrationCause::Alienation && app.office.new_owner_registered {
                // п. 51: deregistration on the former owner's application only
                // «при условии отсутствия подтверждения государственной
                // регистрации техники за новым владельцем».
                v.push(item(IssueData::NotRequired, "п. 51", "техника уже зарегистрирована за новым владельцем: снятие с учёта по заявлению прежнего владельца не производится"));
                return Ok(v);
            }
            if app.office.registered_for_minor
                && !matches!(
                    cause,
                    DeregistrationCause::TermExpired | DeregistrationCause::OwnerReached16
                )
            {
                v.push(item(IssueData::OwnerChange, "п. 47", "техника зарегистрирована за лицом, не достигшим 16 лет: снятие с учёта, не связанное с прекращением учёта, — с внесением изменений в регистрационные данные, связанных со сменой владельца"));
            }
            v.push(item(
                IssueData::CertificateMark,
                "п. 52",
                "отметка о снятии с учёта в свидетельстве о регистрации",
            ));
            v.push(passport_item(d, "п. 52", "отметка о снятии с учёта"));
            match cause {
                DeregistrationCause::WriteOff => v.push(item(IssueData::SystemRecord, "п. 51, 55", "без осмотра; знаки, свидетельство и паспорт признаются недействительными, сведения — в систему учёта")),
                DeregistrationCause::Export => {
                    let (p, _) = plate_item(PlateType::Transit, warnings);
                    v.push(item(
                        IssueData::TransitPlates {
                            plate: p,
                            valid_until: terms::calendar_days(c.today, 20)?,
                        },
                        "п. 42",
                        "знаки «ТРАНЗИТ» (тип 18) для вывоза из Российской Федерации, на 20 суток",
                    ));
                    if app.machine.temporary_import_months.is_some() {
                        v.push(item(IssueData::DocumentsReturned, "п. 56", "возврат владельцу регистрационных документов других государств"));
                    }
                }
                DeregistrationCause::OwnerDeathOrLiquidation => v.push(item(IssueData::Procedure, "п. 53", "по решению главного государственного инженера-инспектора")),
                DeregistrationCause::TermExpired | DeregistrationCause::OwnerReached16 => v.push(item(IssueData::Procedure, "п. 33, 54", "прекращение регистрации автоматически на следующий день после окончания срока")),
                DeregistrationCause::Alienation => v.push(item(IssueData::Procedure, "п. 51", "при отсутствии подтверждения регистрации за новым владельцем")),
            }
            if !d.plates_returned {
                v.push(item(IssueData::SystemRecord, "п. 50, абз. 2-3", "знак не сдан: признаётся недействительным, сведения об утрате — в систему учёта"));
            }
        }
        Action::TransitPlates {} => {
            let (p, code) = plate_item(PlateType::Transit, warnings);
            v.push(item(
                IssueData::TransitPlates {
                    plate: p,
                    valid_until: terms::calendar_days(c.today, 20)?,
                },
                "п. 35, 42",
                format!("знаки «ТРАНЗИТ» (тип 18, {code}) на 20 суток"),
            ));
            v.push(item(IssueData::PassportMark, "п. 44", "отметка в паспорте или документе о праве собственности: серия, номер, дата выдачи, срок действия"));
        }
    }
    Ok(v)
}
