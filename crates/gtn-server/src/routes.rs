//! The endpoints under `/v1`, the page at `/`.

use crate::body::{self, ChannelReader};
use crate::error::ApiError;
use crate::json;
use crate::middleware::{self, BytesIn};
use crate::openapi::schema::{
    CheckReport, ErrorReport, ExplainReport, GenerateReport, Health, PlateCheckReport,
    PlateNextReport, PlateSeriesReport, ValidateReport, Version,
};
use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{Datelike, NaiveDate};
use futures_util::StreamExt;
use gtn_diag::Diagnostic;
use gtn_fns::validate::{validate_reader, Options};
use gtn_fns::{input, GenerateError, GenerateRequest, InfoType, RandomGuids};
use gtn_model::PlateType;
use gtn_plates::{parse_issued, Allocator, Registry, RegistryError};
use gtn_rules::{evaluate_with, Application, CheckRequest};
use std::collections::HashMap;
use std::future::Future;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

type St = State<Arc<AppState>>;
type Params = Query<HashMap<String, String>>;

/// The page for office staff.
const INDEX_HTML: &str = include_str!("../static/index.html");

pub(crate) fn router(st: Arc<AppState>) -> Router {
    let limited = Router::new()
        .route("/v1/validate", post(validate))
        .route("/v1/generate", post(generate))
        .route("/v1/check", post(check))
        .route("/v1/plates/series", get(plates_series))
        .route("/v1/plates/check", get(plates_check))
        .route("/v1/plates/next", post(plates_next))
        .route("/v1/codes", get(codes))
        .route("/v1/codes/{code}", get(code))
        .route("/v1/version", get(version))
        .route("/v1/openapi.json", get(openapi))
        .route_layer(axum::middleware::from_fn_with_state(
            st.clone(),
            middleware::limit,
        ))
        .route_layer(axum::middleware::from_fn_with_state(
            st.clone(),
            middleware::auth,
        ));
    Router::new()
        .route("/", get(index))
        .route("/v1/health", get(health))
        .merge(limited)
        .fallback(middleware::not_found)
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(middleware::json_errors))
        .layer(axum::middleware::from_fn(middleware::trace))
        .with_state(st)
}

/// Runs `f` within `limit`, else 408.
async fn within<T>(
    limit: Duration,
    what: &str,
    f: impl Future<Output = Result<T, ApiError>>,
) -> Result<T, ApiError> {
    tokio::time::timeout(limit, f)
        .await
        .unwrap_or_else(|_| Err(ApiError::timeout(what)))
}

fn param<'a>(q: &'a HashMap<String, String>, name: &str) -> Result<&'a str, ApiError> {
    q.get(name)
        .map(|s| s.as_str())
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| ApiError::bad_param(name, "обязателен"))
}

fn date_param(q: &HashMap<String, String>, name: &str) -> Result<Option<NaiveDate>, ApiError> {
    q.get(name)
        .map(|s| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| ApiError::bad_param(name, format!("«{s}» — не дата ГГГГ-ММ-ДД")))
        })
        .transpose()
}

fn plate_type(q: &HashMap<String, String>) -> Result<PlateType, ApiError> {
    let t = param(q, "type")?;
    t.parse()
        .map_err(|e: gtn_model::PlateError| ApiError::bad_param("type", e))
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

// ---------------------------------------------------------------- validate

/// Проверить файл обмена VO_AVTOTS.
///
/// The body is the file's raw bytes (or `multipart/form-data` with one file
/// part), streamed through the validator: memory stays flat whatever the
/// size. Findings are data: the answer is 200 with `valid: false`.
#[utoipa::path(
    post, path = "/v1/validate", tag = "fns",
    params(
        ("name" = Option<String>, Query, description = "Имя файла (VO_AVTOTS_…xml) для проверки имени; обязательно, если тело — не multipart с именем файла"),
        ("max_errors" = Option<usize>, Query, description = "Остановиться после N ошибок (не больше предела сервиса, 10 000)"),
    ),
    request_body(content = Vec<u8>, description = "Файл как есть (windows-1251) или multipart/form-data с одной частью-файлом", content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "Отчёт, как `gtn validate --format json`", body = ValidateReport),
        (status = 400, description = "Нет имени, тело не прочитано", body = ErrorReport),
        (status = 408, description = "Тело не поступало или время истекло", body = ErrorReport),
        (status = 413, description = "Тело больше --max-body", body = ErrorReport),
    ),
    security((), ("bearer" = []))
)]
pub(crate) async fn validate(State(st): St, Query(q): Params, req: Request) -> Response {
    let cfg = &st.config;
    let limit = cfg.job_timeout;
    let mut bytes = 0u64;
    let r = within(
        limit,
        "проверка файла не уложилась в отведённое время",
        validate_inner(&st, &q, req, &mut bytes),
    )
    .await;
    let mut resp = match r {
        Ok(v) => json::ok(&v),
        Err(e) => e.into_response(),
    };
    resp.extensions_mut().insert(BytesIn(bytes));
    resp
}

