//! Around every request: the request id and the log line, the token, the
//! bound on requests at once.
//!
//! The log line names the request id, method, route template (never the
//! query string or the body: they carry names, document numbers, ИНН and
//! plates), status, duration and bytes in and out.

use crate::error::ApiError;
use crate::AppState;
use axum::body::HttpBody;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Instant;
use subtle::ConstantTimeEq;

/// Header carrying the request id, both ways.
pub const REQUEST_ID: &str = "x-request-id";

/// The code of an error answer, for the log line.
#[derive(Debug, Clone)]
pub struct ErrorCode(pub String);

/// Bytes of a streamed body, set by the handler that read it.
#[derive(Debug, Clone, Copy)]
pub struct BytesIn(pub u64);

/// An incoming id is kept if it is short and plain; otherwise a new one.
fn request_id(req: &Request) -> String {
    req.headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|s| {
            !s.is_empty()
                && s.len() <= 64
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}

/// Request id and the log line.
pub async fn trace(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request_id(&req);
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| "-".to_owned());
    let declared_in = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let span = tracing::info_span!("request", id = %id, method = %method, route = %route);
    let mut resp = {
        use tracing::Instrument;
        next.run(req).instrument(span.clone()).await
    };
    let bytes_in = resp
        .extensions()
        .get::<BytesIn>()
        .map(|b| b.0)
        .or(declared_in)
        .unwrap_or(0);
    let bytes_out = resp.body().size_hint().exact();
    let status = resp.status().as_u16();
    let code = resp.extensions().get::<ErrorCode>().map(|c| c.0.clone());
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| {
        tracing::info!(
            status,
            ms = format_args!("{ms:.1}"),
            bytes_in,
            bytes_out = %bytes_out.map_or_else(|| "stream".to_owned(), |b| b.to_string()),
            error = %code.as_deref().unwrap_or("-"),
            "answered"
        )
    });
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert(REQUEST_ID, v);
    }
    resp
}

/// The bearer token, compared in constant time.
pub async fn auth(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let Some(token) = &st.config.token else {
        return next.run(req).await;
    };
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .unwrap_or("");
    if bool::from(given.as_bytes().ct_eq(token.as_bytes())) {
        return next.run(req).await;
    }
    let mut r = ApiError::new(
        StatusCode::UNAUTHORIZED,
        "H002",
        if given.is_empty() {
            "нужен токен доступа: заголовок Authorization: Bearer <токен>"
        } else {
            "токен доступа неверен"
        },
    )
    .into_response();
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"gtn\""),
    );
    r
}

/// At most `workers` requests at once; the rest get 503 at once, with
/// `Retry-After`, instead of waiting in a queue that hides the overload.
pub async fn limit(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    match st.slots.clone().try_acquire_owned() {
        Ok(permit) => {
            let resp = next.run(req).await;
            drop(permit);
            resp
        }
        Err(_) => {
            let mut e = ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "H003",
                format!(
                    "сервис занят: в работе уже {} запросов; повторите через секунду",
                    st.config.workers
                ),
            );
            e.retry_after = Some(1);
            e.into_response()
        }
    }
}

/// Unknown address: 404 with the error object.
pub async fn not_found() -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "H007",
        "нет такого адреса; список — GET /v1/openapi.json",
    )
    .into_response()
}

/// Turns axum's plain-text rejections (405, a bad query…) into the error
/// object.
pub async fn json_errors(req: Request, next: Next) -> Response {
    let resp = next.run(req).await;
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let status = resp.status();
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return resp;
    }
    let (code, message) = match status {
        StatusCode::METHOD_NOT_ALLOWED => (
            "H010",
            "метод не поддерживается для этого адреса".to_owned(),
        ),
        StatusCode::NOT_FOUND => ("H007", "нет такого адреса".to_owned()),
        StatusCode::PAYLOAD_TOO_LARGE => ("H001", "тело запроса больше допустимого".to_owned()),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("H005", "неподдерживаемый Content-Type".to_owned()),
        s if s.is_server_error() => ("H009", "внутренняя ошибка сервиса".to_owned()),
        s => ("H004", format!("неверный запрос (HTTP {})", s.as_u16())),
    };
    let mut out = ApiError::new(status, code, message).into_response();
    if let Some(v) = resp.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, v.clone());
    }
    out
}
