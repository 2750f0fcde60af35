//! XML element and attribute names of the format, in one place (таблицы 4.1-4.12).
//!
//! Constants are UTF-8; [`to_1251`] gives the bytes a windows-1251 file holds.

/// Префикс имени файла обмена (R_T).
pub const FILE_PREFIX: &str = "VO_AVTOTS";
/// Идентификатор получателя (P): МИ ФНС России по ЦОД.
pub const RECIPIENT: &str = "9965";
/// The first line of the file (п. 3 of the format, «Параметры первой строки»;
/// the format prints it with other white space, the same declaration).
pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>";
/// ТипИнф: ежегодные сведения.
pub const INFO_YEAR: &str = "ГОСТЕХНАДЗОР_ТС_ГОД";
/// ТипИнф: сведения в течение 10 рабочих дней.
pub const INFO_10: &str = "ГОСТЕХНАДЗОР_ТС_10";
/// ПризнОрг иностранной организации, действующей через обособленное подразделение.
pub const FOREIGN_ORG_SIGN: &str = "3";

/// Именованные сложные типы схемы («типовые элементы» таблиц 4.5-4.9,
/// описанные в таблицах 4.10-4.12): только их может назвать `xsi:type`.
pub mod ty {
    /// ФИОТип (таблица 4.12).
    pub const FULL_NAME: &str = "ФИОТип";
    /// АдрРФТип (таблица 4.11).
    pub const ADDRESS: &str = "АдрРФТип";
    /// УдЛичнФЛТип (таблица 4.10).
    pub const IDENTITY_DOC: &str = "УдЛичнФЛТип";
}

/// Элементы.
pub mod el {
    /// Файл (таблица 4.1).
    pub const FILE: &str = "Файл";
    /// ИдОтпр (таблица 4.2).
    pub const SENDER: &str = "ИдОтпр";
    /// ФИООтв.
    pub const RESPONSIBLE_NAME: &str = "ФИООтв";
    /// СвОргРег (таблица 4.3).
    pub const REG_ORG: &str = "СвОргРег";
    /// АдрРФРег.
    pub const REG_ORG_ADDRESS: &str = "АдрРФРег";
    /// ФИОРук.
    pub const HEAD_NAME: &str = "ФИОРук";
    /// Документ (таблица 4.4).
    pub const DOCUMENT: &str = "Документ";
    /// СвТрансп (таблица 4.5).
    pub const MACHINE: &str = "СвТрансп";
    /// СвРегис (таблица 4.6).
    pub const REGISTRATION: &str = "СвРегис";
    /// СведЮЛРос (таблица 4.7).
    pub const OWNER_RU_ORG: &str = "СведЮЛРос";
    /// СведЮЛИно (таблица 4.8).
    pub const OWNER_FOREIGN_ORG: &str = "СведЮЛИно";
    /// СведФЛ (таблица 4.9).
    pub const OWNER_PERSON: &str = "СведФЛ";
    /// АдрПрав.
    pub const OWNER_ADDRESS: &str = "АдрПрав";
    /// ФИО.
    pub const FULL_NAME: &str = "ФИО";
    /// УдЛичнФЛ (таблица 4.10).
    pub const IDENTITY_DOC: &str = "УдЛичнФЛ";
}