fn base_name(s: &str) -> String {
    s.rsplit(['/', '\\']).next().unwrap_or(s).trim().to_owned()
}

async fn validate_inner(
    st: &AppState,
    q: &HashMap<String, String>,
    req: Request,
    bytes: &mut u64,
) -> Result<gtn_report::ValidateReport, ApiError> {
    let cfg = &st.config;
    body::check_length(req.headers(), cfg.max_body)?;
    let max_errors = match q.get("max_errors") {
        None => cfg.max_errors,
        Some(s) => s
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| {
                ApiError::bad_param("max_errors", format!("«{s}» — не целое число больше 0"))
            })?
            .min(cfg.max_errors),
    };
    let options = Options {
        max_errors: Some(max_errors),
        threads: 1,
        ..Options::default()
    };
    let query_name = q
        .get("name")
        .map(|s| base_name(s))
        .filter(|s| !s.is_empty());
    let media = body::media_type(req.headers());
    let (tx, reader) = ChannelReader::pair();

    if media == "multipart/form-data" {
        let mut mp = axum::extract::Multipart::from_request(req, &())
            .await
            .map_err(|e| ApiError::body(format!("multipart: {}", e.body_text())))?;
        loop {
            let field = mp
                .next_field()
                .await
                .map_err(|e| ApiError::body(format!("multipart: {}", e.body_text())))?;
            let Some(field) = field else {
                return Err(ApiError::body(
                    "в multipart/form-data нет части с файлом (filename)",
                ));
            };
            let Some(file_name) = field.file_name().map(base_name) else {
                continue;
            };
            let name = query_name.clone().unwrap_or(file_name);
            return run_validation(st, name, options, tx, reader, field, bytes).await;
        }
    }
    let name = query_name.ok_or_else(|| {
        ApiError::bad_param(
            "name",
            "обязателен: имя файла VO_AVTOTS_…xml, по нему проверяется имя (?name=…)",
        )
    })?;
    let stream = req.into_body().into_data_stream();
    run_validation(st, name, options, tx, reader, stream, bytes).await
}

async fn run_validation<S, E>(
    st: &AppState,
    name: String,
    options: Options,
    tx: tokio::sync::mpsc::Sender<std::io::Result<Bytes>>,
    reader: ChannelReader,
    stream: S,
    bytes: &mut u64,
) -> Result<gtn_report::ValidateReport, ApiError>
where
    S: futures_util::Stream<Item = Result<Bytes, E>>,
    E: std::fmt::Display,
{
    let cfg = &st.config;
    let job_name = name.clone();
    let job =
        tokio::task::spawn_blocking(move || validate_reader(Some(&job_name), reader, &options));
    let pumped = body::pump(stream, tx, cfg.max_body, cfg.idle_timeout).await;
    let report = job.await.map_err(ApiError::internal)?;
    *bytes = pumped?;
    Ok(json::validate(name, report))
}

// ---------------------------------------------------------------- generate

