//! The output: the decision, the grounds with citations, the deadlines.

use chrono::NaiveDate;
use gtn_model::{PlateType, RegionCode};
use serde::Serialize;

/// Основание отказа по п. 58 (абзацы 2-11). The stable code is `R58.<абзац>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    /// абз. 2: техника не подлежит государственной регистрации.
    NotSubject,
    /// абз. 3: отсутствие обязательных документов или сведений.
    MissingDocuments,
    /// абз. 4: документы не соответствуют установленным требованиям.
    NonConformingDocuments,
    /// абз. 5: срок действия документов истёк.
    ExpiredDocuments,
    /// абз. 6: противоречивая либо недостоверная информация.
    ContradictoryInformation,
    /// абз. 7: запреты и (или) ограничения.
    Bans,
    /// абз. 8: данные осмотра не соответствуют документам.
    InspectionMismatch,
    /// абз. 9: техника зарегистрирована и не снята с учёта.
    NotDeregistered,
    /// абз. 10: в паспорте нет отметки об утилизационном сборе.
    PaperPassportFee,
    /// абз. 11: в ЭПСМ нет сведений об утилизационном сборе.
    ElectronicPassportFee,
}

impl Ground {
    /// All ten, in the order of п. 58.
    pub const ALL: [Ground; 10] = [
        Ground::NotSubject,
        Ground::MissingDocuments,
        Ground::NonConformingDocuments,
        Ground::ExpiredDocuments,
        Ground::ContradictoryInformation,
        Ground::Bans,
        Ground::InspectionMismatch,
        Ground::NotDeregistered,
        Ground::PaperPassportFee,
        Ground::ElectronicPassportFee,
    ];

    /// Абзац пункта 58.
    pub fn paragraph(self) -> u8 {
        2 + Self::ALL.iter().position(|g| *g == self).unwrap_or(0) as u8
    }

    /// Stable code: `R58.2` … `R58.11`.
    pub fn code(self) -> String {
        format!("R58.{}", self.paragraph())
    }

    /// The words of the Rules.
    pub fn text(self) -> &'static str {
        match self {
            Ground::NotSubject => "обращение с заявлением о государственной регистрации техники, которая не подлежит государственной регистрации в соответствии с настоящими Правилами",
            Ground::MissingDocuments => "отсутствие документов или сведений, наличие которых является обязательным в соответствии с настоящими Правилами",
            Ground::NonConformingDocuments => "несоответствие представленных документов требованиям, установленным нормативными правовыми актами или нормативно-техническими документами",
            Ground::ExpiredDocuments => "представление документов, срок действия которых истек",
            Ground::ContradictoryInformation => "наличие в представленных (полученных) документах (сведениях) противоречивой либо недостоверной информации",
            Ground::Bans => "наличие запретов и (или) ограничений, наложенных в соответствии с законодательством Российской Федерации",
            Ground::InspectionMismatch => "несоответствие полученных при осмотре данных представленным (полученным) документам (сведениям)",
            Ground::NotDeregistered => "наличие в системе учета сведений о государственной регистрации техники, которая не снята с государственного учета",
            Ground::PaperPassportFee => "отсутствие в паспорте техники отметки об уплате утилизационного сбора или отметки об основании неуплаты утилизационного сбора",
            Ground::ElectronicPassportFee => "отсутствие в электронном паспорте техники со статусом \"действующий\" сведений об уплате утилизационного сбора в Российской Федерации или об основании неуплаты утилизационного сбора",
        }
    }
}

/// A reason with its citation: `п. 4, абз. 3` and what holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Пункт и абзац Правил.
    pub cite: String,
    /// Что установлено, по-русски.
    pub fact: String,
}

impl Reason {
    pub(crate) fn new(cite: impl Into<String>, fact: impl Into<String>) -> Self {
        Self {
            cite: cite.into(),
            fact: fact.into(),
        }
    }
}

/// Основание отказа, которое выполняется, с фактами.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroundFound {
    /// Основание.
    pub ground: Ground,
    /// `R58.<абзац>`.
    pub code: String,
    /// `п. 58, абз. N`.
    pub cite: String,
    /// Факты, по которым основание выполняется (с пунктами Правил).
    pub facts: Vec<Reason>,
}

/// Вид решения.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Действие может быть совершено.
    Proceed,
    /// Предоставление услуги приостановлено (п. 19, 64).
    Suspend,
    /// Отказ (п. 58).
    Refuse,
    /// Техника не подлежит регистрации в органах гостехнадзора (п. 1, 4).
    NotSubject,
}

/// Что выдаётся или делается при положительном решении: what kind, its
/// data, the point of the Rules and the words for people.
///
/// JSON: `{"kind": "plate", "plate_type": "3", "code": "77", "series": [..],
/// "plate": "0001АА77", "cite": "п. 34-36, 41", "what": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueItem {
    /// The kind and its data.
    #[serde(flatten)]
    pub data: IssueData,
    /// Пункт Правил.
    pub cite: String,
    /// Что, по-русски.
    pub what: String,
}

