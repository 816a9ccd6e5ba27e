//! One HTTP exchange through ureq: a GET, its status and the few headers
//! paperboat reads, the body under a size cap, and every ureq failure
//! sorted into what the client does about it.

use std::io::{self, Read};
use std::time::{Duration, SystemTime};

use ureq::Agent;
use url::Url;

use super::retry::ServerWait;

/// A response as one exchange brought it (redirects are not followed here).
#[derive(Debug)]
pub struct Exchange {
    /// The HTTP status.
    pub status: u16,
    /// `Location`, for a redirect.
    pub location: Option<String>,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// What the server says about waiting.
    pub wait: ServerWait,
}

/// Where a success's body goes as it arrives (decoded from gzip): a
/// buffer, or a file that checks what it is given.
pub trait BodySink {
    /// A new try begins, its body `declared` this long (when the server
    /// says so): whatever an earlier try gave is dropped.
    fn restart(&mut self, declared: Option<u64>);
    /// The next bytes; an error refuses the body, which is not asked for
    /// again.
    fn take(&mut self, bytes: &[u8]) -> Result<(), String>;
}

impl BodySink for Vec<u8> {
    fn restart(&mut self, _declared: Option<u64>) {
        self.clear();
    }

    fn take(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.extend_from_slice(bytes);
        Ok(())
    }
}

/// Why an exchange brought no response, sorted by what to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No connection: not worth retrying soon.
    Unreachable(String),
    /// The connection closed before the response began.
    Dropped,
    /// The connection closed in the middle of the response.
    CutShort,
    /// The server stopped answering.
    TimedOut(Duration),
    /// The body is over the cap.
    TooLarge,
    /// Not well-formed HTTP or gzip.
    Bad(String),
    /// The body's sink refused it.
    Refused(String),
}

impl Failure {
    /// True when another try may well succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Failure::Dropped | Failure::CutShort | Failure::TimedOut(_)
        )
    }
}

/// The timeouts of one exchange.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// Resolving the host and connecting (TLS included).
    pub connect: Duration,
    /// The longest silence while waiting for or reading the response.
    pub read: Duration,
    /// The whole exchange.
    pub total: Duration,
}

/// The agent all exchanges share: its connection pool, TLS roots and the
/// proxy from the environment. Redirects are followed by the client, which
/// checks each one; statuses are values, not errors.
pub fn agent(user_agent: &str, timeouts: Timeouts) -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(user_agent)
        .accept_encoding("gzip")
        .proxy(ureq::Proxy::try_from_env())
        .timeout_resolve(Some(timeouts.connect))
        .timeout_connect(Some(timeouts.connect))
        .timeout_recv_response(Some(timeouts.read))
        .timeout_per_read(Some(timeouts.read))
        .timeout_global(Some(timeouts.total))
        .build()
        .new_agent()
}

/// GETs `url`; a success's body goes to `sink` up to `cap` bytes after
/// decoding. `direct` bypasses any proxy (for this machine, which no proxy
/// reaches).
pub fn exchange(
    agent: &Agent,
    url: &Url,
    cap: u64,
    direct: bool,
    timeouts: Timeouts,
    sink: &mut dyn BodySink,
) -> Result<Exchange, Failure> {
    let mut request = agent.get(url.as_str());
    if direct {
        request = request.config().proxy(None).build();
    }
    let mut response = request.call().map_err(|e| sort(e, Stage::Head, timeouts))?;
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let wait = ServerWait::read(
        header("retry-after").as_deref(),
        header("ratelimit").as_deref(),
        SystemTime::now(),
    );
    let (location, content_type) = (header("location"), header("content-type"));
    let encoded = header("content-encoding").is_some();
    if (200..300).contains(&status) {
        let declared = response.body().content_length();
        if !encoded && declared.is_some_and(|n| n > cap) {
            return Err(Failure::TooLarge);
        }
        sink.restart(declared.filter(|_| !encoded));
        let mut reader = response.body_mut().with_config().limit(cap).reader();
        let mut buffer = vec![0u8; 64 << 10];
        loop {
            let n = match reader.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(sort_read(e, timeouts)),
            };
            sink.take(&buffer[..n]).map_err(Failure::Refused)?;
        }
    } else {
        // Read a little so the connection may be used again; the body of
        // a failure is not shown.
        let _ = response
            .body_mut()
            .with_config()
            .limit(64 << 10)
            .read_to_vec();
    }
    Ok(Exchange {
        status,
        location,
        content_type,
        wait,
    })
}