/// Сформировать файл обмена VO_AVTOTS для ФНС.
///
/// Body: JSON `{"sender": {…}, "records": [ … ]}`, or with
/// `Content-Type: application/x-ndjson` the sender on the first line and one
/// record per line after it (streamed: for large files). Every record is
/// checked first; with any error nothing is generated (422).
#[utoipa::path(
    post, path = "/v1/generate", tag = "fns",
    params(
        ("type" = String, Query, description = "10 (ГОСТЕХНАДЗОР_ТС_10) или year (ГОСТЕХНАДЗОР_ТС_ГОД)"),
        ("year" = Option<u16>, Query, description = "Отчётный год для type=year (по умолчанию — предшествующий дате файла)"),
        ("date" = Option<String>, Query, description = "Дата формирования ГГГГ-ММ-ДД (по умолчанию — сегодня)"),
        ("number" = Option<String>, Query, description = "Номер файла N в имени (по умолчанию — GUID)"),
    ),
    request_body(content = Object, description = "{\"sender\": профиль, \"records\": [записи]} или NDJSON (application/x-ndjson): первая строка — профиль, далее по записи в строке", content_type = "application/json"),
    responses(
        (status = 200, description = "Файл в windows-1251; имя ФНС в Content-Disposition, число документов в X-Gtn-Documents", content_type = "application/xml", body = Vec<u8>),
        (status = 400, description = "Неверный параметр или тело не JSON", body = ErrorReport),
        (status = 413, description = "Тело больше предела", body = ErrorReport),
        (status = 415, description = "Content-Type не JSON и не NDJSON", body = ErrorReport),
        (status = 422, description = "Ошибки во входных данных, как `gtn generate --format json`; файл не сформирован", body = GenerateReport),
    ),
    security((), ("bearer" = []))
)]
pub(crate) async fn generate(State(st): St, Query(q): Params, req: Request) -> Response {
    let mut bytes = 0u64;
    let r = within(
        st.config.job_timeout,
        "формирование файла не уложилось в отведённое время",
        generate_inner(&st, &q, req, &mut bytes),
    )
    .await;
    let mut resp = r.unwrap_or_else(|e| e.into_response());
    resp.extensions_mut().insert(BytesIn(bytes));
    resp
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct GenerateBody<'a> {
    #[serde(borrow)]
    sender: &'a serde_json::value::RawValue,
    #[serde(borrow)]
    records: Vec<&'a serde_json::value::RawValue>,
}

fn input_error(e: &gtn_fns::InputError) -> ApiError {
    ApiError::unprocessable(Diagnostic::from(e))
}

