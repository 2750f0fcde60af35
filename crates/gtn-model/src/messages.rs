//! Russian wording of the messages of serde, serde_json and chrono that
//! users meet when an input file is wrong, shared by every crate that reads
//! JSON or TOML.

/// The Russian wording of a serde_json error message, without the
/// " at line L column C" that serde_json appends (callers report the
/// position separately).
pub fn translate_json(msg: &str) -> String {
    translate(&strip_position(msg))
}

/// serde_json appends " at line L column C"; we report those separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Russian wording for the messages of serde, serde_json and chrono that
/// users meet; anything else passes unchanged.
pub fn translate(msg: &str) -> String {
    let tick = |s: &str| s.replace('`', "");
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("нет обязательного поля {}", quote(rest));
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let name = rest.split(',').next().unwrap_or(rest);
        return format!("неизвестное поле {}", quote(name));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (v, allowed) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "недопустимое значение {}; допустимы: {}",
            quote(v),
            tick(allowed).replace("one of ", "")
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!("неверный тип значения ({got}), ожидается {want}");
    }
    match msg {
        "input is out of range" => "такой даты нет в календаре".to_owned(),
        "input contains invalid characters"
        | "premature end of input"
        | "trailing input"
        | "input is not enough for unique date and time" => {
            "ожидается дата в виде ГГГГ-ММ-ДД".to_owned()
        }
        "EOF while parsing a value"
        | "EOF while parsing an object"
        | "EOF while parsing a string"
        | "EOF while parsing a list" => "строка оборвалась: запись JSON не закончена".to_owned(),
        m if m.starts_with("expected value")
            || m.starts_with("expected `")
            || m.starts_with("key must be") =>
        {
            format!("строка не является записью JSON ({m})")
        }
        m => m.to_owned(),
    }
}

fn quote(s: &str) -> String {
    format!("«{}»", s.trim().trim_matches('`'))
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
