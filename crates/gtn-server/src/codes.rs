//! The explanations behind `GET /v1/codes`.
//!
//! Interim: until the shared registry of codes (`gtn-diag`, issue 11) is
//! on main, this lists the service's own codes (H0xx, defined here once)
//! and the refusal grounds of п. 58 (their words come from `gtn_rules`).
//! Other codes answer 404 until then; the page shows their message alone.

use crate::json::CodeInfo;
use gtn_rules::Ground;

/// The service's own codes: code, HTTP status, meaning.
pub const SERVICE_CODES: [(&str, u16, &str); 10] = [
    ("H001", 413, "тело запроса больше предела (--max-body; 1 МиБ для /v1/check, 16 МиБ для /v1/plates)"),
    ("H002", 401, "нет токена доступа или он неверен: заголовок Authorization: Bearer <токен из --token-file>"),
    ("H003", 503, "сервис занят: все обработчики (--workers) заняты; повторите через Retry-After секунд"),
    ("H004", 400, "неверный или отсутствующий параметр запроса; поле field называет параметр"),
    ("H005", 415, "неподдерживаемый Content-Type"),
    ("H006", 408, "время истекло: тело запроса не поступало или обработка не уложилась в срок"),
    ("H007", 404, "нет такого адреса или кода"),
    ("H008", 400, "тело запроса не прочитано: обрыв соединения, не UTF-8, неверный JSON или multipart"),
    ("H009", 500, "внутренняя ошибка сервиса; подробности — в журнале сервиса по X-Request-Id"),
    ("H010", 405, "метод не поддерживается для этого адреса"),
];

/// Every code with an explanation.
pub fn all() -> Vec<CodeInfo> {
    let service = SERVICE_CODES.iter().map(|(code, status, title)| CodeInfo {
        code: (*code).to_owned(),
        severity: "error".to_owned(),
        title: (*title).to_owned(),
        source: Some(format!("gtn serve, HTTP {status}")),
        explanation: None,
    });
    let grounds = Ground::ALL.iter().map(|g| CodeInfo {
        code: g.code(),
        severity: "error".to_owned(),
        title: g.text().to_owned(),
        source: Some(format!(
            "Правила государственной регистрации (постановление № 1507), п. 58, абз. {}",
            g.paragraph()
        )),
        explanation: Some("основание для отказа в регистрационном действии".to_owned()),
    });
    service.chain(grounds).collect()
}

/// One code, compared without regard to case.
pub fn find(code: &str) -> Option<CodeInfo> {
    let code = code.trim();
    all()
        .into_iter()
        .find(|c| c.code.eq_ignore_ascii_case(code))
}
