//! Files sent with a multipart form: each streamed to a temporary file under the data folder
//! while its hash is computed, within per-file, per-request and in-flight limits, so neither
//! memory nor disk grows with what a client sends. Text fields are small and kept in memory.
//! A temporary file is removed when dropped unless the caller moved it into place.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use actix_multipart::Multipart;
use actix_web::web;
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};

use crate::config::UploadLimits;
use crate::error::AppError;

/// Largest text field of a multipart form.
const MAX_TEXT_BYTES: usize = 8 * 1024;
/// Bytes kept from each file's start, for recognising its type.
const HEAD_BYTES: usize = 16;
/// Chunks are gathered to this size before a write on the blocking pool.
const WRITE_BATCH: usize = 256 * 1024;

/// Why an upload was refused; each has a message for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadProblem {
    FileTooLarge,
    RequestTooLarge,
    TooManyFiles,
    /// Other uploads already hold the in-flight allowance: try again in a moment.
    Busy,
    TextTooLong,
}

impl UploadProblem {
    pub fn message_key(self) -> &'static str {
        match self {
            UploadProblem::FileTooLarge => "err-file-large",
            UploadProblem::RequestTooLarge => "err-upload-request-large",
            UploadProblem::TooManyFiles => "err-file-many",
            UploadProblem::Busy => "err-upload-busy",
            UploadProblem::TextTooLong => "err-upload-text-long",
        }
    }
}

/// Bytes being received by all requests at once (shared by the app's workers).
#[derive(Clone, Default)]
pub struct InFlight(Arc<AtomicU64>);

/// This request's share of the in-flight allowance, given back when dropped.
struct Reservation<'a> {
    in_flight: &'a InFlight,
    bytes: u64,
}

impl Reservation<'_> {
    fn take(&mut self, n: u64, max: u64) -> bool {
        let counter = &self.in_flight.0;
        let before = counter.fetch_add(n, Ordering::SeqCst);
        if before + n > max {
            counter.fetch_sub(n, Ordering::SeqCst);
            return false;
        }
        self.bytes += n;
        true
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        self.in_flight.0.fetch_sub(self.bytes, Ordering::SeqCst);
    }
}

/// A received file waiting in the temporary folder; deleted on drop unless `keep` was called.
pub struct TempUpload {
    path: PathBuf,
    kept: bool,
}

