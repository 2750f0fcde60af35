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

use crate::json::{ErrorBody, ErrorDetail};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An error answer.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// The JSON error object.
    pub detail: Box<ErrorDetail>,
    /// `Retry-After` seconds, for 503.
    pub retry_after: Option<u32>,
}

impl ApiError {
    /// An error with a code and a message, no location.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            detail: Box::new(ErrorDetail {
                code: code.to_owned(),
                message: message.into(),
                file: None,
                line: None,
                column: None,
                field: None,
            }),
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

    /// H004, 400: a bad query parameter.
    pub fn bad_param(name: &str, message: impl std::fmt::Display) -> Self {
        let mut e = Self::new(
            StatusCode::BAD_REQUEST,
            "H004",
            format!("параметр {name}: {message}"),
        );
        e.detail.field = Some(name.to_owned());
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

    /// 422 with a library's code.
    pub fn unprocessable(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// Adds the location.
    pub fn at(mut self, file: &str, line: usize, column: usize, field: Option<String>) -> Self {
        self.detail.file = Some(file.to_owned());
        self.detail.line = (line > 0).then_some(line);
        self.detail.column = (column > 0).then_some(column);
        self.detail.field = field;
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self.detail.code.clone();
        let mut r = (
            self.status,
            Json(ErrorBody {
                error: *self.detail,
            }),
        )
            .into_response();
        if let Some(s) = self.retry_after {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        r.extensions_mut().insert(code);
        r
    }
}
