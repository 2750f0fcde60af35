//! The input: the application (заявление) and what the office knows.
//! Everything is serde with a stable JSON shape (`snake_case`; dates
//! `YYYY-MM-DD`; absent optional fields mean «not applicable / unknown»).

use chrono::NaiveDate;
use gtn_model::RegionCode;
use serde::{Deserialize, Serialize};

/// E010: an application file that cannot be read: where and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: поле «{field}»: {message}")]
pub struct InputError {
    /// File name as given.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// Path of the field (`documents.passport.fee_mark`), or `.` for the whole.
    pub field: String,
    /// What is wrong (serde's words).
    pub message: String,
}

impl Application {
    /// Reads an application from JSON; errors name the line, column and field.
    pub fn from_json(file: &str, text: &str) -> Result<Self, InputError> {
        read_json(file, text, "заявления", "одно заявление")
    }
}

/// An application with the plates already issued (`POST /v1/check` in its
/// full form: `{"application": {…}, "issued": ["0001 КА 82", …]}`), as
/// `gtn check APPLICATION --issued FILE` takes them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// Заявление.
    pub application: Application,
    /// Уже выданные знаки, по одному в элементе (любое обычное написание).
    #[serde(default)]
    pub issued: Vec<String>,
}

impl CheckRequest {
    /// Reads the request from JSON; errors name the line, column and field
    /// (`application.machine.year`, `issued[2]`).
    pub fn from_json(file: &str, text: &str) -> Result<Self, InputError> {
        read_json(file, text, "запроса", "один запрос")
    }
}

/// One JSON value of type `T` and nothing after it (an application, a
/// request, an office's edition); `what` and `one` name
/// it in the messages (genitive; «одно заявление»).
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    what: &str,
    one: &str,
) -> Result<T, InputError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        InputError {
            file: file.to_owned(),
            line: inner.line(),
            column: inner.column(),
            field,
            message: gtn_model::messages::translate_json(&inner.to_string()),
        }
    })?;
    // One value per file: anything after it (text, a second object) is an
    // error, never silently ignored.
    de.end().map_err(|e| InputError {
        file: file.to_owned(),
        line: e.line(),
        column: e.column(),
        field: ".".to_owned(),
        message: format!("после {what} есть лишний текст: в файле должно быть {one} JSON"),
    })?;
    Ok(value)
}

/// Plausible ranges of the numbers of an application: a negative engine or
/// one of 1e308 kW is a typing error, refused with the field named, never
/// carried into a decision of п. 1 (50 куб. см, 4 кВт, 50 км/ч).
mod bounds {
    use serde::{Deserialize, Deserializer};

    fn within<'de, D: Deserializer<'de>>(
        d: D,
        max: f64,
        unit: &str,
    ) -> Result<Option<f64>, D::Error> {
        let v = Option::<f64>::deserialize(d)?;
        match v {
            Some(x) if !(x.is_finite() && (0.0..=max).contains(&x)) => {
                let shown = if x.abs() >= 1e9 {
                    format!("{x:e}")
                } else {
                    format!("{x}")
                };
                Err(serde::de::Error::custom(format!(
                    "значение {shown} вне допустимого диапазона 0 … {max} {unit}"
                )))
            }
            _ => Ok(v),
        }
    }

    /// Рабочий объём: самые большие двигатели карьерной техники — около 120 000 куб. см.
    pub fn engine_cm3<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        within(d, 200_000.0, "куб. см")
    }

    /// Мощность: самые мощные карьерные машины — несколько тысяч кВт.
    pub fn power_kw<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        within(d, 20_000.0, "кВт")
    }

    /// Конструктивная скорость.
    pub fn speed_kmh<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        within(d, 500.0, "км/ч")
    }
}

/// Заявление с тем, что о нём известно органу гостехнадзора.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// Регистрационное действие (п. 6, 17, 29, 42-57).
    pub action: Action,
    /// Дата получения заявления с полным комплектом документов (п. 65).
    pub submitted: NaiveDate,
    /// День, с которого идёт срок п. 5: выпуск в свободное обращение, выдача
    /// паспорта, приобретение прав владельца, снятие с учёта, замена агрегатов.
    #[serde(default)]
    pub obligation_from: Option<NaiveDate>,
    /// Техника (п. 1, 4).
    pub machine: MachineFacts,
    /// Владелец (п. 3, 9-14, 32).
    pub owner: OwnerFacts,
    /// Кто подаёт заявление, наименование (для п. 29: сравнивается с
    /// изготовителем, указанным в программе испытаний).
    #[serde(default)]
    pub applicant: Option<String>,
    /// Подаёт ли заявление представитель (п. 6, абз. 4).
    #[serde(default)]
    pub by_representative: bool,
    /// Представленные документы (п. 6, 23-25, 27-29, 46, 48, 51).
    #[serde(default)]
    pub documents: Documents,
    /// Сведения органа: учёт, розыск, запреты, осмотр (п. 19, 20, 57, 58, 64).
    #[serde(default)]
    pub office: Office,
}

