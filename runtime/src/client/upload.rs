//! Large uploads through an upload session: the content goes in ranges
//! with `Content-Range`, and after a failed range the upload goes on from
//! what the session says it still expects.

mod session;

pub use session::UploadSession;

use super::{decode_response, successful, Client, Error, RawResponse, ResponseBody};
use session::{expected_ranges, Remaining};
use std::io::SeekFrom;
use std::path::Path;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncSeek, AsyncSeekExt};
use tracing::Instrument;

/// Graph takes every range but the last in multiples of 320 KiB.
pub const UPLOAD_CHUNK_UNIT: usize = 320 * 1024;

/// Graph takes at most 60 MiB in one request.
const MAX_CHUNK: usize = 192 * UPLOAD_CHUNK_UNIT;

/// How far an upload has come: the bytes the session holds, of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub uploaded: u64,
    pub total: u64,
}

/// A chunked upload into one session; see [`Client::upload`].
pub struct LargeFileUpload<'a> {
    client: &'a Client,
    session: UploadSession,
    chunk_size: usize,
    progress: Option<Box<dyn FnMut(Progress) + Send + 'a>>,
}

impl Client {
    /// An upload into `session`: ranges of 5 MiB, each retried per the
    /// client's [`RetryPolicy`](super::RetryPolicy) (after asking the session
    /// what it still expects), sent without the client's token since the
    /// upload URL carries its own authorisation.
    ///
    /// ```no_run
    /// # async fn run(
    /// #     client: docs2rs_runtime::client::Client,
    /// #     answer: serde_json::Value,
    /// # ) -> Result<(), docs2rs_runtime::client::Error> {
    /// use docs2rs_runtime::client::UploadSession;
    /// // `answer`: what `createUploadSession` gave, in any type.
    /// let session = UploadSession::from_answer(&answer)?;
    /// let item: serde_json::Value = client
    ///     .upload(session)
    ///     .on_progress(|p| println!("{} of {} bytes", p.uploaded, p.total))
    ///     .send_file(std::path::Path::new("report.pdf"))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn upload(&self, session: UploadSession) -> LargeFileUpload<'_> {
        LargeFileUpload {
            client: self,
            session,
            chunk_size: 16 * UPLOAD_CHUNK_UNIT,
            progress: None,
        }
    }
}

/// What the session answered a range or a status query with.
enum Step {
    Expecting(Remaining),
    Finished(RawResponse),
}

/// A failed exchange, and whether asking the session and trying again may
/// help. Boxed: an error is large, and this is the error side of a result.
struct Failure {
    error: Box<Error>,
    retry_after: Option<Duration>,
    transient: bool,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let transient = matches!(error, Error::Timeout(_) | Error::Transport(_));
        Failure {
            error: Box::new(error),
            retry_after: None,
            transient,
        }
    }
}

impl<'a> LargeFileUpload<'a> {
    /// The bytes per range, rounded down to a multiple of
    /// [`UPLOAD_CHUNK_UNIT`] and kept between one unit and 60 MiB.
    pub fn chunk_size(mut self, bytes: usize) -> Self {
        let units = bytes / UPLOAD_CHUNK_UNIT;
        self.chunk_size = (units * UPLOAD_CHUNK_UNIT).clamp(UPLOAD_CHUNK_UNIT, MAX_CHUNK);
        self
    }

    /// Called after every range the session accepts, and once at the end.
    pub fn on_progress(mut self, report: impl FnMut(Progress) + Send + 'a) -> Self {
        self.progress = Some(Box::new(report));
        self
    }

    /// Uploads `content` and decodes the item the session creates.
    pub async fn send_bytes<T: ResponseBody>(self, content: &[u8]) -> Result<T, Error> {
        let length = content.len() as u64;
        self.send_reader(std::io::Cursor::new(content), length)
            .await
    }

    /// Uploads the file at `path`, read one range at a time.
    pub async fn send_file<T: ResponseBody>(self, path: &Path) -> Result<T, Error> {
        let named = |error: std::io::Error| {
            Error::Io(std::io::Error::new(
                error.kind(),
                format!("{}: {error}", path.display()),
            ))
        };
        let file = tokio::fs::File::open(path).await.map_err(named)?;
        let length = file.metadata().await.map_err(named)?.len();
        self.send_reader(file, length).await
    }