async fn generate_inner(
    st: &AppState,
    q: &HashMap<String, String>,
    req: Request,
    bytes: &mut u64,
) -> Result<Response, ApiError> {
    let cfg = &st.config;
    let date = date_param(q, "date")?.unwrap_or_else(today);
    let year = q
        .get("year")
        .map(|s| {
            s.trim()
                .parse::<u16>()
                .ok()
                .filter(|y| (1900..=2099).contains(y))
                .ok_or_else(|| ApiError::bad_param("year", format!("«{s}» — не год 1900-2099")))
        })
        .transpose()?;
    let info = match (param(q, "type")?.trim(), year) {
        ("10", None) => InfoType::Within10Days,
        ("10", Some(_)) => return Err(ApiError::bad_param("year", "задаётся только с type=year")),
        ("year", y) => InfoType::Yearly(y.unwrap_or((date.year() - 1).clamp(1900, 2099) as u16)),
        (t, _) => {
            return Err(ApiError::bad_param(
                "type",
                format!("«{t}»: ожидается 10 или year"),
            ))
        }
    };
    let number = q.get("number").cloned();
    let media = body::media_type(req.headers());
    let dir = tempfile::tempdir().map_err(ApiError::internal)?;
    let records_path = dir.path().join("records.jsonl");
    let (sender_file, sender_text, records_file) = match media.as_str() {
        "application/x-ndjson" | "application/jsonl" | "application/json-lines" => {
            body::check_length(req.headers(), cfg.max_body)?;
            let (sender, n) = spool_ndjson(
                req.into_body(),
                &records_path,
                cfg.max_body,
                cfg.idle_timeout,
            )
            .await?;
            *bytes = n;
            ("body".to_owned(), sender, "body")
        }
        "application/json" | "" => {
            let (headers, b) = req.into_parts();
            let raw =
                body::read_small(&headers.headers, b, cfg.json_max_body, cfg.idle_timeout).await?;
            *bytes = raw.len() as u64;
            let text = body::utf8(&raw)?;
            let parsed: GenerateBody = serde_json::from_str(text).map_err(|e| {
                ApiError::body(format!(
                    "JSON: {}",
                    gtn_model::messages::translate_json(&e.to_string())
                ))
                .at("body", e.line(), e.column(), None)
            })?;
            let mut f = std::io::BufWriter::new(
                std::fs::File::create(&records_path).map_err(ApiError::internal)?,
            );
            for r in &parsed.records {
                // One record per line: the same reader as NDJSON, line = record number.
                let v: serde_json::Value =
                    serde_json::from_str(r.get()).map_err(ApiError::internal)?;
                writeln!(f, "{v}").map_err(ApiError::internal)?;
            }
            f.flush().map_err(ApiError::internal)?;
            (
                "sender".to_owned(),
                parsed.sender.get().to_owned(),
                "records",
            )
        }
        other => {
            return Err(ApiError::media_type(
                other,
                "application/json или application/x-ndjson",
            ))
        }
    };
    let sender = input::parse_sender(&sender_file, &sender_text).map_err(|e| input_error(&e))?;
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).map_err(ApiError::internal)?;
    let request = GenerateRequest {
        sender,
        info,
        date,
        number,
        program_version: Some(format!("gtn {}", env!("CARGO_PKG_VERSION"))),
        out_dir,
        overwrite: false,
        source: records_file.to_owned(),
    };
    let job = tokio::task::spawn_blocking(move || {
        let open = || {
            let f = std::fs::File::open(&records_path)?;
            Ok(std::io::BufReader::new(f))
        };
        gtn_fns::generate_jsonl(
            &request,
            open,
            &mut RandomGuids::default(),
            &mut gtn_fns::Unobserved,
        )
    });
    let generated = match job.await.map_err(ApiError::internal)? {
        Ok(g) => g,
        Err(e @ (GenerateError::Header { .. } | GenerateError::FileName(_))) => {
            // The sender, the number or the date cannot be used: named by
            // field, like the records' errors.
            let diags: Vec<Diagnostic> = e.diagnostics();
            let code = diags
                .first()
                .map_or_else(|| "F011".to_owned(), |d| d.code.to_string());
            let mut r = json::answer(
                StatusCode::UNPROCESSABLE_ENTITY,
                &json::generate_rejected(diags, 0),
            );
            r.extensions_mut().insert(middleware::ErrorCode(code));
            return Ok(r);
        }
        Err(GenerateError::Input { errors, more }) => {
            let diags = errors.iter().map(Diagnostic::from).collect();
            let mut r = json::answer(
                StatusCode::UNPROCESSABLE_ENTITY,
                &json::generate_rejected(diags, more),
            );
            r.extensions_mut()
                .insert(middleware::ErrorCode("F100".to_owned()));
            return Ok(r);
        }
        Err(e @ GenerateError::Empty { .. }) => {
            let d = e.diagnostics().into_iter().next();
            let d = d.unwrap_or_else(|| Diagnostic::error("F101", e.to_string()));
            return Err(ApiError::unprocessable(d).at(
                if media == "application/json" || media.is_empty() {
                    "records"
                } else {
                    "body"
                },
                0,
                0,
                None,
            ));
        }
        Err(e) => return Err(ApiError::internal(e)),
    };
    let name = generated
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = tokio::fs::File::open(&generated.path)
        .await
        .map_err(ApiError::internal)?;
    let len = file.metadata().await.map_err(ApiError::internal)?.len();
    // The temporary folder lives as long as the answer's stream.
    let stream = tokio_util::io::ReaderStream::new(file).map(move |c| {
        let _keep = &dir;
        c
    });
    let mut r = Response::new(Body::from_stream(stream));
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml; charset=windows-1251"),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert("x-gtn-documents", HeaderValue::from(generated.documents));
    if let Ok(v) = HeaderValue::from_str(&name) {
        h.insert("x-gtn-file-name", v);
    }
    Ok(r)
}

