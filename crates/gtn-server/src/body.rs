//! Request bodies: the bridge from an async stream of chunks to the
//! blocking `BufRead` the validator reads, and small bodies read whole
//! under a limit.
//!
//! The bridge is a bounded channel of [`CHANNEL_CHUNKS`] chunks: the async
//! side waits when the validator is behind, so memory holds at most that
//! many chunks of the body (hyper's chunks are at most a few hundred KiB)
//! whatever the size of the file.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::http::{header, HeaderMap};
use futures_util::{Stream, StreamExt};
use std::io::{self, BufRead, Read};
use std::time::Duration;
use tokio::sync::mpsc;

/// Chunks in flight between the connection and the validator.
pub const CHANNEL_CHUNKS: usize = 8;

/// The blocking end of the bridge: a `BufRead` over the chunks received.
pub struct ChannelReader {
    rx: mpsc::Receiver<io::Result<Bytes>>,
    cur: Bytes,
    done: bool,
}

impl ChannelReader {
    /// A reader and the sender that feeds it.
    pub fn pair() -> (mpsc::Sender<io::Result<Bytes>>, Self) {
        let (tx, rx) = mpsc::channel(CHANNEL_CHUNKS);
        (
            tx,
            Self {
                rx,
                cur: Bytes::new(),
                done: false,
            },
        )
    }
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let have = self.fill_buf()?;
            let n = have.len().min(buf.len());
            buf[..n].copy_from_slice(&have[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for ChannelReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.cur.is_empty() && !self.done {
            match self.rx.blocking_recv() {
                Some(Ok(b)) => self.cur = b,
                Some(Err(e)) => {
                    self.done = true;
                    return Err(e);
                }
                None => self.done = true,
            }
        }
        Ok(&self.cur)
    }

    fn consume(&mut self, n: usize) {
        self.cur = self.cur.slice(n.min(self.cur.len())..);
    }
}

/// Refuses at once a body whose declared length is over `limit`.
pub fn check_length(headers: &HeaderMap, limit: u64) -> Result<(), ApiError> {
    if let Some(len) = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
    {
        if len > limit {
            return Err(ApiError::too_large(limit));
        }
    }
    Ok(())
}

/// Sends the chunks of `stream` into `tx` until the end, counting bytes.
/// Over `limit`: 413. No chunk within `idle`: 408. A broken stream: 400.
/// On an error the reader gets an I/O error, so the validator stops.
pub async fn pump<S, E>(
    stream: S,
    tx: mpsc::Sender<io::Result<Bytes>>,
    limit: u64,
    idle: Duration,
) -> Result<u64, ApiError>
where
    S: Stream<Item = Result<Bytes, E>>,
    E: std::fmt::Display,
{
    let mut stream = std::pin::pin!(stream);
    let mut total = 0u64;
    loop {
        let next = match tokio::time::timeout(idle, stream.next()).await {
            Ok(n) => n,
            Err(_) => {
                let _ = tx
                    .send(Err(io::Error::other("ожидание тела запроса истекло")))
                    .await;
                // Seconds with a decimal comma: «0,5 с», not «0 с».
                let secs = format!("{}", idle.as_secs_f64()).replace('.', ",");
                return Err(ApiError::timeout(&format!(
                    "тело запроса не поступало {secs} с"
                )));
            }
        };
        match next {
            None => return Ok(total),
            Some(Err(e)) => {
                let e = ApiError::body(e);
                let _ = tx
                    .send(Err(io::Error::other(e.detail.message.clone())))
                    .await;
                return Err(e);
            }
            Some(Ok(chunk)) => {
                total += chunk.len() as u64;
                if total > limit {
                    let _ = tx
                        .send(Err(io::Error::other("тело запроса больше предела")))
                        .await;
                    return Err(ApiError::too_large(limit));
                }
                if tx.send(Ok(chunk)).await.is_err() {
                    // The validator stopped reading (it stopped at a fatal
                    // error or at max_errors): drain the rest under the
                    // limit so the client gets its answer.
                    while let Some(c) = tokio::time::timeout(idle, stream.next())
                        .await
                        .map_err(|_| ApiError::timeout("тело запроса не поступало"))?
                    {
                        let c = c.map_err(ApiError::body)?;
                        total += c.len() as u64;
                        if total > limit {
                            return Err(ApiError::too_large(limit));
                        }
                    }
                    return Ok(total);
                }
            }
        }
    }
}

/// Reads a small body whole, under `limit`.
pub async fn read_small(
    headers: &HeaderMap,
    body: axum::body::Body,
    limit: u64,
    idle: Duration,
) -> Result<Bytes, ApiError> {
    check_length(headers, limit)?;
    let mut stream = std::pin::pin!(body.into_data_stream());
    let mut out = Vec::new();
    loop {
        match tokio::time::timeout(idle, stream.next()).await {
            Err(_) => return Err(ApiError::timeout("тело запроса не поступало")),
            Ok(None) => return Ok(Bytes::from(out)),
            Ok(Some(Err(e))) => return Err(ApiError::body(e)),
            Ok(Some(Ok(c))) => {
                if (out.len() + c.len()) as u64 > limit {
                    return Err(ApiError::too_large(limit));
                }
                out.extend_from_slice(&c);
            }
        }
    }
}

/// A small body as UTF-8 text.
pub fn utf8(bytes: &Bytes) -> Result<&str, ApiError> {
    std::str::from_utf8(bytes).map_err(|e| {
        ApiError::body(format!(
            "не UTF-8 (байт {}): пришлите текст в UTF-8",
            e.valid_up_to() + 1
        ))
    })
}

/// The media type of the request, lower case, without parameters.
pub fn media_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default()
}
