//! Russian wording of the messages of serde, serde_json, toml and chrono
//! that users meet when an input file is wrong, shared by every crate that
//! reads JSON or TOML, and of I/O errors. No English word of those crates
//! reaches a person: what is not recognised becomes a general Russian
//! message («запись не читается»), never the original text.

/// The Russian wording of a serde_json error message, without the
/// " at line L column C" that serde_json appends (callers report the
/// position separately).
pub fn translate_json(msg: &str) -> String {
    translate_syntax(&strip_position(msg), "JSON")
}

/// The Russian wording of a toml error message (`toml::de::Error::message`).
pub fn translate_toml(msg: &str) -> String {
    translate_syntax(msg.trim(), "TOML")
}

/// serde_json appends " at line L column C"; we report those separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c))
}

/// Names in backticks: "`a`, `b`" → ["a", "b"].
fn ticked(s: &str) -> Vec<&str> {
    s.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, x)| x)
        .collect()
}

/// What serde expected, in the user's words: `u16` → «целое число».
pub fn expected_words(want: &str) -> String {
    let w = want.trim();
    let int = |lo: &str, hi: &str| format!("целое число от {lo} до {hi}");
    match w {
        "u8" => int("0", "255"),
        "u16" => int("0", "65535"),
        "u32" => int("0", "4294967295"),
        "u64" | "usize" | "u128" => "целое число не меньше 0".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "isize" | "i128" => "целое число".to_owned(),
        "f32" | "f64" | "a float" => "число".to_owned(),
        "a formatted date string" => "дата ГГГГ-ММ-ДД в кавычках".to_owned(),
        "a string" | "a borrowed string" | "string" => "строка в кавычках".to_owned(),
        "a boolean" | "bool" => "true или false".to_owned(),
        "a character" | "char" => "один символ".to_owned(),
        "a sequence" | "a list" | "an array" => "список [ … ]".to_owned(),
        "a map" => "объект { … }".to_owned(),
        "unit" | "null" => "null".to_owned(),
        "option" => "значение или null".to_owned(),
        "a valid date" | "a date" => "дата ГГГГ-ММ-ДД".to_owned(),
        _ if w.starts_with("struct ")
            || w.starts_with("map")
            || w.starts_with("struct variant") =>
        {
            "объект { … }".to_owned()
        }
        _ if w.starts_with("internally tagged enum") || w.starts_with("adjacently tagged enum") => {
            "объект { … } с полем kind".to_owned()
        }
        _ if w.starts_with("enum ") || w.contains("variant") => {
            "одно из допустимых значений".to_owned()
        }
        _ if w.starts_with("tuple") || w.starts_with("an array of length") => {
            "список [ … ]".to_owned()
        }
        _ if w.starts_with("newtype struct") => "значение".to_owned(),
        _ if has_cyrillic(w) => w.to_owned(),
        _ => "значение другого вида".to_owned(),
    }
}

/// What serde found (its `Unexpected` display), in the user's words.
pub fn found_words(got: &str) -> String {
    let g = got.trim();
    let inner = |p: &str| {
        g.strip_prefix(p)
            .map(|r| r.trim().trim_matches('`').trim_matches('"').to_owned())
    };
    if let Some(v) = inner("string") {
        return format!("строка «{v}»");
    }
    if let Some(v) = inner("integer") {
        return format!("целое число {v}");
    }
    if let Some(v) = inner("floating point") {
        return format!("дробное число {v}");
    }
    if let Some(v) = inner("boolean") {
        return v;
    }
    if let Some(v) = inner("character") {
        return format!("символ «{v}»");
    }
    match g {
        "map" => "объект { … }".to_owned(),
        "sequence" => "список [ … ]".to_owned(),
        "null" | "unit value" | "unit" => "null".to_owned(),
        "unit variant" | "newtype variant" | "tuple variant" | "struct variant" => {
            "значение перечня".to_owned()
        }
        _ if has_cyrillic(g) => g.to_owned(),
        _ => "значение другого вида".to_owned(),
    }
}