/// Writes an NDJSON body to `path` with its first line (the sender) blanked,
/// so that line numbers of records are those of the body. Returns the
/// sender's text and the bytes read.
async fn spool_ndjson(
    body: Body,
    path: &std::path::Path,
    limit: u64,
    idle: Duration,
) -> Result<(String, u64), ApiError> {
    use tokio::io::AsyncWriteExt;
    const SENDER_MAX: usize = 1 << 20;
    let mut out = tokio::io::BufWriter::new(
        tokio::fs::File::create(path)
            .await
            .map_err(ApiError::internal)?,
    );
    let mut stream = std::pin::pin!(body.into_data_stream());
    let mut sender: Vec<u8> = Vec::new();
    let mut in_first = true;
    let mut total = 0u64;
    loop {
        let chunk = match tokio::time::timeout(idle, stream.next()).await {
            Err(_) => return Err(ApiError::timeout("тело запроса не поступало")),
            Ok(None) => break,
            Ok(Some(Err(e))) => return Err(ApiError::body(e)),
            Ok(Some(Ok(c))) => c,
        };
        total += chunk.len() as u64;
        if total > limit {
            return Err(ApiError::too_large(limit));
        }
        let mut rest: &[u8] = &chunk;
        if in_first {
            match rest.iter().position(|b| *b == b'\n') {
                Some(i) => {
                    sender.extend_from_slice(&rest[..i]);
                    rest = &rest[i..];
                    in_first = false;
                }
                None => {
                    sender.extend_from_slice(rest);
                    rest = &[];
                }
            }
            if sender.len() > SENDER_MAX {
                return Err(ApiError::body(
                    "первая строка (профиль отправителя) длиннее 1 МиБ или в теле нет перевода строки",
                ));
            }
        }
        out.write_all(rest).await.map_err(ApiError::internal)?;
    }
    out.flush().await.map_err(ApiError::internal)?;
    let sender = String::from_utf8(sender).map_err(|_| {
        ApiError::body("первая строка (профиль отправителя) не в UTF-8").at("body", 1, 0, None)
    })?;
    if sender.trim().is_empty() {
        return Err(ApiError::unprocessable(Diagnostic::error(
            "F100",
            "первая строка должна содержать профиль отправителя (JSON)",
        ))
        .at("body", 1, 0, None));
    }
    Ok((sender, total))
}

// ---------------------------------------------------------------- check

/// Решение по заявлению (Правила № 1507).
#[utoipa::path(
    post, path = "/v1/check", tag = "rules",
    params(("today" = Option<String>, Query, description = "Дата решения ГГГГ-ММ-ДД (по умолчанию — сегодня)")),
    request_body(content = Object, description = "Заявление: gtn_rules::Application (см. examples/applications/), или оно же с уже выданными знаками, как `gtn check --issued`: {\"application\": {…}, \"issued\": [\"0001 КА 82\", …]} — тогда решение называет следующий свободный знак", content_type = "application/json"),
    responses(
        (status = 200, description = "Решение, как `gtn check --format json`: outcome, grounds, deadlines, notice…", body = CheckReport),
        (status = 400, description = "Неверный параметр; тело не UTF-8", body = ErrorReport),
        (status = 413, description = "Тело больше 1 МиБ", body = ErrorReport),
        (status = 422, description = "Заявление не прочитано (с полем, строкой, столбцом), выданный знак не прочитан (каждый назван: issued[i]) или срок вне производственного календаря", body = ErrorReport),
    ),
    security((), ("bearer" = []))
)]
pub(crate) async fn check(
    State(st): St,
    Query(q): Params,
    headers: HeaderMap,
    b: Body,
) -> Response {
    let cfg = &st.config;
    within(cfg.request_timeout, "проверка заявления", async {
        let media = body::media_type(&headers);
        if !(media.is_empty() || media == "application/json" || media == "text/plain") {
            return Err(ApiError::media_type(&media, "application/json"));
        }
        let today = date_param(&q, "today")?.unwrap_or_else(today);
        let raw = body::read_small(&headers, b, cfg.check_max_body, cfg.idle_timeout).await?;
        let text = body::utf8(&raw)?;
        let (app, issued) = if is_check_request(text) {
            let r =
                CheckRequest::from_json("application", text).map_err(ApiError::unprocessable)?;
            (r.application, r.issued)
        } else {
            let app =
                Application::from_json("application", text).map_err(ApiError::unprocessable)?;
            (app, Vec::new())
        };
        let plates = match gtn_rules::plate_type(&app) {
            Some(t) if !issued.is_empty() => issued_plates(&issued, t)?,
            _ => Vec::new(),
        };
        let mut opts = gtn_rules::Options::new(&cfg.calendar);
        opts.edition = cfg.edition.clone();
        opts.issued = &plates;
        let d = evaluate_with(&app, today, &opts).map_err(ApiError::unprocessable)?;
        Ok(json::ok(&json::check(d)))
    })
    .await
    .unwrap_or_else(|e| e.into_response())
}