/// The kind of an [`IssueItem`] and the data that goes with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IssueData {
    /// Свидетельство о государственной регистрации (п. 21, 30, 45).
    Certificate {
        /// Отметка в свидетельстве: «Испытания» (п. 30).
        #[serde(skip_serializing_if = "Option::is_none")]
        mark: Option<String>,
        /// За кем регистрируется, когда это не заявитель (п. 29: изготовитель).
        #[serde(skip_serializing_if = "Option::is_none")]
        holder: Option<String>,
    },
    /// Государственный регистрационный знак (п. 34-36, 41).
    Plate(PlateIssue),
    /// Знаки «ТРАНЗИТ» (тип 18), п. 42-44.
    TransitPlates {
        /// The plate.
        #[serde(flatten)]
        plate: PlateIssue,
        /// Последний день действия (20 суток, п. 42).
        valid_until: NaiveDate,
    },
    /// Отметка в бумажном паспорте техники (п. 18, 44, 52).
    PassportMark,
    /// Запись в электронном паспорте (ЭПСМ).
    EpassportRecord,
    /// Дубликат паспорта или выписка из ЭПСМ (п. 17).
    PassportDuplicate,
    /// Отметка в свидетельстве о регистрации (п. 52).
    CertificateMark,
    /// Сведения, вносимые в систему учёта (п. 16, 45, 50, 55).
    SystemRecord,
    /// Возврат владельцу документов других государств (п. 56).
    DocumentsReturned,
    /// Изменение регистрационных данных вместо снятия с учёта (п. 47).
    OwnerChange,
    /// Как совершается действие: без осмотра, по осмотру, автоматически.
    Procedure,
    /// Действие не требуется (п. 51: техника уже зарегистрирована за новым владельцем).
    NotRequired,
}

/// The plate to issue: type, the region code of п. 41 and its series, and
/// the plate when one was allocated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlateIssue {
    /// Тип знака: «3», «4А», «18» (п. 35).
    pub plate_type: PlateType,
    /// Код региона на знаке (Приложения № 4, 5), when the owner's region is
    /// known and has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// ССРФ code of the owner's region it was derived from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<RegionCode>,
    /// Серии, закреплённые за кодом (п. 36), in the appendix order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<String>,
    /// Следующий свободный знак, when the issued plates were given
    /// (canonical form, e.g. `0001АА77`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plate: Option<String>,
}

/// Which deadline (a closed list: an embedding system matches on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// п. 5: обязанность владельца (10 календарных дней), с продлением по п. 64, абз. 5.
    OwnerObligation,
    /// п. 65, абз. 3: рассмотрение заявления (5 рабочих дней), с продлением по п. 64, абз. 4.
    Review,
    /// п. 64, абз. 1: ответ на запрос (3 рабочих дня со дня получения).
    QueryAnswer,
    /// п. 64, абз. 2: конец приостановления (не более 30 календарных дней).
    SuspensionEnd,
    /// п. 20, абз. 5: результаты осмотра действительны 30 календарных дней.
    InspectionValid,
    /// п. 63; п. 65, абз. 4: осмотр (10 рабочих дней со дня решения).
    Inspection,
    /// п. 65, абз. 5: выдача документов (2 рабочих дня со дня решения).
    Issue,
    /// п. 42: знаки «ТРАНЗИТ» действуют 20 суток.
    TransitValid,
    /// Формат 4.04: сведения в ФНС (10 рабочих дней).
    FnsReport,
    /// п. 32: последний день ограниченного срока.
    LimitedTermEnd,
    /// п. 33: регистрация прекращается автоматически.
    Termination,
}

/// How a deadline is counted: unit, length and the day counted from, and
/// the article of the Civil Code (ст. 191: from the next day; ст. 192: years
/// end on the same date) or the production calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "unit", rename_all = "snake_case")]
pub enum Counting {
    /// Календарные дни (ГК РФ, ст. 191).
    CalendarDays {
        /// Число дней.
        n: u32,
        /// Со дня (не включая его).
        from: NaiveDate,
    },
    /// Рабочие дни по производственному календарю (ГК РФ, ст. 191).
    WorkingDays {
        /// Число дней.
        n: u32,
        /// Со дня (не включая его).
        from: NaiveDate,
    },
    /// Годы (ГК РФ, ст. 192, п. 1, 3).
    Years {
        /// Число лет.
        n: u32,
        /// Со дня.
        from: NaiveDate,
    },
    /// Дата из документа (срок договора, пребывания, программы испытаний).
    Date,
    /// День, следующий за другим сроком (п. 33).
    NextDay,
}