/// Регистрационное действие. Variants without data are written `{}` so that
/// an unknown field next to `kind` is refused, not ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Государственная регистрация (постановка на учёт), п. 6.
    Registration {},
    /// Регистрация испытательной техники, п. 29-30.
    TestRegistration {},
    /// Внесение изменений в регистрационные данные, п. 45-48.
    Change {
        /// Что меняется.
        change: Change,
    },
    /// Дубликат паспорта или выписка из ЭПСМ взамен утраченного, п. 17.
    DuplicatePassport {},
    /// Снятие с учёта, п. 49-57.
    Deregistration {
        /// Причина.
        cause: DeregistrationCause,
    },
    /// Выдача знаков «ТРАНЗИТ» (тип 18), п. 42-44.
    TransitPlates {},
}

/// Что меняется в регистрационных данных (п. 45-48).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Смена владельца.
    Owner,
    /// Данные владельца (ФИО, наименование).
    OwnerData,
    /// Адрес владельца.
    Address,
    /// Замена основных компонентов без изменения конструкции (п. 46, абз. 1).
    Components,
    /// Замена основных компонентов с изменением конструкции (п. 46, абз. 2).
    ComponentsDesignChange,
    /// Утрата или непригодность свидетельства (п. 45, абз. 3).
    LostCertificate,
    /// Смена лизингополучателя (п. 48).
    Leasing,
}

/// Причина снятия с учёта (п. 49-57).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeregistrationCause {
    /// Отчуждение: прекращение права собственности (п. 49, 51).
    Alienation,
    /// Списание (утилизация), п. 49, 55.
    WriteOff,
    /// Вывоз из Российской Федерации (п. 49, 56).
    Export,
    /// Смерть владельца или прекращение юридического лица (п. 53).
    OwnerDeathOrLiquidation,
    /// Истечение срока учёта (п. 33, 54).
    TermExpired,
    /// Достижение собственником 16 лет (п. 54).
    OwnerReached16,
}

/// Сведения о технике, насколько они нужны для решения (п. 1, 4). Not
/// the model's [`gtn_model::Machine`] (a record for the FNS file): these
/// are the facts the Rules ask about.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MachineFacts {
    /// Прицеп (полуприцеп) к самоходной машине: двигателя нет, подлежит регистрации.
    #[serde(default)]
    pub trailer: bool,
    /// Рабочий объём ДВС, куб. см (0 … 200 000).
    #[serde(default, deserialize_with = "bounds::engine_cm3")]
    pub engine_cm3: Option<f64>,
    /// Максимальная мощность электродвигателя, кВт (0 … 20 000).
    #[serde(default, deserialize_with = "bounds::power_kw")]
    pub electric_kw: Option<f64>,
    /// Колёсное устройство категории L, M или N для перевозки людей или
    /// грузов (подведомственно Госавтоинспекции при мощности > 4 кВт или
    /// скорости > 50 км/ч), п. 1.
    #[serde(default)]
    pub road_category_lmn: bool,
    /// Мощность двигателя(ей), кВт (для правила L/M/N; 0 … 20 000).
    #[serde(default, deserialize_with = "bounds::power_kw")]
    pub power_kw: Option<f64>,
    /// Максимальная конструктивная скорость, км/ч (0 … 500).
    #[serde(default, deserialize_with = "bounds::speed_kmh")]
    pub max_speed_kmh: Option<f64>,
    /// Техника Вооружённых Сил, других войск и органов (п. 1).
    #[serde(default)]
    pub military: bool,
    /// Собрана индивидуально из запасных частей и агрегатов (п. 4, абз. 3).
    #[serde(default)]
    pub assembled_from_parts: bool,
    /// Временно ввезена: срок ввоза в месяцах (п. 4, абз. 4-5; п. 32).
    #[serde(default)]
    pub temporary_import_months: Option<u32>,
    /// Окончание срока временного ввоза (п. 32, абз. 8).
    #[serde(default)]
    pub temporary_import_until: Option<NaiveDate>,
    /// Товар, реализуемый торговой организацией или ИП (п. 4, абз. 4-5).
    #[serde(default)]
    pub trade_goods: bool,
    /// Опытный (испытательный) образец (п. 4, 29).
    #[serde(default)]
    pub test_sample: Option<TestSample>,
    /// Окончание испытаний по программе (п. 32, абз. 11).
    #[serde(default)]
    pub test_programme_until: Option<NaiveDate>,
    /// Тип знака, который нужен: «4А» для снегоходов, мотовездеходов, снегоболотоходов (п. 35).
    #[serde(default)]
    pub off_road_motor_vehicle: bool,
}