/// `true` when the body is the full form `{"application": …, "issued": …}`
/// (an application has no field `application`); anything else is read as
/// the application itself, which names what is wrong.
fn is_check_request(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        application: Option<serde::de::IgnoredAny>,
    }
    let mut de = serde_json::Deserializer::from_str(text);
    serde::Deserialize::deserialize(&mut de).is_ok_and(|p: Probe| p.application.is_some())
}

/// The plates of `issued`: every one that is not a plate of the type is
/// named (`issued[i]`), as the C ABI's option does.
fn issued_plates(issued: &[String], t: PlateType) -> Result<Vec<gtn_model::Plate>, ApiError> {
    gtn_plates::parse_issued_items(issued, t).map_err(|bad| {
        ApiError::unprocessable_all(bad.into_iter().map(|(i, e)| {
            Diagnostic::from(&e)
                .with_file("application")
                .with_path(format!("issued[{i}]"))
                .with_value(issued[i].clone())
        }))
        .unwrap_or_else(|| ApiError::internal("пустой список ошибок"))
    })
}

// ---------------------------------------------------------------- plates

fn region_code(reg: &Registry, region: &str) -> Result<String, ApiError> {
    let r = region.trim();
    if r.bytes().all(|b| b.is_ascii_digit()) {
        Ok(r.to_owned())
    } else {
        reg.code_for_name(r)
            .map(str::to_owned)
            .map_err(|e| registry_error(&e).at("region", 0, 0, Some("region".into())))
    }
}

fn registry_error(e: &RegistryError) -> ApiError {
    ApiError::unprocessable(Diagnostic::from(e))
}

/// Серии знаков, закреплённые за кодом региона (Приложения № 4, 5).
#[utoipa::path(
    get, path = "/v1/plates/series", tag = "plates",
    params(
        ("region" = String, Query, description = "Код региона на знаке (77) или наименование («г. Москва»)"),
        ("type" = String, Query, description = "Тип знака: 3, 4А (4A) или 18"),
    ),
    responses(
        (status = 200, description = "Как `gtn plate series --format json`", body = PlateSeriesReport),
        (status = 400, description = "Нет или неверен параметр", body = ErrorReport),
        (status = 422, description = "Нет такого кода региона или региона с таким наименованием", body = ErrorReport),
    ),
    security((), ("bearer" = []))
)]
pub(crate) async fn plates_series(Query(q): Params) -> Response {
    (|| {
        let reg = Registry::builtin();
        let t = plate_type(&q)?;
        let code = region_code(reg, param(&q, "region")?)?;
        let series = reg.series(&code, t).ok_or_else(|| {
            registry_error(&RegistryError::UnknownCode {
                code: code.clone(),
                plate_type: t,
                appendix: reg.appendix(t).number,
            })
        })?;
        Ok::<_, ApiError>(json::ok(&json::plate_series(code, t.as_str(), series)))
    })()
    .unwrap_or_else(|e| e.into_response())
}

/// Проверить знак по синтаксису и перечню серий.
#[utoipa::path(
    get, path = "/v1/plates/check", tag = "plates",
    params(
        ("type" = String, Query, description = "Тип знака: 3, 4А (4A) или 18"),
        ("plate" = String, Query, description = "Знак, например «1234 АВ 77»"),
    ),
    responses(
        (status = 200, description = "Как `gtn plate check --format json`: valid true с каноническим видом или false с ошибками", body = PlateCheckReport),
        (status = 400, description = "Нет или неверен параметр", body = ErrorReport),
    ),
    security((), ("bearer" = []))
)]
pub(crate) async fn plates_check(Query(q): Params) -> Response {
    (|| {
        let t = plate_type(&q)?;
        let input = param(&q, "plate")?.to_owned();
        if input.chars().count() > 64 {
            return Err(ApiError::bad_param("plate", "длиннее 64 знаков"));
        }
        Ok(json::ok(&match Registry::builtin().parse(t, &input) {
            Ok(p) => json::plate_valid(input, p),
            Err(e) => {
                let d = Diagnostic::from(&e).with_value(input.clone());
                json::plate_invalid(input, d)
            }
        }))
    })()
    .unwrap_or_else(|e| e.into_response())
}

