//! The OpenAPI 3.1 document of the service, generated from the handlers'
//! annotations and the answer types of [`crate::json`]. A copy is checked in
//! under `docs/openapi.json`; a test fails when it is stale (regenerate with
//! `GTN_UPDATE_OPENAPI=1 cargo test -p gtn-server --test openapi`).

use crate::{json, routes};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "gtn",
        description = "HTTP API gtn для региональных систем гостехнадзора: проверка и формирование файла обмена с ФНС VO_AVTOTS (формат 4.04), решение по заявлению (Правила № 1507), регистрационные знаки (Приложения № 4, 5). Ответы — тот же JSON, что у `gtn … --format json`; ошибки — объект {\"error\": {code, message, file, line, column, field}}.",
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
        json::ErrorBody,
        json::ErrorDetail,
        json::ValidateResult,
        json::ValidatedFile,
        json::GenerateErrors,
        json::RecordError,
        json::PlateSeries,
        json::PlateCheck,
        json::CodeMessage,
        json::PlateNext,
        json::CodeInfo,
        json::CodeList,
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

/// The document, pretty-printed, with a final newline.
pub fn document() -> String {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let mut s = doc
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
