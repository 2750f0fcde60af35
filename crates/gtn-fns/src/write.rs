//! The streaming writer of the exchange file (формат 4.04, таблицы 4.1-4.12).

use crate::file_name::FileName;
use crate::format::rules;
use crate::format::Ty;
use crate::names::{at, el, FOREIGN_ORG_SIGN};
use crate::xml::{FieldError, Xml};
use crate::{InfoType, Record, Sender};
use chrono::{Datelike, NaiveDate};
use gtn_model::{
    CompactString, Decimal6, EnginePower, FnsDate, FullName, Owner, Person, RussianAddress,
};
use std::io::Write;

/// Заголовок файла: всё, что пишется до первого Документ.
#[derive(Debug, Clone)]
pub struct FileHeader {
    /// Имя файла (ИдФайл).
    pub file_name: FileName,
    /// Тип информации (ТипИнф, ГодПериодОтч).
    pub info: InfoType,
    /// Версия передающей программы (ВерсПрог T(1-40)).
    pub program_version: Option<String>,
    /// Отправитель.
    pub sender: Sender,
    /// Количество документов (КолДок); the writer checks it on [`FileWriter::finish`].
    pub doc_count: u64,
}

/// Ошибка записи файла.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// Запись содержит ошибки в полях.
    #[error("документ {index}: {}", join(.errors))]
    Record {
        /// Порядковый номер документа в файле, с 1.
        index: u64,
        /// Ошибки.
        errors: Vec<FieldError>,
    },
    /// Ошибки в заголовке (отправитель).
    #[error("сведения об отправителе: {}", join(.errors))]
    Header {
        /// Ошибки.
        errors: Vec<FieldError>,
    },
    /// Число документов не совпало с КолДок.
    #[error("записано документов: {written}, а КолДок = {declared}")]
    Count {
        /// Объявлено в КолДок.
        declared: u64,
        /// Записано.
        written: u64,
    },
    /// Ошибка ввода-вывода.
    #[error("ошибка записи: {}", io_text(.0))]
    Io(#[from] std::io::Error),
    /// Ошибка ввода-вывода в названной папке или файле.
    #[error("{}", gtn_model::messages::io_error(*.action, .path, .source))]
    Path {
        /// Что делалось.
        action: gtn_model::messages::IoAction,
        /// Папка или файл.
        path: String,
        /// Ошибка системы.
        source: std::io::Error,
    },
    /// Файл уже существует.
    #[error("файл {0} уже существует; чтобы заменить его, укажите перезапись явно")]
    Exists(String),
}

impl WriteError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            WriteError::Record { .. } => "F010",
            WriteError::Header { .. } => "F011",
            WriteError::Count { .. } => "F012",
            WriteError::Io(_) | WriteError::Path { .. } => "F013",
            WriteError::Exists(_) => "F014",
        }
    }
}

/// An I/O error in Russian without a path: gtn's own texts (errors made
/// with `io::Error::other`) as they are, the system's by their kind.
fn io_text(e: &std::io::Error) -> String {
    if e.raw_os_error().is_none() && e.kind() == std::io::ErrorKind::Other {
        e.to_string()
    } else {
        gtn_model::messages::io_error(gtn_model::messages::IoAction::Write, "файл результата", e)
    }
}