/// The unknown field and the nearest known one: «неизвестное поле «power_kW»;
/// может быть, power_kw?».
fn unknown_field(rest: &str) -> String {
    let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let name = name.trim().trim_matches('`');
    let known = ticked(expected);
    let mut s = format!("неизвестное поле «{name}»");
    if let Some(n) = gtn_diag::text::nearest(name, known.iter().copied()) {
        s += &format!("; может быть, {n}?");
    } else if !known.is_empty() {
        s += &format!("; допустимы: {}", known.join(", "));
    } else if expected.contains("no fields") {
        s += "; здесь полей нет";
    }
    s
}

/// Russian wording for the messages of serde, serde_json and chrono that
/// users meet; a message that is already Russian passes unchanged, any
/// other becomes «значение не читается».
pub fn translate(msg: &str) -> String {
    translate_syntax(msg, "")
}

fn translate_syntax(msg: &str, lang: &str) -> String {
    let msg = msg.trim();
    let first = msg.lines().next().unwrap_or("").trim();
    if let Some(rest) = first.strip_prefix("missing field ") {
        return format!("нет обязательного поля {}", quote(rest));
    }
    if let Some(rest) = first.strip_prefix("unknown field ") {
        return unknown_field(rest);
    }
    if let Some(rest) = first.strip_prefix("duplicate field ") {
        return format!("поле {} указано дважды", quote(rest));
    }
    if let Some(rest) = first.strip_prefix("duplicate key ") {
        let key = ticked(rest).first().copied().unwrap_or(rest).to_owned();
        return format!("ключ «{key}» указан дважды");
    }
    if let Some(rest) = first.strip_prefix("unknown variant ") {
        let (v, allowed) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let allowed = ticked(allowed);
        let v = v.trim().trim_matches('`');
        let mut s = format!("недопустимое значение «{v}»");
        if let Some(n) = gtn_diag::text::nearest(v, allowed.iter().copied()) {
            s += &format!("; может быть, {n}?");
        }
        if !allowed.is_empty() {
            s += &format!(" Допустимы: {}", allowed.join(", "));
        }
        return s;
    }
    if let Some(rest) = first.strip_prefix("invalid type: ") {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "ожидается {}, а указано: {}",
            expected_words(want),
            found_words(got)
        );
    }
    if let Some(rest) = first.strip_prefix("invalid value: ") {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "недопустимое значение ({}); ожидается {}",
            found_words(got),
            expected_words(want)
        );
    }
    if let Some(rest) = first.strip_prefix("invalid length ") {
        let (n, want) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "неверная длина {}; ожидается {}",
            n.trim(),
            expected_words(want)
        );
    }
    if first.starts_with("data did not match any variant") {
        return "значение не подходит ни под один из допустимых видов".to_owned();
    }
    let syntax = |what: &str| {
        if lang.is_empty() {
            what.to_owned()
        } else {
            format!("нарушен синтаксис {lang}: {what}")
        }
    };
    match first {
        "input is out of range" => return "такой даты нет в календаре".to_owned(),
        "input contains invalid characters"
        | "premature end of input"
        | "trailing input"
        | "input is not enough for unique date and time"
        | "bad or unsupported format string"
        | "input is too short"
        | "input is too long" => return "ожидается дата в виде ГГГГ-ММ-ДД".to_owned(),
        _ => {}
    }
    if first.starts_with("EOF while parsing") {
        return syntax("запись оборвана, не закончена");
    }
    if first.starts_with("expected value") {
        return syntax(
            "ожидается значение (строка в кавычках, число, true, false, null, объект или список)",
        );
    }
    if first.starts_with("expected `,` or `}`") {
        return syntax("ожидается «,» или «}»");
    }
    if first.starts_with("expected `,` or `]`") {
        return syntax("ожидается «,» или «]»");
    }
    if first.starts_with("expected `:`") {
        return syntax("после имени поля ожидается «:»");
    }
    if first.starts_with("expected ident") {
        return syntax("ожидается true, false или null");
    }
    if first.starts_with("key must be a string") {
        return syntax("имя поля должно быть строкой в кавычках");
    }
    if first.starts_with("trailing characters") || first.starts_with("unexpected content") {
        return syntax("после записи есть лишние символы");
    }
    if first.starts_with("trailing comma") {
        return syntax("лишняя запятая перед закрывающей скобкой");
    }
    if first.starts_with("control character") {
        return syntax(
            "управляющий символ внутри строки (перевод строки или табуляция пишутся как \\n, \\t)",
        );
    }
    if first.starts_with("invalid escape") || first.starts_with("invalid escape sequence") {
        return syntax("неверная экранированная последовательность после «\\»");
    }
    if first.starts_with("invalid unicode code point")
        || first.contains("surrogate")
        || first.starts_with("unexpected end of hex escape")
    {
        return syntax("неверный код символа \\u");
    }
    if first.starts_with("invalid number") || first.starts_with("number out of range") {
        return syntax("число записано неверно или слишком велико");
    }
    if first.starts_with("recursion limit exceeded") {
        return syntax("слишком глубокая вложенность");
    }
    if first.contains("valid UTF-8") || first.contains("invalid UTF-8") {
        return "текст не в кодировке UTF-8".to_owned();
    }
    // TOML.
    if first.starts_with("invalid basic string") || first.starts_with("invalid string") {
        return syntax("строка не закрыта или содержит недопустимый символ");
    }
    if first.starts_with("invalid literal string") {
        return syntax("строка в одинарных кавычках не закрыта");
    }
    if first.starts_with("invalid key") || first.starts_with("invalid unquoted key") {
        return syntax("неверное имя ключа");
    }
    if first.starts_with("invalid table header") || first.starts_with("unclosed table") {
        return syntax("неверный заголовок таблицы [ … ]");
    }
    if first.starts_with("invalid inline table") {
        return syntax("неверная таблица { … }");
    }
    if first.starts_with("invalid array") || first.starts_with("unclosed array") {
        return syntax("неверный список [ … ]");
    }
    if first.starts_with("string values must be quoted") {
        return syntax("строковое значение должно быть в кавычках");
    }
    if first.starts_with("expected newline") {
        return syntax("после значения ожидается конец строки");
    }
    if first.starts_with("invalid")
        || first.starts_with("expected")
        || first.starts_with("unexpected")
    {
        return syntax("запись не читается");
    }
    if has_cyrillic(first) {
        return msg.to_owned();
    }
    if lang.is_empty() {
        "значение не читается".to_owned()
    } else {
        syntax("запись не читается")
    }
}