impl Counting {
    /// The law by which it is counted.
    pub fn law(self) -> &'static str {
        match self {
            Counting::CalendarDays { .. } => "ГК РФ, ст. 191",
            Counting::WorkingDays { .. } => "ГК РФ, ст. 191; производственный календарь",
            Counting::Years { .. } => "ГК РФ, ст. 192, п. 1, 3",
            Counting::Date => "дата из документа",
            Counting::NextDay => "п. 33: следующий день после окончания срока",
        }
    }
}

/// Срок, с пунктом, из которого он следует.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// Which deadline.
    pub kind: DeadlineKind,
    /// Последний день (включительно).
    pub date: NaiveDate,
    /// Пункт Правил или формата.
    pub cite: String,
    /// How it is counted.
    pub counting: Counting,
    /// Дни приостановления, на которые продлён срок (п. 64, абз. 4-5).
    #[serde(skip_serializing_if = "is_zero")]
    pub extended_by_days: u32,
    /// Срок уже пропущен (п. 5: заявление подано позже).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub missed: bool,
    /// Что должно произойти, по-русски.
    pub what: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Регистрация на ограниченный срок (п. 32-33).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LimitedTerm {
    /// Последний день срока.
    pub until: NaiveDate,
    /// День автоматического прекращения регистрации (п. 33).
    pub terminates: NaiveDate,
    /// Почему срок ограничен (самый ранний из случаев п. 32).
    pub reasons: Vec<Reason>,
}

/// State of a suspension of п. 64.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuspensionStatus {
    /// Идёт: решение — приостановить.
    Active,
    /// Ответ поступил, услуга возобновлена (п. 64, абз. 3).
    Resumed,
    /// 30 дней истекли без ответа: не продлевается, решение — по имеющимся сведениям.
    CapPassed,
}

/// Приостановление (п. 19, 64).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suspension {
    /// С этого дня (запрос направлен, проверка начата).
    pub from: NaiveDate,
    /// Не дольше этого дня (30 календарных дней, п. 64, абз. 2).
    pub until: NaiveDate,
    /// Идёт, возобновлено или истекло.
    pub status: SuspensionStatus,
    /// День возобновления (поступил ответ).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resumed_on: Option<NaiveDate>,
    /// Почему.
    pub reasons: Vec<Reason>,
}

impl Suspension {
    /// Days the service terms are extended by (п. 64, абз. 4-5).
    pub fn days(&self) -> u32 {
        let end = self.resumed_on.unwrap_or(self.until).min(self.until);
        (end - self.from).num_days().max(0) as u32
    }
}

/// A warning: the decision stands, but something must be looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Stable code `E1xx`.
    pub code: &'static str,
    /// По-русски.
    pub message: String,
}

/// The edition of the Rules applied, as carried in the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditionApplied {
    /// Наименование.
    pub name: String,
    /// Вступили в силу.
    pub in_force_from: NaiveDate,
    /// Действуют до (первый день, когда уже не действуют), if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force_until: Option<NaiveDate>,
}

/// Решение по заявлению.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Вид решения.
    pub outcome: Outcome,
    /// Редакция Правил, по которой принято решение.
    pub edition: EditionApplied,
    /// Дата решения.
    pub decided_on: NaiveDate,
    /// Все выполненные основания отказа п. 58 (не только первое).
    pub grounds: Vec<GroundFound>,
    /// Приостановление, если оно есть или было.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspension: Option<Suspension>,
    /// Что выдать и отметить при положительном решении.
    pub issue: Vec<IssueItem>,
    /// Сведения, которые запрашиваются по СМЭВ, а не требуются у заявителя (п. 6).
    pub requests: Vec<Reason>,
    /// Ограниченный срок регистрации (п. 32).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limited_term: Option<LimitedTerm>,
    /// Сроки, по дате.
    pub deadlines: Vec<Deadline>,
    /// Предупреждения (код E1xx).
    pub warnings: Vec<Warning>,
    /// Текст уведомления об отказе (п. 58, последний абзац).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

impl Decision {
    /// The codes of the grounds found, in the order of п. 58.
    pub fn ground_codes(&self) -> Vec<String> {
        self.grounds.iter().map(|g| g.code.clone()).collect()
    }

    /// The deadline of a kind, if the decision has one.
    pub fn deadline(&self, kind: DeadlineKind) -> Option<&Deadline> {
        self.deadlines.iter().find(|d| d.kind == kind)
    }

    /// The plate to issue (registration, test registration, transit), if any.
    pub fn plate(&self) -> Option<&PlateIssue> {
        self.issue.iter().find_map(|i| match &i.data {
            IssueData::Plate(p) | IssueData::TransitPlates { plate: p, .. } => Some(p),
            _ => None,
        })
    }
}