    /// Uploads the `length` bytes of `content`, which must seek: a range
    /// the session asks for again is read again.
    pub async fn send_reader<T, R>(mut self, mut content: R, length: u64) -> Result<T, Error>
    where
        T: ResponseBody,
        R: AsyncRead + AsyncSeek + Unpin + Send,
    {
        if length == 0 {
            return Err(Error::Protocol(
                "an upload session takes at least one byte; create an empty file with a simple PUT"
                    .to_owned(),
            ));
        }
        let url = reqwest::Url::parse(&self.session.upload_url).map_err(|error| {
            Error::InvalidUrl(format!("`{}`: {error}", self.session.upload_url))
        })?;
        let mut remaining = Remaining::parse(&self.session.next_expected_ranges, length)?;
        let mut ask_session = self.session.next_expected_ranges.is_empty();
        let policy = self.client.inner.retry.clone();
        let mut failures = 0;
        loop {
            let outcome = if ask_session {
                self.status(&url, length).await
            } else {
                let (start, end) = remaining
                    .next_chunk(self.chunk_size as u64)
                    .ok_or_else(nothing_expected)?;
                let bytes = read_range(&mut content, start, end).await?;
                self.put(&url, (start, end, length), bytes).await
            };
            match outcome {
                Ok(Step::Expecting(next)) => {
                    if !ask_session {
                        // A session that takes a range without getting further
                        // would keep the upload going forever.
                        if next.bytes() >= remaining.bytes() {
                            return Err(Error::Protocol(format!(
                                "the session took a range yet still expects {} bytes",
                                next.bytes()
                            )));
                        }
                        failures = 0;
                        self.report(length - next.bytes(), length);
                    }
                    remaining = next;
                    ask_session = false;
                }
                Ok(Step::Finished(item)) => {
                    self.report(length, length);
                    return decode_response(item);
                }
                Err(failure) => {
                    failures += 1;
                    if !failure.transient || failures >= policy.max_attempts {
                        return Err(*failure.error);
                    }
                    tracing::debug!(error = %failure.error, "asking the upload session what it expects");
                    tokio::time::sleep(policy.delay(failures, failure.retry_after)).await;
                    ask_session = true;
                }
            }
        }
    }

    fn report(&mut self, uploaded: u64, total: u64) {
        if let Some(report) = &mut self.progress {
            report(Progress { uploaded, total });
        }
    }

    /// Sends bytes `start..=end` of `length`. A 202 without ranges means the
    /// session expects the rest in order.
    async fn put(
        &self,
        url: &reqwest::Url,
        (start, end, length): (u64, u64, u64),
        bytes: Vec<u8>,
    ) -> Result<Step, Failure> {
        let range = format!("bytes {start}-{end}/{length}");
        let span = tracing::info_span!(
            "graph_upload_range",
            range = range.as_str(),
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        let builder = self
            .client
            .inner
            .http
            .put(url.clone())
            .header("Content-Range", range)
            .body(bytes);
        let answer = self.client.exchange(builder).instrument(span).await?;
        let raw = success(answer)?;
        if raw.status != 202 {
            return Ok(Step::Finished(raw));
        }
        let next = match serde_json::from_slice(&raw.body)
            .ok()
            .as_ref()
            .and_then(expected_ranges)
        {
            Some(ranges) => Remaining::parse(&ranges, length)?,
            None => Remaining::from(end + 1, length),
        };
        Ok(Step::Expecting(next))
    }

    /// Asks the session which ranges it still expects.
    async fn status(&self, url: &reqwest::Url, length: u64) -> Result<Step, Failure> {
        let builder = self.client.inner.http.get(url.clone());
        let raw = success(self.client.exchange(builder).await?)?;
        let answer = serde_json::from_slice(&raw.body).map_err(|error| {
            Error::Protocol(format!("the upload session's status is not JSON: {error}"))
        })?;
        let ranges = expected_ranges(&answer).unwrap_or_default();
        Ok(Step::Expecting(Remaining::parse(&ranges, length)?))
    }
}

/// A successful answer, or a failure that is transient when the service
/// was unavailable, throttled, or had other bytes than the range assumed
/// (416).
fn success(answer: RawResponse) -> Result<RawResponse, Failure> {
    let status = answer.status;
    let retry_after = answer.headers.retry_after();
    successful(answer).map_err(|error| Failure {
        error: Box::new(error),
        retry_after,
        transient: status >= 500 || status == 429 || status == 416,
    })
}

fn nothing_expected() -> Error {
    Error::Protocol(
        "the upload session expects no more bytes yet gave no item (a session created with \
         deferCommit needs its commit request)"
            .to_owned(),
    )
}

async fn read_range<R>(content: &mut R, start: u64, end: u64) -> Result<Vec<u8>, Error>
where
    R: AsyncRead + AsyncSeek + Unpin,
{
    let mut bytes = vec![0; (end - start + 1) as usize];
    content
        .seek(SeekFrom::Start(start))
        .await
        .map_err(Error::Io)?;
    content.read_exact(&mut bytes).await.map_err(|error| {
        Error::Io(std::io::Error::new(
            error.kind(),
            format!("bytes {start}-{end} of the content: {error}"),
        ))
    })?;
    Ok(bytes)
}