/// Атрибуты.
pub mod at {
    /// ИдФайл.
    pub const FILE_ID: &str = "ИдФайл";
    /// ВерсФорм.
    pub const FORMAT_VERSION: &str = "ВерсФорм";
    /// ТипИнф.
    pub const INFO_TYPE: &str = "ТипИнф";
    /// ВерсПрог.
    pub const PROGRAM_VERSION: &str = "ВерсПрог";
    /// КолДок.
    pub const DOC_COUNT: &str = "КолДок";
    /// ГодПериодОтч.
    pub const REPORT_YEAR: &str = "ГодПериодОтч";
    /// ДолжОтв.
    pub const POSITION: &str = "ДолжОтв";
    /// Тлф.
    pub const PHONE: &str = "Тлф";
    /// E-mail.
    pub const EMAIL: &str = "E-mail";
    /// НаимОрг.
    pub const ORG_NAME: &str = "НаимОрг";
    /// ИННЮЛ.
    pub const INN_ORG: &str = "ИННЮЛ";
    /// КПП.
    pub const KPP: &str = "КПП";
    /// ОГРН.
    pub const OGRN: &str = "ОГРН";
    /// ИдДок.
    pub const DOC_ID: &str = "ИдДок";
    /// КодОпер.
    pub const OPERATION: &str = "КодОпер";
    /// КодПодр.
    pub const SUBDIVISION: &str = "КодПодр";
    /// ДатаОпер.
    pub const OPERATION_DATE: &str = "ДатаОпер";
    /// ГосРегЗн.
    pub const PLATE: &str = "ГосРегЗн";
    /// ПредГосРегЗн.
    pub const PREVIOUS_PLATE: &str = "ПредГосРегЗн";
    /// ИденНом.
    pub const VIN: &str = "ИденНом";
    /// Марка.
    pub const MAKE: &str = "Марка";
    /// КодВид.
    pub const KIND: &str = "КодВид";
    /// КодТип.
    pub const TYPE: &str = "КодТип";
    /// КодНазн.
    pub const PURPOSE: &str = "КодНазн";
    /// КодКат.
    pub const CATEGORY: &str = "КодКат";
    /// ГодВып.
    pub const YEAR: &str = "ГодВып";
    /// НомДвиг.
    pub const ENGINE_NUMBER: &str = "НомДвиг";
    /// ЗаводНомер.
    pub const FACTORY_NUMBER: &str = "ЗаводНомер";
    /// НомКуз.
    pub const BODY_NUMBER: &str = "НомКуз";
    /// МощДвЛС.
    pub const POWER_HP: &str = "МощДвЛС";
    /// МощДвКвт.
    pub const POWER_KW: &str = "МощДвКвт";
    /// ОбъемДвиг.
    pub const VOLUME: &str = "ОбъемДвиг";
    /// КодРегДок.
    pub const REG_DOC_CODE: &str = "КодРегДок";
    /// СерНомРегДок.
    pub const REG_DOC_NUMBER: &str = "СерНомРегДок";
    /// ДатаВыдРегДок.
    pub const REG_DOC_DATE: &str = "ДатаВыдРегДок";
    /// ДатаРег.
    pub const REG_DATE: &str = "ДатаРег";
    /// КодСобстДОБДД.
    pub const OWNERSHIP: &str = "КодСобстДОБДД";
    /// ПризнОрг.
    pub const ORG_SIGN: &str = "ПризнОрг";
    /// КодСтрИно.
    pub const COUNTRY: &str = "КодСтрИно";
    /// РегНомИно.
    pub const FOREIGN_REG_NUMBER: &str = "РегНомИно";
    /// ДатаРегИно.
    pub const FOREIGN_REG_DATE: &str = "ДатаРегИно";
    /// НаимРегОрг.
    pub const FOREIGN_REG_AUTHORITY: &str = "НаимРегОрг";
    /// АдрИно.
    pub const FOREIGN_ADDRESS: &str = "АдрИно";
    /// ИННФЛ.
    pub const INN_PERSON: &str = "ИННФЛ";
    /// ДатаРожд.
    pub const BIRTH_DATE: &str = "ДатаРожд";
    /// КодГражд.
    pub const CITIZENSHIP: &str = "КодГражд";
    /// НаимГражд.
    pub const CITIZENSHIP_NAME: &str = "НаимГражд";
    /// Пол.
    pub const SEX: &str = "Пол";
    /// МестоРожд.
    pub const BIRTH_PLACE: &str = "МестоРожд";
    /// Фамилия.
    pub const SURNAME: &str = "Фамилия";
    /// Имя.
    pub const GIVEN_NAME: &str = "Имя";
    /// Отчество.
    pub const PATRONYMIC: &str = "Отчество";
    /// КодВидДок.
    pub const DOC_CODE: &str = "КодВидДок";
    /// СерНомДок.
    pub const DOC_NUMBER: &str = "СерНомДок";
    /// ДатаДок.
    pub const DOC_DATE: &str = "ДатаДок";
    /// ВыдДок.
    pub const DOC_ISSUER: &str = "ВыдДок";
    /// КодВыдДок.
    pub const DOC_ISSUER_CODE: &str = "КодВыдДок";
    /// Индекс.
    pub const POSTAL_CODE: &str = "Индекс";
    /// КодРегион.
    pub const REGION: &str = "КодРегион";
    /// Район.
    pub const DISTRICT: &str = "Район";
    /// Город.
    pub const CITY: &str = "Город";
    /// НаселПункт.
    pub const LOCALITY: &str = "НаселПункт";
    /// Улица.
    pub const STREET: &str = "Улица";
    /// Дом.
    pub const HOUSE: &str = "Дом";
    /// Корпус.
    pub const BUILDING: &str = "Корпус";
    /// Кварт.
    pub const FLAT: &str = "Кварт";
}

/// The windows-1251 bytes of a name (every name here is encodable).
pub fn to_1251(name: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1251.encode(name).0.into_owned()
}
