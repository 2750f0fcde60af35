//! `gtn serve`: the HTTP API of gtn for regional systems written in any
//! language (Java, C#, PHP, Python, 1C `HTTPСоединение`), and a page at `/`
//! on which office staff check a received file, a plate or an application
//! without a terminal.
//!
//! Every answer under `/v1` is the JSON of the CLI's `--format json` for the
//! same work ([`json`]), or the error object ([`error`]). The OpenAPI 3.1
//! document is generated from the code ([`openapi`]) and checked in under
//! `docs/openapi.json`.
//!
//! Safe by default: loopback only unless a token file is given; bodies
//! bounded (413), per-route small limits for `/v1/check` and `/v1/plates`;
//! a fixed number of requests at once (503 with `Retry-After` beyond);
//! timeouts; no query strings or bodies in the logs (they carry names,
//! document numbers, ИНН); graceful shutdown on SIGTERM/SIGINT.

pub mod body;
pub mod error;
pub mod json;
mod middleware;
pub mod openapi;
mod routes;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Default address: loopback only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
/// Default body limit: 8 GiB, above any region's yearly file (memory does
/// not depend on it: the body is streamed).
pub const DEFAULT_MAX_BODY: u64 = 8 << 30;

/// What the service is started with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address and port to listen on.
    pub listen: SocketAddr,
    /// Bearer token required on `/v1` (except `/v1/health`), if any.
    pub token: Option<String>,
    /// Largest body of `/v1/validate` and `/v1/generate` (NDJSON), bytes.
    pub max_body: u64,
    /// Largest JSON body of `/v1/generate` (read whole), bytes.
    pub json_max_body: u64,
    /// Largest body of `/v1/check`, bytes.
    pub check_max_body: u64,
    /// Largest body of `/v1/plates/*`, bytes.
    pub plates_max_body: u64,
    /// Requests processed at once; more get 503.
    pub workers: usize,
    /// Time for a small request (check, plates, codes…).
    pub request_timeout: Duration,
    /// Time for a validation or a generation, body included.
    pub job_timeout: Duration,
    /// Longest wait for the next piece of a body.
    pub idle_timeout: Duration,
    /// Most errors reported for one file (`max_errors` may lower it).
    pub max_errors: usize,
    /// The production calendar of `/v1/check`: the built-in one, extended
    /// with the office's days (`gtn serve --calendar`, as `gtn check --calendar`).
    pub calendar: Arc<gtn_rules::Calendar>,
    /// The edition of the Rules `/v1/check` applies (`gtn serve --edition`).
    pub edition: gtn_rules::Edition,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            max_body: DEFAULT_MAX_BODY,
            json_max_body: 256 << 20,
            check_max_body: 1 << 20,
            plates_max_body: 16 << 20,
            workers: default_workers(),
            request_timeout: Duration::from_secs(30),
            job_timeout: Duration::from_secs(3600),
            idle_timeout: Duration::from_secs(60),
            max_errors: 10_000,
            calendar: Arc::new(gtn_rules::Calendar::builtin()),
            edition: gtn_rules::Edition::rules_1507(),
        }
    }
}

/// Default `--workers`: twice the processors, at least 4.
pub fn default_workers() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get() * 2)
        .unwrap_or(4)
        .max(4)
}

/// Why the service did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A non-loopback address without a token.
    #[error("адрес {0} доступен не только с этого компьютера: укажите --token-file с токеном доступа или слушайте 127.0.0.1")]
    OpenWithoutToken(SocketAddr),
    /// The token file.
    #[error("файл токена {path}: {message}")]
    Token {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A setting out of range.
    #[error("{0}")]
    Setting(String),
    /// Binding or serving.
    #[error("адрес {addr}: {source}")]
    Io {
        /// Address.
        addr: SocketAddr,
        /// The error.
        source: std::io::Error,
    },
}

/// Reads a token file: its first line, trimmed; at least 16 characters.
pub fn read_token(path: &Path) -> Result<String, StartError> {
    let err = |message: String| StartError::Token {
        path: path.display().to_string(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(format!("не прочитан: {e}")))?;
    let token = text.lines().next().unwrap_or("").trim().to_owned();
    if token.chars().count() < 16 {
        return Err(err(
            "токен короче 16 знаков: создайте длинный случайный токен, например `openssl rand -hex 32`".into(),
        ));
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(err(
            "токен должен состоять из видимых знаков ASCII без пробелов".into(),
        ));
    }
    Ok(token)
}

impl Config {
    /// Checks the settings: a non-loopback address needs a token.
    pub fn check(&self) -> Result<(), StartError> {
        if !self.listen.ip().is_loopback() && self.token.is_none() {
            return Err(StartError::OpenWithoutToken(self.listen));
        }
        if self.workers == 0 {
            return Err(StartError::Setting("--workers: нужно хотя бы 1".into()));
        }
        if self.max_body == 0 {
            return Err(StartError::Setting(
                "--max-body: нужно больше 0 байт".into(),
            ));
        }
        Ok(())
    }
}

/// Shared by the handlers.
pub(crate) struct AppState {
    pub config: Config,
    pub slots: Arc<Semaphore>,
}

/// The whole service as an axum router.
pub fn router(config: Config) -> axum::Router {
    let slots = Arc::new(Semaphore::new(config.workers));
    routes::router(Arc::new(AppState { config, slots }))
}

/// A running service (for tests and embedding).
pub struct Running {
    /// The address it listens on (the real port when 0 was asked).
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops accepting, finishes requests in flight, returns.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        self.task
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))?
    }
}

/// Binds and starts the service on the current tokio runtime.
pub async fn start(config: Config) -> Result<Running, StartError> {
    config.check()?;
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|source| StartError::Io {
            addr: config.listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| StartError::Io {
        addr: config.listen,
        source,
    })?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = router(config);
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    Ok(Running {
        addr,
        stop: Some(stop),
        task,
    })
}

/// Resolves on SIGINT (Ctrl+C) or SIGTERM.
async fn termination() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// `gtn serve`: logs to stderr (filter in `GTN_LOG`, default `info`),
/// serves until SIGINT/SIGTERM, then finishes the requests in flight.
pub fn serve(config: Config) -> Result<(), StartError> {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("GTN_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
    config.check()?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| StartError::Io {
            addr: config.listen,
            source,
        })?;
    rt.block_on(async move {
        let running = start(config.clone()).await?;
        tracing::info!(
            addr = %running.addr,
            workers = config.workers,
            max_body = config.max_body,
            token = config.token.is_some(),
            "gtn serve: слушаю http://{}/",
            running.addr
        );
        termination().await;
        tracing::info!("сигнал остановки: завершаю запросы в работе");
        let addr = running.addr;
        running
            .shutdown()
            .await
            .map_err(|source| StartError::Io { addr, source })?;
        tracing::info!("остановлен");
        Ok(())
    })
}