/// Опытный образец: где испытывается (п. 4, абз. 6; п. 29).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestSample {
    /// Испытания с движением по дорогам общего пользования: регистрируется.
    PublicRoads,
    /// Испытания без движения по дорогам: не регистрируется.
    OffRoad,
}

/// Сведения о владельце (п. 3, 9-14, 32). Not the model's
/// [`gtn_model::Owner`]: the facts the Rules ask about. Every kind may give
/// `region`, the ССРФ code of the region of the owner's registration (п. 40),
/// from which the plate code of п. 41 follows.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum OwnerFacts {
    /// Гражданин Российской Федерации или иностранный гражданин.
    Citizen {
        /// Регион места регистрации владельца, код ССРФ (п. 40-41).
        #[serde(default)]
        region: Option<RegionCode>,
        /// Дата рождения (п. 3, 32: до 16 лет — через родителя, опекуна).
        birth_date: NaiveDate,
        /// Признан недееспособным (п. 3: через опекуна).
        #[serde(default)]
        incapable: bool,
        /// Заявление подаёт родитель, усыновитель, опекун (попечитель).
        #[serde(default)]
        through_guardian: bool,
        /// Иностранный гражданин или лицо без гражданства (п. 12-13, 32).
        #[serde(default)]
        foreign: bool,
        /// Нет регистрации по месту жительства: срок регистрации по месту пребывания (п. 10, 32).
        #[serde(default)]
        stay_until: Option<NaiveDate>,
        /// Иностранец, проживающий в РФ: срок регистрации (п. 32, абз. 6).
        #[serde(default)]
        residence_until: Option<NaiveDate>,
        /// Сотрудник дипмиссии: срок карточки или удостоверения МИД (п. 11, 32).
        #[serde(default)]
        diplomatic_card_until: Option<NaiveDate>,
    },
    /// Индивидуальный предприниматель.
    SoleTrader {
        /// Регион места регистрации владельца, код ССРФ (п. 40-41).
        #[serde(default)]
        region: Option<RegionCode>,
    },
    /// Российская организация.
    RussianOrganisation {
        /// Регион места нахождения, код ССРФ (п. 10, 40-41).
        #[serde(default)]
        region: Option<RegionCode>,
    },
    /// Иностранная организация через обособленное подразделение (п. 14, 32).
    ForeignOrganisation {
        /// Регион места нахождения подразделения, код ССРФ (п. 14, 40-41).
        #[serde(default)]
        region: Option<RegionCode>,
        /// Срок аккредитации подразделения.
        accreditation_until: Option<NaiveDate>,
    },
    /// Дипломатическое представительство, консульское учреждение,
    /// международная (межгосударственная) организация, её представительство
    /// или представительство при ней — сама организация (п. 11). Registered
    /// at the organisation's address; the limited term of п. 32, абз. 4
    /// concerns its accredited staff, not the organisation.
    ForeignMission {
        /// Регион места нахождения, код ССРФ (п. 11, 40-41).
        #[serde(default)]
        region: Option<RegionCode>,
    },
}

impl OwnerFacts {
    /// Регион места регистрации владельца (п. 40), if given.
    pub fn region(&self) -> Option<RegionCode> {
        match self {
            OwnerFacts::Citizen { region, .. }
            | OwnerFacts::SoleTrader { region }
            | OwnerFacts::RussianOrganisation { region }
            | OwnerFacts::ForeignOrganisation { region, .. }
            | OwnerFacts::ForeignMission { region } => *region,
        }
    }
}

