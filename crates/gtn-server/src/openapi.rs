//! The OpenAPI 3.1 document of the service, generated from the handlers'
//! annotations and the answer types of [`crate::json`]. A copy is checked in
//! under `docs/openapi.json`; a test fails when it is stale (regenerate with
//! `GTN_UPDATE_OPENAPI=1 cargo test -p gtn-server --test openapi`).

use crate::routes;
use schema as json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "gtn",
        description = "HTTP API gtn для региональных систем гостехнадзора: проверка и формирование файла обмена с ФНС VO_AVTOTS (формат 4.04), решение по заявлению (Правила № 1507), регистрационные знаки (Приложения № 4, 5). Ответы — тот же JSON, что у `gtn … --format json`; ошибки — отчёт об ошибке {\"version\": 1, \"ok\": false, \"errors\": [{code, severity, file, line, column, path, value, message}]}; код объясняет GET /v1/codes/{code}.",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(
        routes::validate,
        routes::generate,
        routes::check,
        routes::plates_series,
        routes::plates_check,
        routes::plates_next,
        routes::codes,
        routes::code,
        routes::health,
        routes::version,
        routes::openapi,
    ),
    components(schemas(
        json::ErrorReport,
        json::Diagnostic,
        json::ValidateReport,
        json::GenerateReport,
        json::CheckReport,
        json::PlateSeriesReport,
        json::PlateCheckReport,
        json::PlateNextReport,
        json::CodeInfo,
        json::ExplainReport,
        json::Health,
        json::Version,
    )),
    modifiers(&Bearer),
    tags(
        (name = "fns", description = "Файл обмена с ФНС VO_AVTOTS"),
        (name = "rules", description = "Правила государственной регистрации № 1507"),
        (name = "plates", description = "Регистрационные знаки"),
        (name = "meta", description = "Коды, состояние, версия"),
    )
)]
struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let c = doc.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "Токен из --token-file; нужен, если сервис запущен с ним",
                    ))
                    .build(),
            ),
        );
    }
}

/// The components of the document, made by [`gtn_report::schema`] from the
/// very types the service serialises (the same schemas as
/// `docs/schemas/`); the markers of [`schema`] only name them for the
/// handlers' annotations.
pub fn components() -> serde_json::Map<String, serde_json::Value> {
    use gtn_report::*;
    gtn_report::schema::components(|g| {
        g.subschema_for::<Diagnostic>();
        g.subschema_for::<ErrorReport>();
        g.subschema_for::<ValidateReport>();
        g.subschema_for::<GenerateReport>();
        g.subschema_for::<CheckReport>();
        g.subschema_for::<PlateSeriesReport>();
        g.subschema_for::<PlateCheckReport>();
        g.subschema_for::<PlateNextReport>();
        g.subschema_for::<CodeInfo>();
        g.subschema_for::<ExplainReport>();
        g.subschema_for::<crate::json::Health>();
        g.subschema_for::<crate::json::Version>();
    })
}

/// The document as a value: utoipa's paths, and [`components`] in place of
/// utoipa's markers (each marker must be one of them).
pub fn value() -> Result<serde_json::Value, String> {
    use serde_json::Value;
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let mut v = serde_json::to_value(&doc).map_err(|e| e.to_string())?;
    let schemas = v
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .ok_or("no components in the document")?;
    let shapes = components();
    if let Some(m) = schemas.keys().find(|k| !shapes.contains_key(k.as_str())) {
        return Err(format!("component {m} has no shape"));
    }
    *schemas = shapes;
    Ok(v)
}

/// The document, pretty-printed, with a final newline.
pub fn document() -> String {
    let mut s = value()
        .and_then(|v| serde_json::to_string_pretty(&v).map_err(|e| e.to_string()))
        .unwrap_or_else(|e| serde_json::json!({ "error": e }).to_string());
    s.push('\n');
    s
}

/// Names of the answers' shapes for the handlers' annotations. Each is a
/// marker: [`value`] replaces it by the schema of the type the service
/// really serialises ([`components`]), so the document cannot drift from the
/// answers.
pub mod schema {
    #![allow(dead_code)]
    use utoipa::ToSchema;

    macro_rules! markers {
        ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
            $(
                $(#[$doc])*
                #[derive(ToSchema)]
                pub struct $name;
            )*
        };
    }

    markers!(
        /// Замечание или ошибка.
        Diagnostic,
        /// Отчёт об ошибке.
        ErrorReport,
        /// `gtn validate --format json`.
        ValidateReport,
        /// `gtn generate --format json`, когда файл не записан.
        GenerateReport,
        /// `gtn check --format json`.
        CheckReport,
        /// `gtn plate series --format json`.
        PlateSeriesReport,
        /// `gtn plate check --format json`.
        PlateCheckReport,
        /// `gtn plate next --format json`.
        PlateNextReport,
        /// Код из перечня.
        CodeInfo,
        /// `gtn explain --format json`.
        ExplainReport,
        /// `GET /v1/health`.
        Health,
        /// `GET /v1/version`.
        Version,
    );
}
