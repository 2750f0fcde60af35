//! The output: the decision, the grounds with citations, the deadlines.

use chrono::NaiveDate;
use serde::Serialize;

/// Основание отказа по п. 58 (абзацы 2-11). The stable code is `R58.<абзац>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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

/// Что выдаётся или делается при положительном решении.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Issue {
    /// Пункт Правил.
    pub cite: String,
    /// Что.
    pub what: String,
}

/// Срок, с пунктом, из которого он следует.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Deadline {
    /// Stable key: `owner_obligation`, `review`, `inspection`, `issue`, …
    pub key: &'static str,
    /// Что должно произойти.
    pub what: String,
    /// Последний день (включительно).
    pub date: NaiveDate,
    /// Пункт Правил или формата.
    pub cite: String,
}

/// Регистрация на ограниченный срок (п. 32-33).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LimitedTerm {
    /// Последний день срока.
    pub until: NaiveDate,
    /// День автоматического прекращения регистрации (п. 33).
    pub terminates: NaiveDate,
    /// Почему срок ограничен (самый ранний из случаев п. 32).
    pub reasons: Vec<Reason>,
}

/// Приостановление (п. 19, 64).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Suspension {
    /// Не дольше этого дня (30 календарных дней, п. 64, абз. 2).
    pub until: NaiveDate,
    /// Почему.
    pub reasons: Vec<Reason>,
}

/// Решение по заявлению.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Decision {
    /// Вид решения.
    pub outcome: Outcome,
    /// Все выполненные основания отказа п. 58 (не только первое).
    pub grounds: Vec<GroundFound>,
    /// Приостановление, если оно есть.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspension: Option<Suspension>,
    /// Что выдать и отметить при положительном решении.
    pub issue: Vec<Issue>,
    /// Сведения, которые запрашиваются по СМЭВ, а не требуются у заявителя (п. 6).
    pub requests: Vec<Reason>,
    /// Ограниченный срок регистрации (п. 32).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limited_term: Option<LimitedTerm>,
    /// Сроки.
    pub deadlines: Vec<Deadline>,
    /// Текст уведомления об отказе (п. 58, последний абзац).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

impl Decision {
    /// The codes of the grounds found, in the order of п. 58.
    pub fn ground_codes(&self) -> Vec<String> {
        self.grounds.iter().map(|g| g.code.clone()).collect()
    }
}