/// Паспорт техники, представленный или полученный (п. 6, 15-16, 58).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum PassportFacts {
    /// ПСМ на бумаге.
    Paper {
        /// Отметка об утилизационном сборе (п. 58, абз. 10).
        fee_mark: FeeMark,
        /// Взамен оформлен ЭПСМ, сведений о нём нет: бумажный паспорт
        /// недействителен (п. 16), действующего паспорта нет.
        #[serde(default)]
        replaced_by_electronic: bool,
        /// Взамен оформлен ЭПСМ: бумажный паспорт недействителен с даты его
        /// оформления, в счёт идёт выписка из ЭПСМ (п. 16).
        #[serde(default)]
        replaced_by: Option<Replacement>,
    },
    /// ЭПСМ.
    Electronic {
        /// Статус «действующий» (п. 6).
        active: bool,
        /// Сведения об утилизационном сборе (п. 58, абз. 11).
        fee_mark: FeeMark,
    },
}

/// ЭПСМ, оформленный взамен бумажного паспорта (п. 16).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replacement {
    /// Дата оформления ЭПСМ: с неё бумажный паспорт недействителен.
    pub issued_on: NaiveDate,
    /// Статус «действующий» (п. 6).
    pub active: bool,
    /// Сведения об утилизационном сборе в ЭПСМ (п. 58, абз. 11).
    pub fee_mark: FeeMark,
}

/// Утилизационный сбор: отметка.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeMark {
    /// Отметка об уплате.
    Paid,
    /// Отметка об основании неуплаты.
    NotDue,
    /// Отметки нет.
    Missing,
}

/// A document with an optional expiry (срок действия, п. 58, абз. 5).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doc {
    /// Представлен (или получен).
    #[serde(default)]
    pub presented: bool,
    /// Действует до (включительно).
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// Не соответствует установленным требованиям: что именно.
    #[serde(default)]
    pub defect: Option<String>,
}

/// Документ на иностранном языке или выданный за рубежом (п. 23-24).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForeignDoc {
    /// Какой документ.
    pub name: String,
    /// Есть нотариально удостоверенный перевод (п. 23).
    #[serde(default)]
    pub translated: bool,
    /// Легализован или апостилирован, если это требуется (п. 24).
    #[serde(default)]
    pub legalised: bool,
    /// Легализация не требуется по международному договору Российской
    /// Федерации (п. 24: «если иное не предусмотрено международными договорами»).
    #[serde(default)]
    pub treaty_exempt: bool,
}

/// Договор лизинга (сублизинга): два факта п. 28 и п. 32, абз. 3.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lease {
    /// Срок действия договора лизинга (п. 32, абз. 3).
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Письменное соглашение сторон о регистрации (п. 28): за кем.
    #[serde(default)]
    pub agreement: Option<LeaseParty>,
}

/// За кем регистрируется предмет лизинга по соглашению сторон (п. 28).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaseParty {
    /// За лизингодателем.
    Lessor,
    /// За лизингополучателем.
    Lessee,
}

/// Представленные документы (п. 6 и специальные пункты).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Documents {
    /// Документ, удостоверяющий личность (п. 6, абз. 4).
    #[serde(default)]
    pub identity: Doc,
    /// Доверенность представителя (п. 6, абз. 5).
    #[serde(default)]
    pub power_of_attorney: Doc,
    /// Документ о праве собственности или ином законном основании (п. 6, абз. 6).
    #[serde(default)]
    pub ownership: Doc,
    /// Паспорт техники или ЭПСМ (п. 6, абз. 7-8).
    #[serde(default)]
    pub passport: Option<PassportFacts>,
    /// Свидетельство о регистрации (п. 50, 51).
    #[serde(default)]
    pub certificate: Doc,
    /// Регистрационный знак сдан (п. 50; при утрате не требуется).
    #[serde(default)]
    pub plates_returned: bool,
    /// Документ о временном ввозе (п. 6, абз. 11; п. 31).
    #[serde(default)]
    pub temporary_import_document: Doc,
    /// Программа испытаний (п. 29).
    #[serde(default)]
    pub test_programme: Doc,
    /// Изготовитель (производитель), указанный в программе испытаний: за ним
    /// регистрируется испытательная техника (п. 29, последний абзац).
    #[serde(default)]
    pub test_programme_manufacturer: Option<String>,
    /// Акт приёма-передачи по государственному контракту (п. 27).
    #[serde(default)]
    pub state_contract_act: Option<Doc>,
    /// Соглашение сторон лизинга о регистрации (п. 28); его `valid_until` —
    /// срок договора (п. 32). Older shape; [`Documents::lease`] gives the two
    /// facts apart.
    #[serde(default)]
    pub leasing_agreement: Option<Doc>,
    /// Договор лизинга: срок и соглашение сторон о регистрации (п. 28, 32).
    #[serde(default)]
    pub lease: Option<Lease>,
    /// Договор уступки и акт по лизингу (п. 48).
    #[serde(default)]
    pub leasing_assignment: Doc,
    /// Свидетельство о соответствии изменённой конструкции (п. 46, абз. 2).
    #[serde(default)]
    pub design_change_certificate: Doc,
    /// Разрешительные документы ограниченного срока (п. 32, абз. 9).
    #[serde(default)]
    pub permits_until: Option<NaiveDate>,
    /// Документы о сделке отчуждения (п. 51).
    #[serde(default)]
    pub alienation_contract: Doc,
    /// Решение главного государственного инженера-инспектора (п. 53).
    #[serde(default)]
    pub chief_inspector_decision: Doc,
    /// Документы о снятии запретов или решение суда об отчуждении (п. 57).
    #[serde(default)]
    pub ban_lifted: bool,
    /// Согласие сособственников на регистрацию за одним из них (п. 26).
    #[serde(default)]
    pub co_owners: Option<CoOwners>,
    /// Документы на иностранном языке или иностранных органов (п. 23-24).
    #[serde(default)]
    pub foreign: Vec<ForeignDoc>,
    /// Представлены копии вместо подлинников (п. 25): какие.
    #[serde(default)]
    pub copies_instead_of_originals: Vec<String>,
    /// Сертификат или декларация соответствия (по инициативе заявителя).
    #[serde(default)]
    pub conformity: bool,
    /// Полис ОСАГО (по инициативе заявителя).
    #[serde(default)]
    pub osago: bool,
    /// Квитанция об уплате госпошлины (по инициативе заявителя).
    #[serde(default)]
    pub duty_receipt: bool,
}