/// Следующий свободный знак с учётом выданных.
#[utoipa::path(
    post, path = "/v1/plates/next", tag = "plates",
    params(
        ("region" = String, Query, description = "Код региона на знаке (77) или наименование"),
        ("type" = String, Query, description = "Тип знака: 3, 4А (4A) или 18"),
    ),
    request_body(content = String, description = "Выданные знаки, по одному в строке (пустые строки и строки с # пропускаются); может быть пустым", content_type = "text/plain"),
    responses(
        (status = 200, description = "Как `gtn plate next --format json`", body = PlateNextReport),
        (status = 400, description = "Нет или неверен параметр; тело не UTF-8", body = ErrorReport),
        (status = 413, description = "Тело больше 16 МиБ", body = ErrorReport),
        (status = 422, description = "Неверный знак в строке N тела; свободных знаков не осталось", body = ErrorReport),
    ),
    security((), ("bearer" = []))
)]
pub(crate) async fn plates_next(
    State(st): St,
    Query(q): Params,
    headers: HeaderMap,
    b: Body,
) -> Response {
    let cfg = &st.config;
    within(cfg.request_timeout, "подбор знака", async {
        let reg = Registry::builtin();
        let t = plate_type(&q)?;
        let code = region_code(reg, param(&q, "region")?)?;
        let raw = body::read_small(&headers, b, cfg.plates_max_body, cfg.idle_timeout).await?;
        let text = body::utf8(&raw)?;
        let list = parse_issued(text, t);
        let bad = list.errors.iter();
        if let Some(e) =
            ApiError::unprocessable_all(bad.map(|e| Diagnostic::from(e).with_file("body")))
        {
            return Err(e);
        }
        let mut alloc = Allocator::new(reg, &code, t, []).map_err(|e| registry_error(&e))?;
        let skipped = alloc
            .mark_list(&list.plates)
            .iter()
            .map(|s| Diagnostic::from(s).with_file("body"))
            .collect();
        let p = alloc.next_free().map_err(|e| registry_error(&e))?;
        Ok(json::ok(&json::plate_next(p, skipped)))
    })
    .await
    .unwrap_or_else(|e| e.into_response())
}

// ---------------------------------------------------------------- codes, meta

/// Все коды замечаний и ошибок с пояснениями.
#[utoipa::path(
    get, path = "/v1/codes", tag = "meta",
    responses((status = 200, description = "Коды с пояснениями, как `gtn explain --list --format json`", body = ExplainReport)),
    security((), ("bearer" = []))
)]
pub(crate) async fn codes() -> Response {
    json::ok(&json::codes())
}

/// Пояснение одного кода.
#[utoipa::path(
    get, path = "/v1/codes/{code}", tag = "meta",
    params(("code" = String, Path, description = "Код замечания или ошибки, как в поле code ответов")),
    responses(
        (status = 200, description = "Пояснение, как `gtn explain CODE --format json`", body = ExplainReport),
        (status = 404, description = "Кода нет в перечне", body = ErrorReport),
    ),
    security((), ("bearer" = []))
)]
pub(crate) async fn code(Path(code): Path<String>) -> Response {
    match json::code(&code) {
        Some(c) => json::ok(&c),
        None => ApiError::new(
            StatusCode::NOT_FOUND,
            "H007",
            format!(
                "кода «{}» нет в перечне; список — GET /v1/codes",
                code.chars().take(32).collect::<String>()
            ),
        )
        .into_response(),
    }
}

/// Жив ли сервис (без токена: для балансировщика).
#[utoipa::path(
    get, path = "/v1/health", tag = "meta",
    responses((status = 200, description = "Работает", body = Health))
)]
pub(crate) async fn health(State(st): St) -> Response {
    let workers = st.config.workers;
    let in_flight = workers - st.slots.available_permits().min(workers);
    json::ok(&json::Health::new(in_flight, workers))
}

/// Версия gtn и формата.
#[utoipa::path(
    get, path = "/v1/version", tag = "meta",
    responses((status = 200, description = "Версии", body = Version)),
    security((), ("bearer" = []))
)]
pub(crate) async fn version() -> Response {
    json::ok(&json::Version::new())
}

/// Этот документ OpenAPI 3.1.
#[utoipa::path(
    get, path = "/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "OpenAPI 3.1", body = Object)),
    security((), ("bearer" = []))
)]
pub(crate) async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::document(),
    )
        .into_response()
}

async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
            ),
        ],
        INDEX_HTML,
    )
        .into_response()
}
