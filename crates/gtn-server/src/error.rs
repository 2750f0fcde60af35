//! Answers that are not results: a status and the JSON error object.
//!
//! Codes of the service itself (H0xx):
//!
//! | code | status | meaning |
//! |---|---|---|
//! | H001 | 413 | тело запроса больше предела |
//! | H002 | 401 | нет или неверный токен (Authorization: Bearer) |
//! | H003 | 503 | сервис занят: все обработчики заняты, повторите позже |
//! | H004 | 400 | неверный или отсутствующий параметр запроса |
//! | H005 | 415 | неподдерживаемый Content-Type |
//! | H006 | 408 | время обработки или ожидания тела истекло |
//! | H007 | 404 | нет такого адреса или кода |
//! | H008 | 400 | тело запроса не прочитано (обрыв, не UTF-8, неверный multipart) |
//! | H009 | 500 | внутренняя ошибка сервиса |
//! | H010 | 405 | метод не поддерживается для этого адреса |

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use gtn_diag::Diagnostic;

/// An error answer: the status and the error report of `gtn-report`
/// (`{"version":1,"ok":false,"errors":[…]}`, as the CLI prints under
/// `--format json` when it cannot run).
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong and where (the first problem when there are several).
    pub detail: Box<Diagnostic>,
    /// The other problems found in the same request, in input order: a
    /// list with three bad lines names all three, as the CLI does.
    pub more: Vec<Diagnostic>,
    /// `Retry-After` seconds, for 503.
    pub retry_after: Option<u32>,
}

impl ApiError {
    /// An error with a code and a message, no location.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self::from_diagnostic(status, Diagnostic::error(code.to_owned(), message))
    }

    /// An error from a library's diagnostic.
    pub fn from_diagnostic(status: StatusCode, d: Diagnostic) -> Self {
        Self {
            status,
            detail: Box::new(d),
            more: Vec::new(),
            retry_after: None,
        }
    }

    /// H001, 413.
    pub fn too_large(limit: u64) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "H001",
            format!("тело запроса больше допустимого: предел {limit} байт"),
        )
    }

    /// H004, 400: a bad query parameter (its name is the path).
    pub fn bad_param(name: &str, message: impl std::fmt::Display) -> Self {
        let mut e = Self::new(
            StatusCode::BAD_REQUEST,
            "H004",
            format!("параметр {name}: {message}"),
        );
        e.detail.path = Some(name.to_owned());
        e
    }

    /// H005, 415.
    pub fn media_type(got: &str, expected: &str) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "H005",
            format!("Content-Type «{got}» не поддерживается; ожидается {expected}"),
        )
    }

    /// H006, 408.
    pub fn timeout(what: &str) -> Self {
        Self::new(
            StatusCode::REQUEST_TIMEOUT,
            "H006",
            format!("время истекло: {what}"),
        )
    }

    /// H008, 400: the body could not be read.
    pub fn body(message: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "H008",
            format!("тело запроса не прочитано: {message}"),
        )
    }

    /// H009, 500.
    pub fn internal(message: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "H009",
            format!("внутренняя ошибка сервиса: {message}"),
        )
    }

    /// 422 with a library's diagnostic.
    pub fn unprocessable(d: impl Into<Diagnostic>) -> Self {
        Self::from_diagnostic(StatusCode::UNPROCESSABLE_ENTITY, d.into())
    }

    /// 422 with every problem of the request, in input order; `None` when
    /// there is none.
    pub fn unprocessable_all(list: impl IntoIterator<Item = Diagnostic>) -> Option<Self> {
        let mut list = list.into_iter();
        let mut e = Self::unprocessable(list.next()?);
        e.more = list.collect();
        Some(e)
    }

    /// Adds the location: which input, line, column, field.
    pub fn at(mut self, file: &str, line: usize, column: usize, path: Option<String>) -> Self {
        let d = std::mem::replace(&mut *self.detail, Diagnostic::error("", ""));
        let mut d = d.with_file(file.to_owned()).at(line as u64, column as u64);
        if path.is_some() {
            d.path = path;
        }
        *self.detail = d;
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self.detail.code.to_string();
        let mut errors = vec![*self.detail];
        errors.extend(self.more);
        let report = gtn_report::ErrorReport::new(errors);
        let mut r = crate::json::answer(self.status, &report);
        if let Some(s) = self.retry_after {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        r.extensions_mut()
            .insert(crate::middleware::ErrorCode(code));
        r
    }
}