/// What an error reading the body means: ureq hands its own errors
/// (over the limit, a corrupt gzip stream, a timeout) through `io::Error`.
fn sort_read(error: io::Error, timeouts: Timeouts) -> Failure {
    if !error
        .get_ref()
        .is_some_and(|inner| inner.is::<ureq::Error>())
    {
        return sort_io(&error, Stage::Body, timeouts.read);
    }
    match error
        .into_inner()
        .map(|inner| inner.downcast::<ureq::Error>())
    {
        Some(Ok(inner)) => sort(*inner, Stage::Body, timeouts),
        _ => Failure::CutShort,
    }
}

/// Where in the exchange a failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Head,
    Body,
}

/// What a ureq error means here.
fn sort(error: ureq::Error, stage: Stage, timeouts: Timeouts) -> Failure {
    use ureq::Error as E;
    use ureq::Timeout as T;
    match error {
        E::Io(e) => sort_io(&e, stage, timeouts.read),
        E::HostNotFound => Failure::Unreachable("host not found".into()),
        E::ConnectionFailed => Failure::Unreachable("connection failed".into()),
        E::Timeout(T::Resolve | T::Connect) => Failure::Unreachable(format!(
            "no connection within {}",
            super::error::seconds(timeouts.connect)
        )),
        E::Timeout(T::Global) => Failure::TimedOut(timeouts.total),
        E::Timeout(_) => Failure::TimedOut(timeouts.read),
        E::BodyExceedsLimit(_) => Failure::TooLarge,
        // A gzip stream that ends early is a cut; anything else is corrupt.
        E::Decompress(_, e) if e.kind() == io::ErrorKind::UnexpectedEof => Failure::CutShort,
        E::Decompress(..) => Failure::Bad("the gzip body is corrupt".into()),
        E::InvalidProxyUrl => Failure::Unreachable("the proxy variable is not a valid URL".into()),
        E::ConnectProxyFailed(_) => Failure::Unreachable("the proxy refused the connection".into()),
        e @ (E::Tls(_) | E::Rustls(_) | E::TlsRequired) => {
            Failure::Unreachable(clean(&format!("TLS failed ({e})")))
        }
        E::LargeResponseHeader(..) => Failure::Bad("the response headers are too large".into()),
        E::Protocol(e) => Failure::Bad(clean(&format!("not a valid HTTP response ({e})"))),
        other => Failure::Bad(clean(&other.to_string())),
    }
}

/// What an I/O error means: refused and unreachable networks are no
/// connection; a reset or an early end is a drop, or a cut when the
/// response had begun.
fn sort_io(error: &io::Error, stage: Stage, read_timeout: Duration) -> Failure {
    use io::ErrorKind as K;
    let broken = match stage {
        Stage::Head => Failure::Dropped,
        Stage::Body => Failure::CutShort,
    };
    match error.kind() {
        K::ConnectionRefused => Failure::Unreachable("connection refused".into()),
        K::NetworkUnreachable | K::HostUnreachable | K::AddrNotAvailable | K::NetworkDown => {
            Failure::Unreachable("no route to the host".into())
        }
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => broken,
        K::TimedOut | K::WouldBlock => Failure::TimedOut(read_timeout),
        _ if stage == Stage::Body => broken,
        _ => Failure::Bad(clean(&error.to_string())),
    }
}

/// Text from a library or a server, safe for the terminal.
fn clean(text: &str) -> String {
    crate::corpus::sanitize::clean_line(text)
}