fn join(e: &[FieldError]) -> String {
    e.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Source of document identifiers (ИдДок) for records without one.
pub trait IdSource {
    /// The next identifier (1-36 characters).
    fn next_id(&mut self) -> String;
}

/// Random GUIDs (UUID v4), as the format recommends.
///
/// The random bytes are asked of the system 4 KiB at a time (256 GUIDs),
/// not 16 bytes a document: a `getrandom` system call per document was a
/// million calls on the main thread for a million records. Each run makes
/// its own (`RandomGuids::default()`), so no bytes outlive it.
#[derive(Debug, Default)]
pub struct RandomGuids {
    /// Random bytes not used yet, taken from the end.
    pool: Vec<u8>,
}

impl RandomGuids {
    /// Bytes asked of the system at a time.
    const POOL: usize = 4096;

    /// 16 random bytes from the pool, refilled when empty; `None` if the
    /// system gives none.
    fn random16(&mut self) -> Option<[u8; 16]> {
        if self.pool.len() < 16 {
            self.pool.resize(Self::POOL, 0);
            if getrandom::fill(&mut self.pool).is_err() {
                self.pool.clear();
                return None;
            }
        }
        let at = self.pool.len() - 16;
        let bytes = <[u8; 16]>::try_from(&self.pool[at..]).ok();
        self.pool.truncate(at);
        bytes
    }
}

impl IdSource for RandomGuids {
    fn next_id(&mut self) -> String {
        let id = match self.random16() {
            Some(bytes) => uuid::Builder::from_random_bytes(bytes).into_uuid(),
            // As before: uuid's own source, which panics if there is none.
            None => uuid::Uuid::new_v4(),
        };
        let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
        id.hyphenated().encode_upper(&mut text).to_owned()
    }
}

/// Deterministic GUID-shaped identifiers for tests and golden files.
#[derive(Debug, Default)]
pub struct SequentialGuids(pub u64);

impl IdSource for SequentialGuids {
    fn next_id(&mut self) -> String {
        self.0 += 1;
        format!("00000000-0000-4000-8000-{:012}", self.0)
    }
}

/// Streaming writer: writes the header at once, then each document as it
/// arrives; memory does not grow with the number of documents.
pub struct FileWriter<W: Write> {
    out: W,
    xml: Xml,
    file_date: NaiveDate,
    declared: u64,
    written: u64,
}

impl<W: Write> FileWriter<W> {
    /// Writes the first line, the root element's start and the sender.
    pub fn new(mut out: W, header: &FileHeader) -> Result<Self, WriteError> {
        let mut x = Xml::new();
        x.raw(crate::names::XML_DECLARATION);
        x.raw("\r\n");
        render_header(&mut x, header);
        if !x.errors.is_empty() {
            return Err(WriteError::Header { errors: x.errors });
        }
        out.write_all(&x.buf)?;
        Ok(Self {
            out,
            xml: Xml::new(),
            file_date: header.file_name.date,
            declared: header.doc_count,
            written: 0,
        })
    }

    /// Writes one Документ. On a field error nothing of it is written.
    pub fn write(&mut self, record: &Record, doc_id: &str) -> Result<(), WriteError> {
        self.xml.clear();
        render_document(&mut self.xml, record, Some(doc_id), self.file_date);
        if !self.xml.errors.is_empty() {
            return Err(WriteError::Record {
                index: self.written + 1,
                errors: std::mem::take(&mut self.xml.errors),
            });
        }
        self.out.write_all(&self.xml.buf)?;
        self.written += 1;
        Ok(())
    }

    /// Writes `documents` Документ rendered and checked elsewhere, one
    /// after the other in `parts` (a run of a batch is written with one
    /// call: past the buffer's size it goes straight to the file, without
    /// a copy into the buffer).
    pub(crate) fn write_rendered(
        &mut self,
        parts: &[&[u8]],
        documents: u64,
    ) -> std::io::Result<()> {
        for p in parts {
            self.out.write_all(p)?;
        }
        self.written += documents;
        Ok(())
    }

    /// Closes the root element and checks КолДок; returns the output.
    pub fn finish(mut self) -> Result<W, WriteError> {
        if self.written != self.declared {
            return Err(WriteError::Count {
                declared: self.declared,
                written: self.written,
            });
        }
        self.out.write_all(b"\r\n</")?;
        self.out.write_all(&crate::names::to_1251(el::FILE))?;
        self.out.write_all(b">\r\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Checks a record exactly as the writer would write it, without writing:
/// every problem of every field (not only the first).
pub fn check_record(record: &Record, file_date: NaiveDate) -> Vec<FieldError> {
    let mut x = Xml::new();
    render_document(
        &mut x,
        record,
        Some("00000000-0000-0000-0000-000000000000"),
        file_date,
    );
    x.errors
}

/// Checks the sender profile and header as the writer would.
pub fn check_header(header: &FileHeader) -> Vec<FieldError> {
    let mut x = Xml::new();
    render_header(&mut x, header);
    x.errors
}

fn date(x: &mut Xml, field: &str, name: &'static str, d: NaiveDate, not_after: Option<NaiveDate>) {
    match FnsDate::from_date(d) {
        Ok(_) => {
            if let Some(msg) = not_after.and_then(|limit| rules::not_after_file_date(d, limit)) {
                x.error(rules::AFTER_FILE_DATE, field, name, msg);
                return;
            }
            // ДД.ММ.ГГГГ (FnsDate: the year is 1900-2099).
            let (day, month, year) = (d.day(), d.month(), d.year().unsigned_abs());
            let text = [
                digit(day / 10),
                digit(day),
                b'.',
                digit(month / 10),
                digit(month),
                b'.',
                digit(year / 1000),
                digit(year / 100),
                digit(year / 10),
                digit(year),
            ];
            x.attr_ascii(field, name, &text);
        }
        Err(e) => x.error("F004", field, name, e.to_string()),
    }
}

/// The last decimal digit of `n`, as ASCII.
fn digit(n: u32) -> u8 {
    b'0' + (n % 10) as u8
}

/// The canonical form of a decimal that is not negative, as its Display
/// writes it, without the formatting machinery: its digits are
/// `Decimal6::total_digits` and `fraction_digits`.
fn decimal_text(v: Decimal6, text: &mut [u8; 32]) -> &[u8] {
    let micros = v.micros().unsigned_abs();
    let (mut int, mut fr) = (micros / 1_000_000, micros % 1_000_000);
    let mut at = 20;
    loop {
        at -= 1;
        text[at] = b'0' + (int % 10) as u8;
        int /= 10;
        if int == 0 {
            break;
        }
    }
    let start = at;
    let mut end = 20;
    if fr != 0 {
        let mut places = 6;
        while fr % 10 == 0 {
            fr /= 10;
            places -= 1;
        }
        text[20] = b'.';
        end = 21 + places;
        for i in (21..end).rev() {
            text[i] = b'0' + (fr % 10) as u8;
            fr /= 10;
        }
    }
    &text[start..end]
}

/// An xs:decimal attribute, with totalDigits and fractionDigits from the tables.
fn decimal(x: &mut Xml, field: &str, name: &'static str, v: Decimal6) {
    let (total, frac) = match x.attr_type(name) {
        Some(Ty::Dec(t, f)) => (usize::from(t), usize::from(f)),
        _ => (0, 0),
    };
    if let Some(msg) = rules::not_negative(v.micros()) {
        x.error(rules::NEGATIVE, field, name, format!("{msg} {v}"));
        return;
    }
    let mut text = [0u8; 32];
    let s = decimal_text(v, &mut text);
    let digits = s.iter().filter(|b| b.is_ascii_digit()).count();
    let fraction = s
        .iter()
        .position(|&b| b == b'.')
        .map_or(0, |dot| s.len() - dot - 1);
    if digits > total || fraction > frac {
        x.error(
            "F005",
            field,
            name,
            format!("значение {v} не укладывается в формат N({total}.{frac})"),
        );
    } else {
        x.attr_ascii(field, name, s);
    }
}

fn full_name(x: &mut Xml, field: &str, el: &'static str, n: &FullName) {
    x.open(el);
    x.attr((field, "surname"), at::SURNAME, &n.surname);
    x.attr((field, "given_name"), at::GIVEN_NAME, &n.given_name);
    x.opt(
        (field, "patronymic"),
        at::PATRONYMIC,
        n.patronymic.as_deref(),
    );
    x.empty();
}

fn address(x: &mut Xml, field: &str, el: &'static str, a: &RussianAddress) {
    x.open(el);
    if let Some(p) = &a.postal_code {
        if !p.trim().chars().all(|c| c.is_ascii_digit()) {
            x.error(
                "F006",
                &format!("{field}.postal_code"),
                at::POSTAL_CODE,
                format!("индекс «{p}»: ожидается 6 цифр"),
            );
        } else {
            x.opt((field, "postal_code"), at::POSTAL_CODE, Some(p));
        }
    }
    x.attr_ascii((field, "region"), at::REGION, a.region.as_bytes());
    let parts: [(&str, &'static str, &Option<CompactString>); 7] = [
        ("district", at::DISTRICT, &a.district),
        ("city", at::CITY, &a.city),
        ("locality", at::LOCALITY, &a.locality),
        ("street", at::STREET, &a.street),
        ("house", at::HOUSE, &a.house),
        ("building", at::BUILDING, &a.building),
        ("flat", at::FLAT, &a.flat),
    ];
    for (f, name, v) in parts {
        x.opt((field, f), name, v.as_deref());
    }
    x.empty();
}

fn render_header(x: &mut Xml, h: &FileHeader) {
    x.open(el::FILE);
    x.attr("file_name", at::FILE_ID, &h.file_name.id());
    x.attr(
        "format_version",
        at::FORMAT_VERSION,
        crate::format::latest().version,
    );
    x.attr("info_type", at::INFO_TYPE, h.info.code());
    x.opt(
        "program_version",
        at::PROGRAM_VERSION,
        h.program_version.as_deref(),
    );
    if h.doc_count == 0 || h.doc_count > 999_999_999 {
        x.error(
            "F007",
            "doc_count",
            at::DOC_COUNT,
            format!("КолДок = {}: допустимо от 1 до 999999999", h.doc_count),
        );
    }
    x.attr_fmt("doc_count", at::DOC_COUNT, format_args!("{}", h.doc_count));
    if let InfoType::Yearly(y) = h.info {
        if !(1900..=2099).contains(&y) {
            x.error(
                "F007",
                "year",
                at::REPORT_YEAR,
                format!("отчётный год {y} вне 1900-2099"),
            );
        } else if let Some(msg) = rules::report_year(i64::from(y), h.file_name.date) {
            x.error(rules::REPORT_YEAR, "year", at::REPORT_YEAR, msg);
        }
        x.attr("year", at::REPORT_YEAR, &format!("{y:04}"));
    }
    x.children();
    let s = &h.sender;
    if let Some(r) = &s.responsible {
        x.open(el::SENDER);
        x.opt("responsible.position", at::POSITION, r.position.as_deref());
        x.opt("responsible.phone", at::PHONE, r.phone.as_deref());
        x.opt("responsible.email", at::EMAIL, r.email.as_deref());
        x.children();
        full_name(
            x,
            "responsible.full_name",
            el::RESPONSIBLE_NAME,
            &r.full_name,
        );
        x.close();
    }
    x.open(el::REG_ORG);
    x.attr("name", at::ORG_NAME, &s.name);
    x.attr("inn", at::INN_ORG, s.inn.as_str());
    x.attr("kpp", at::KPP, s.kpp.as_str());
    x.attr("ogrn", at::OGRN, s.ogrn.as_str());
    x.attr("phone", at::PHONE, &s.phone);
    x.children();
    address(x, "address", el::REG_ORG_ADDRESS, &s.address);
    if let Some(hd) = &s.head {
        full_name(x, "head", el::HEAD_NAME, hd);
    }
    x.close();
}

/// Writes one Документ, indented as a child of Файл.
///
/// `doc_id` is used when the record has none; without either, the value
/// of ИдДок is left empty and [`Xml::later`] says where it goes.
pub(crate) fn render_document(x: &mut Xml, r: &Record, doc_id: Option<&str>, file_date: NaiveDate) {
    // The element path starts at Файл: indentation and error paths.
    x.enter(el::FILE);
    x.open(el::DOCUMENT);
    match r.doc_id.as_deref().or(doc_id) {
        Some(id) => x.attr("doc_id", at::DOC_ID, id),
        None => x.attr_later("doc_id", at::DOC_ID),
    }
    x.children();

    // СвТрансп (таблица 4.5)
    let op = &r.operation;
    let m = &r.machine;
    x.open(el::MACHINE);
    let code = op.code.trim();
    if let Some(msg) = rules::operation_known(code) {
        x.error(rules::DICTIONARY, "operation.code", at::OPERATION, msg);
    }
    let has_previous = op
        .previous_plate
        .as_deref()
        .is_some_and(|p| !p.trim().is_empty());
    if let Some(msg) = rules::previous_plate(code, has_previous) {
        let field = "operation.previous_plate";
        x.error(rules::CONDITION, field, at::PREVIOUS_PLATE, msg);
    }
    x.attr("operation.code", at::OPERATION, &op.code);
    x.opt(
        "operation.subdivision",
        at::SUBDIVISION,
        op.subdivision.as_deref(),
    );
    date(
        x,
        "operation.date",
        at::OPERATION_DATE,
        op.date,
        Some(file_date),
    );
    x.attr("operation.plate", at::PLATE, &op.plate);
    x.opt(
        "operation.previous_plate",
        at::PREVIOUS_PLATE,
        op.previous_plate.as_deref(),
    );
    x.opt("machine.vin", at::VIN, m.vin.as_ref().map(|v| v.as_str()));
    x.attr("machine.make_model", at::MAKE, &m.make_model);
    x.opt("codes.kind", at::KIND, r.codes.kind.as_deref());
    let vt = r
        .codes
        .vehicle_type
        .as_deref()
        .unwrap_or(m.kind.vehicle_type_code());
    if let Some(msg) = rules::vehicle_type_known(vt.trim()) {
        x.error(rules::DICTIONARY, "codes.vehicle_type", at::TYPE, msg);
    }
    x.attr("codes.vehicle_type", at::TYPE, vt);
    x.opt("codes.purpose", at::PURPOSE, r.codes.purpose.as_deref());
    x.attr("codes.category", at::CATEGORY, &r.codes.category);
    if let Some(msg) = rules::year_of_manufacture(i64::from(m.year), file_date) {
        x.error(rules::YEAR_OF_MANUFACTURE, "machine.year", at::YEAR, msg);
    } else {
        match m.year {
            y @ 0..=9999 => {
                let y = u32::from(y);
                let text = [digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)];
                x.attr_ascii("machine.year", at::YEAR, &text);
            }
            y => x.attr_fmt("machine.year", at::YEAR, format_args!("{y:04}")),
        }
    }
    let engine = m.engine.as_ref();
    x.opt(
        "machine.engine.number",
        at::ENGINE_NUMBER,
        engine.and_then(|e| e.number.as_deref()),
    );
    x.opt(
        "machine.factory_number",
        at::FACTORY_NUMBER,
        m.factory_number.as_ref().map(|f| f.as_str()),
    );
    x.opt(
        "machine.body_number",
        at::BODY_NUMBER,
        m.body_number.as_deref(),
    );
    let power = engine.and_then(|e| e.power()).unwrap_or(EnginePower {
        hp: Decimal6::ZERO,
        kw: Decimal6::ZERO,
    });
    decimal(x, "machine.engine.power_hp", at::POWER_HP, power.hp);
    decimal(x, "machine.engine.power_kw", at::POWER_KW, power.kw);
    if let Some(msg) = rules::power(power) {
        x.error(rules::POWER, "machine.engine.power_kw", at::POWER_KW, msg);
    }
    if let Some(v) = engine.and_then(|e| e.volume_cm3) {
        decimal(x, "machine.engine.volume_cm3", at::VOLUME, v);
    }
    x.empty();

    // СвРегис (таблица 4.6)
    let reg = &r.registration;
    x.open(el::REGISTRATION);
    x.opt(
        "registration.document_code",
        at::REG_DOC_CODE,
        reg.document_code.as_deref(),
    );
    x.attr(
        "registration.certificate",
        at::REG_DOC_NUMBER,
        &reg.certificate.series_number_compact(),
    );
    date(
        x,
        "registration.certificate.issued_on",
        at::REG_DOC_DATE,
        reg.certificate.issued_on,
        Some(file_date),
    );
    if let Some(d) = reg.registered_on {
        date(
            x,
            "registration.registered_on",
            at::REG_DATE,
            d,
            Some(file_date),
        );
    }
    x.empty();

    // Владелец (таблицы 4.7-4.9)
    let own = "ownership_code";
    match &r.owner {
        Owner::RussianOrganisation(o) => {
            x.open(el::OWNER_RU_ORG);
            x.attr(own, at::OWNERSHIP, &r.ownership_code);
            x.attr("owner.name", at::ORG_NAME, &o.name);
            x.attr_ascii("owner.inn", at::INN_ORG, o.inn.as_bytes());
            let (kpp_field, kpp) = match &o.subdivision {
                Some(s) => ("owner.subdivision.kpp", s.kpp),
                None => ("owner.kpp", o.kpp),
            };
            x.attr_ascii(kpp_field, at::KPP, kpp.as_bytes());
            // An identifier is never blank: `opt` would write it as `attr` does.
            if let Some(g) = &o.ogrn {
                x.attr_ascii("owner.ogrn", at::OGRN, g.as_bytes());
            }
            x.children();
            match &o.subdivision {
                Some(s) => address(
                    x,
                    "owner.subdivision.address",
                    el::OWNER_ADDRESS,
                    &s.address,
                ),
                None => address(x, "owner.address", el::OWNER_ADDRESS, &o.address),
            }
            x.close();
        }
        Owner::ForeignOrganisation(o) => {
            x.open(el::OWNER_FOREIGN_ORG);
            x.attr(own, at::OWNERSHIP, &r.ownership_code);
            x.attr("owner", at::ORG_SIGN, FOREIGN_ORG_SIGN);
            x.attr("owner.name", at::ORG_NAME, &o.name);
            x.attr_ascii("owner.inn", at::INN_ORG, o.inn.as_bytes());
            x.attr_ascii("owner.kpp", at::KPP, o.kpp.as_bytes());
            x.attr_ascii("owner.country", at::COUNTRY, o.country.as_bytes());
            x.opt(
                "owner.registration_number",
                at::FOREIGN_REG_NUMBER,
                o.registration_number.as_deref(),
            );
            if let Some(d) = o.registration_date {
                date(
                    x,
                    "owner.registration_date",
                    at::FOREIGN_REG_DATE,
                    d,
                    Some(file_date),
                );
            }
            x.opt(
                "owner.registering_authority",
                at::FOREIGN_REG_AUTHORITY,
                o.registering_authority.as_deref(),
            );
            x.opt(
                "owner.foreign_address",
                at::FOREIGN_ADDRESS,
                o.foreign_address.as_deref(),
            );
            x.children();
            address(x, "owner.address", el::OWNER_ADDRESS, &o.address);
            x.close();
        }
        Owner::Citizen(c) => person(x, &r.ownership_code, &c.person, file_date),
        Owner::SoleTrader(s) => {
            if s.person.inn.is_none() {
                x.error(
                    "F006",
                    "owner.inn",
                    at::INN_PERSON,
                    "у индивидуального предпринимателя ИНН обязателен".to_owned(),
                );
            }
            person(x, &r.ownership_code, &s.person, file_date)
        }
    }
    x.close(); // Документ
    x.leave();
}

fn person(x: &mut Xml, ownership: &str, p: &Person, file_date: NaiveDate) {
    x.open(el::OWNER_PERSON);
    x.attr("ownership_code", at::OWNERSHIP, ownership);
    // An identifier is never blank: `opt` would write it as `attr` does.
    if let Some(i) = &p.inn {
        x.attr_ascii("owner.inn", at::INN_PERSON, i.as_bytes());
    }
    date(
        x,
        "owner.birth_date",
        at::BIRTH_DATE,
        p.birth_date,
        Some(file_date),
    );
    match p.citizenship {
        Some(c) => {
            x.attr_ascii("owner.citizenship", at::CITIZENSHIP, c.as_bytes());
            x.attr("owner.citizenship", at::CITIZENSHIP_NAME, c.short_name());
        }
        None => x.attr(
            "owner.citizenship",
            at::CITIZENSHIP_NAME,
            "ЛИЦО БЕЗ ГРАЖДАНСТВА",
        ),
    }
    x.attr("owner.sex", at::SEX, p.sex.code());
    x.opt(
        "owner.birth_place",
        at::BIRTH_PLACE,
        p.birth_place.as_deref(),
    );
    x.children();
    full_name(x, "owner.full_name", el::FULL_NAME, &p.full_name);
    address(x, "owner.address", el::OWNER_ADDRESS, &p.address);
    let d = &p.identity_document;
    x.open(el::IDENTITY_DOC);
    x.attr_ascii(
        "owner.identity_document.code",
        at::DOC_CODE,
        d.code.as_bytes(),
    );
    x.attr(
        "owner.identity_document.series_number",
        at::DOC_NUMBER,
        d.series_number.as_str(),
    );
    date(
        x,
        "owner.identity_document.issued_on",
        at::DOC_DATE,
        d.issued_on,
        Some(file_date),
    );
    x.attr(
        "owner.identity_document.issued_by",
        at::DOC_ISSUER,
        &d.issued_by,
    );
    x.opt(
        "owner.identity_document.issuer_code",
        at::DOC_ISSUER_CODE,
        d.issuer_code.as_deref(),
    );
    x.empty();
    x.close();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GUIDs from the pool are v4 GUIDs written as before (upper case,
    /// hyphens, as `to_string().to_uppercase()`), and distinct across
    /// refills of the pool.
    #[test]
    fn random_guids_are_distinct_upper_case_v4() {
        let mut ids = RandomGuids::default();
        let mut seen = std::collections::HashSet::new();
        for _ in 0..1000 {
            let id = ids.next_id();
            let parsed = uuid::Uuid::parse_str(&id).unwrap();
            assert_eq!(id, parsed.to_string().to_uppercase());
            assert_eq!(parsed.get_version(), Some(uuid::Version::Random), "{id}");
            assert_eq!(parsed.get_variant(), uuid::Variant::RFC4122, "{id}");
            assert!(seen.insert(id));
        }
    }

    #[test]
    fn decimal_text_is_display() {
        let mut values: Vec<i64> = vec![0, 1, 10, 999_999, 1_000_000, 1_000_001, 81_500_000];
        let mut x: u64 = 15;
        for _ in 0..20_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let m = (x >> 1) as i64;
            values.push(m % 10_i64.pow((x % 19) as u32).max(1));
        }
        for m in values {
            let v = Decimal6::from_micros(m);
            let mut text = [0u8; 32];
            assert_eq!(decimal_text(v, &mut text), v.to_string().as_bytes(), "{m}");
        }
    }
}