impl TempUpload {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The caller moved the file into place (or is done with it): do not delete on drop.
    pub fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for TempUpload {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

pub struct ReceivedFile {
    pub file_name: String,
    pub size: u64,
    pub sha256: String,
    /// The first bytes, for recognising the type.
    pub head: Vec<u8>,
    pub temp: TempUpload,
}

#[derive(Default)]
pub struct Received {
    /// Text fields in the order sent (names repeat for checkbox groups).
    pub texts: Vec<(String, String)>,
    pub files: Vec<ReceivedFile>,
}

impl Received {
    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.texts
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What a form may send: the limits, how many files, and which field holds files.
pub struct Expect<'a> {
    pub limits: UploadLimits,
    pub max_files: usize,
    pub file_field: &'a str,
    /// Where temporary files go (under the data folder, so moving one into place is a rename).
    pub temp_dir: PathBuf,
}

/// The declared body size is over the request limit: refuse before reading anything.
pub fn declared_too_large(req: &actix_web::HttpRequest, limits: &UploadLimits) -> bool {
    req.headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > limits.max_request_bytes)
}

/// Reads the form, stopping at the first limit crossed: then the files written so far are
/// removed and the problem is given with the text fields read before it (a form sends its
/// texts before its files, so what was typed can be shown again). An empty, unnamed file
/// part (an empty file input) is skipped.
pub async fn receive(
    payload: Multipart,
    expect: &Expect<'_>,
    in_flight: &InFlight,
) -> Result<(Received, Option<UploadProblem>), AppError> {
    let mut received = Received::default();
    match receive_into(&mut received, payload, expect, in_flight).await? {
        Ok(()) => Ok((received, None)),
        Err(problem) => {
            received.files.clear();
            Ok((received, Some(problem)))
        }
    }
}

async fn receive_into(
    received: &mut Received,
    mut payload: Multipart,
    expect: &Expect<'_>,
    in_flight: &InFlight,
) -> Result<Result<(), UploadProblem>, AppError> {
    let mut reservation = Reservation {
        in_flight,
        bytes: 0,
    };
    let limits = expect.limits;
    while let Some(mut field) = payload.try_next().await.map_err(|_| AppError::BadRequest)? {
        let name = field.name().unwrap_or_default().to_string();
        if name != expect.file_field {
            let mut bytes = Vec::new();
            while let Some(chunk) = field.try_next().await.map_err(|_| AppError::BadRequest)? {
                if bytes.len() + chunk.len() > MAX_TEXT_BYTES {
                    return Ok(Err(UploadProblem::TextTooLong));
                }
                if !reservation.take(chunk.len() as u64, limits.max_in_flight_bytes) {
                    return Ok(Err(UploadProblem::Busy));
                }
                bytes.extend_from_slice(&chunk);
            }
            let value = String::from_utf8(bytes).map_err(|_| AppError::BadRequest)?;
            received.texts.push((name, value));
            continue;
        }
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .unwrap_or_default()
            .to_string();
        let temp = TempUpload {
            path: expect
                .temp_dir
                .join(format!(".upload-{}", uuid::Uuid::new_v4())),
            kept: false,
        };
        let mut writer = BatchWriter::open(&temp.path).await?;
        let (mut size, mut hasher, mut head) = (0u64, Sha256::new(), Vec::new());
        while let Some(chunk) = field.try_next().await.map_err(|_| AppError::BadRequest)? {
            size += chunk.len() as u64;
            if size > limits.max_file_bytes {
                return Ok(Err(UploadProblem::FileTooLarge));
            }
            if reservation.bytes + chunk.len() as u64 > limits.max_request_bytes {
                return Ok(Err(UploadProblem::RequestTooLarge));
            }
            if !reservation.take(chunk.len() as u64, limits.max_in_flight_bytes) {
                return Ok(Err(UploadProblem::Busy));
            }
            hasher.update(&chunk);
            if head.len() < HEAD_BYTES {
                let n = (HEAD_BYTES - head.len()).min(chunk.len());
                head.extend_from_slice(&chunk[..n]);
            }
            writer.push(&chunk).await?;
        }
        writer.finish().await?;
        if file_name.is_empty() && size == 0 {
            continue;
        }
        if received.files.len() == expect.max_files {
            return Ok(Err(UploadProblem::TooManyFiles));
        }
        received.files.push(ReceivedFile {
            file_name,
            size,
            sha256: hex::encode(hasher.finalize()),
            head,
            temp,
        });
    }
    Ok(Ok(()))
}

/// Writes a file in batches on the blocking pool, so a slow disk never stalls the server.
struct BatchWriter {
    file: Option<std::fs::File>,
    pending: Vec<u8>,
}

impl BatchWriter {
    async fn open(path: &Path) -> Result<Self, AppError> {
        let path = path.to_path_buf();
        let file = blocking(move || {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::File::create(&path)
        })
        .await?;
        Ok(BatchWriter {
            file: Some(file),
            pending: Vec::with_capacity(WRITE_BATCH),
        })
    }

    async fn push(&mut self, bytes: &[u8]) -> Result<(), AppError> {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= WRITE_BATCH {
            self.flush(false).await?;
        }
        Ok(())
    }

    async fn finish(&mut self) -> Result<(), AppError> {
        self.flush(true).await
    }

    async fn flush(&mut self, sync: bool) -> Result<(), AppError> {
        let mut file = self.file.take().expect("file is open between writes");
        let bytes = std::mem::take(&mut self.pending);
        let file = blocking(move || {
            file.write_all(&bytes)?;
            if sync {
                file.sync_all()?;
            }
            Ok(file)
        })
        .await?;
        self.file = Some(file);
        self.pending.reserve(WRITE_BATCH);
        Ok(())
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> Result<T, AppError> {
    Ok(web::block(f)
        .await
        .map_err(|e| anyhow::anyhow!(e))?
        .map_err(anyhow::Error::from)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_in_flight_allowance_is_shared_and_given_back() {
        let in_flight = InFlight::default();
        let mut first = Reservation {
            in_flight: &in_flight,
            bytes: 0,
        };
        assert!(first.take(60, 100));
        {
            let mut second = Reservation {
                in_flight: &in_flight,
                bytes: 0,
            };
            assert!(!second.take(50, 100), "60 + 50 is over the allowance");
            assert!(second.take(40, 100));
        }
        assert!(
            first.take(40, 100),
            "the second gave its 40 back when it ended"
        );
        drop(first);
        assert_eq!(in_flight.0.load(Ordering::SeqCst), 0);
    }
}