fn quote(s: &str) -> String {
    format!("«{}»", s.trim().trim_matches('`'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_english_in_common_serde_messages() {
        for (en, ru) in [
            (
                "invalid type: string \"abc\", expected u16",
                "ожидается целое число от 0 до 65535, а указано: строка «abc»",
            ),
            (
                "invalid type: integer `5`, expected a string",
                "ожидается строка в кавычках, а указано: целое число 5",
            ),
            (
                "invalid type: map, expected struct Record",
                "ожидается объект { … }, а указано: объект { … }",
            ),
            (
                "invalid value: integer `70000`, expected u16",
                "недопустимое значение (целое число 70000); ожидается целое число от 0 до 65535",
            ),
            ("duplicate field `inn`", "поле «inn» указано дважды"),
            (
                "unknown field `power_kW`, expected one of `power_hp`, `power_kw`, `volume_cm3`",
                "неизвестное поле «power_kW»; может быть, power_kw?",
            ),
            (
                "unknown field `colour`, expected `number`",
                "неизвестное поле «colour»; допустимы: number",
            ),
            ("missing field `inn`", "нет обязательного поля «inn»"),
        ] {
            assert_eq!(translate(en), ru, "{en}");
        }
        assert_eq!(
            translate_json("expected `,` or `}` at line 1 column 5"),
            "нарушен синтаксис JSON: ожидается «,» или «}»"
        );
        assert_eq!(
            translate_toml("invalid basic string"),
            "нарушен синтаксис TOML: строка не закрыта или содержит недопустимый символ"
        );
        assert_eq!(
            translate("something new in English"),
            "значение не читается"
        );
        assert_eq!(
            translate("ИНН: ожидается 10 знаков"),
            "ИНН: ожидается 10 знаков"
        );
    }

    /// The model's text fields are `CompactString`: what its deserializer
    /// says of a value of the wrong type (compact_str's words, not serde's)
    /// still comes out in Russian, so an upgrade of compact_str cannot turn
    /// these messages into English unnoticed.
    #[test]
    fn wrong_type_of_a_text_field_is_said_in_russian() {
        let street = |json: &str| {
            let e = serde_json::from_str::<crate::RussianAddress>(json)
                .err()
                .map(|e| translate_json(&e.to_string()));
            e.unwrap_or_default()
        };
        for (json, ru) in [
            (
                r#"{"region": "77", "street": 5}"#,
                "ожидается строка в кавычках, а указано: целое число 5",
            ),
            (
                r#"{"region": "77", "street": true}"#,
                "ожидается строка в кавычках, а указано: true",
            ),
            (
                r#"{"region": "77", "street": ["a"]}"#,
                "ожидается строка в кавычках, а указано: список [ … ]",
            ),
        ] {
            assert_eq!(street(json), ru, "{json}");
        }
    }
}

/// What was being done when an I/O error happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoAction {
    /// Reading a file.
    Read,
    /// Writing a file.
    Write,
    /// Creating a folder.
    CreateDir,
    /// Listing a folder.
    ListDir,
}

/// The Russian wording of an I/O error met while reading a line of a file
/// already open (the caller gives the file and line).
pub fn io_read_line(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::InvalidData => {
            "строка не в кодировке UTF-8 (текст должен быть в UTF-8)".to_owned()
        }
        std::io::ErrorKind::UnexpectedEof => "файл оборван".to_owned(),
        _ => match e.raw_os_error() {
            Some(n) => format!("строка не прочитана: ошибка ввода-вывода, код системы {n}"),
            None => "строка не прочитана: ошибка ввода-вывода".to_owned(),
        },
    }
}