/// Сособственники (п. 26).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoOwners {
    /// Их число, включая заявителя.
    pub count: u32,
    /// Письменное согласие остальных на регистрацию за заявителем.
    pub consent: bool,
}

/// Что известно органу (система учёта, проверки, осмотр).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// Техника значится зарегистрированной и не снята с учёта (п. 58, абз. 9).
    #[serde(default)]
    pub registered_not_deregistered: bool,
    /// Техника или основные компоненты в розыске (п. 19): что.
    #[serde(default)]
    pub wanted: Vec<String>,
    /// Документы в числе похищенных (п. 19).
    #[serde(default)]
    pub stolen_documents: Vec<String>,
    /// Признаки подделки документов, знаков, изменения маркировки (п. 19).
    #[serde(default)]
    pub forgery_signs: Vec<String>,
    /// Проверка по п. 19 завершена: её вывод.
    #[serde(default)]
    pub check_result: Option<CheckResult>,
    /// Проверка по п. 19 начата: с этого дня идёт приостановление (п. 64,
    /// абз. 2). Absent: counted from `submitted`.
    #[serde(default)]
    pub check_started: Option<NaiveDate>,
    /// Запрос по месту прежней регистрации (п. 64): дата отправки; с неё
    /// идёт приостановление.
    #[serde(default)]
    pub query_sent: Option<NaiveDate>,
    /// Ответ на запрос получен (дата неизвестна).
    #[serde(default)]
    pub query_answered: bool,
    /// День поступления ответа на запрос: услуга возобновляется (п. 64, абз. 3).
    #[serde(default)]
    pub answer_received: Option<NaiveDate>,
    /// Техника зарегистрирована за лицом, не достигшим 16 лет, через
    /// родителя или опекуна (п. 47, 54).
    #[serde(default)]
    pub registered_for_minor: bool,
    /// Есть подтверждение регистрации техники за новым владельцем (п. 51).
    #[serde(default)]
    pub new_owner_registered: bool,
    /// Запреты и ограничения на регистрационные действия (п. 57, 58).
    #[serde(default)]
    pub bans: Vec<String>,
    /// Противоречивые или недостоверные сведения (п. 58, абз. 6).
    #[serde(default)]
    pub contradictions: Vec<String>,
    /// Осмотр (п. 20, 63).
    #[serde(default)]
    pub inspection: Option<Inspection>,
}

/// Вывод проверки по п. 19.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckResult {
    /// Подозрения не подтвердились.
    Cleared,
    /// Подтвердились: подделка, розыск.
    Confirmed,
}

/// Осмотр техники (п. 20).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    /// Дата осмотра.
    pub date: NaiveDate,
    /// Расхождения с документами (п. 58, абз. 8).
    #[serde(default)]
    pub mismatches: Vec<String>,
}
