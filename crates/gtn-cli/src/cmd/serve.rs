//! `gtn serve`: starts the HTTP service of `gtn-server`; nothing else.

use crate::cmd::check::{load_calendar, load_edition};
use crate::output::Output;
use crate::{Failure, Outcome};
use clap::Args;
use gtn_diag::Diagnostic;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Args)]
pub struct ServeArgs {
    /// Адрес и порт. Не 127.0.0.1/::1 — только с --token-file.
    #[arg(long, default_value = gtn_server::DEFAULT_LISTEN)]
    listen: SocketAddr,
    /// Файл с токеном доступа (первая строка, не короче 16 знаков): запросы к /v1 — с заголовком Authorization: Bearer <токен>.
    #[arg(long)]
    token_file: Option<PathBuf>,
    /// Предел тела запроса /v1/validate и /v1/generate, байт (по умолчанию 8 ГиБ; память от него не зависит).
    #[arg(long, default_value_t = gtn_server::DEFAULT_MAX_BODY)]
    max_body: u64,
    /// Запросов в работе одновременно; сверх — 503 с Retry-After (по умолчанию — 2 × число процессоров, не меньше 4).
    #[arg(long)]
    workers: Option<usize>,
    /// Дни производственного календаря офиса для /v1/check (как gtn check --calendar).
    #[arg(long)]
    calendar: Option<PathBuf>,
    /// Редакция Правил и её окно для /v1/check (как gtn check --edition).
    #[arg(long)]
    edition: Option<PathBuf>,
}

fn failed(e: gtn_server::StartError) -> Failure {
    Failure(vec![Diagnostic::error("H011", e.to_string())])
}

/// Runs `gtn serve` until SIGINT/SIGTERM.
pub fn run(a: ServeArgs, _out: &Output) -> Result<Outcome, Failure> {
    let token = a
        .token_file
        .as_deref()
        .map(gtn_server::read_token)
        .transpose()
        .map_err(failed)?;
    let mut config = gtn_server::Config {
        listen: a.listen,
        token,
        max_body: a.max_body,
        workers: a.workers.unwrap_or_else(gtn_server::default_workers),
        ..gtn_server::Config::default()
    };
    if a.calendar.is_some() {
        config.calendar = std::sync::Arc::new(load_calendar(a.calendar.as_deref())?);
    }
    if let Some(p) = &a.edition {
        config.edition = load_edition(p)?;
    }
    gtn_server::serve(config).map_err(failed)?;
    Ok(Outcome::Fine)
}