/// The Russian wording of an I/O error, with the path: «нет такого файла: …»,
/// «нет прав на запись в папку …». The OS's English text never reaches the user.
pub fn io_error(action: IoAction, path: &str, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match action {
        IoAction::Read => "чтение",
        IoAction::Write => "запись",
        IoAction::CreateDir => "создание папки",
        IoAction::ListDir => "чтение папки",
    };
    match (e.kind(), action) {
        (K::NotFound, IoAction::Read) => format!("нет такого файла: {path}"),
        (K::NotFound, IoAction::ListDir) => format!("нет такой папки: {path}"),
        (K::NotFound, _) => format!("нет такой папки: {path}"),
        (K::PermissionDenied, IoAction::Read) => format!("нет прав на чтение файла {path}"),
        (K::PermissionDenied, IoAction::ListDir) => format!("нет прав на чтение папки {path}"),
        (K::PermissionDenied, _) => format!("нет прав на запись в папку {path}"),
        (K::ReadOnlyFilesystem, _) => format!("папка {path} только для чтения"),
        (K::AlreadyExists, _) => format!("{path} уже существует"),
        (K::IsADirectory, _) => format!("{path} — папка, а нужен файл"),
        (K::NotADirectory, _) => format!("{path}: часть пути — файл, а не папка"),
        (K::InvalidData, IoAction::Read) => {
            format!("{path}: файл не в кодировке UTF-8 (текст должен быть в UTF-8)")
        }
        (K::StorageFull, _) => format!("{path}: нет места на диске"),
        (K::UnexpectedEof, _) => format!("{path}: файл оборван"),
        (K::Interrupted, _) => format!("{path}: прервано"),
        _ => match e.raw_os_error() {
            Some(21) => format!("{path} — папка, а нужен файл"),
            Some(20) => format!("{path}: часть пути — файл, а не папка"),
            Some(28) => format!("{path}: нет места на диске"),
            Some(36) => format!("{path}: слишком длинное имя"),
            Some(n) => format!("{path}: ошибка ввода-вывода ({what}), код системы {n}"),
            None => format!("{path}: ошибка ввода-вывода ({what})"),
        },
    }
}
