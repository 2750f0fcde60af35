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
