//! The HTTP client every download goes through: it checks each URL and
//! redirect, takes its turn per host, retries what is worth retrying as
//! the server asks, and turns every failure into one line.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant, SystemTime};

use url::{Position, Url};

use super::error::NetError;
use super::pace::Pacer;
use super::retry::{RetryPolicy, is_retryable_status};
pub use super::transport::BodySink;
use super::transport::{self, Exchange, Failure, Timeouts};
use super::url_check::{UrlRefusal, check_url, host_name, is_loopback};
use super::wait::{self, Cancelled};

/// The largest response body a request takes unless it says otherwise.
pub const DEFAULT_CAP: u64 = 64 << 20;

/// `paperboat/<version>`, with the repository when the package names one.
pub fn default_user_agent() -> String {
    let version = env!("CARGO_PKG_VERSION");
    match env!("CARGO_PKG_REPOSITORY") {
        "" => format!("paperboat/{version}"),
        repository => format!("paperboat/{version} (+{repository})"),
    }
}

/// How the client behaves; the defaults suit the public services, tests
/// shorten the waits.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Resolving and connecting, TLS included.
    pub connect_timeout: Duration,
    /// The longest silence while waiting for or reading a response.
    pub read_timeout: Duration,
    /// One whole exchange, body included.
    pub total_timeout: Duration,
    /// Retries, backoff and the longest wait sat through.
    pub retry: RetryPolicy,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// The `User-Agent` sent.
    pub user_agent: String,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            connect_timeout: Duration::from_secs(15),
            read_timeout: Duration::from_secs(60),
            total_timeout: Duration::from_secs(600),
            retry: RetryPolicy::default(),
            max_redirects: 5,
            user_agent: default_user_agent(),
        }
    }
}

/// What one `get` asks for beyond its URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    /// The largest body taken, after decoding; a larger one is an error.
    pub cap: u64,
    /// The least time since the last request to the same host ended.
    pub min_spacing: Duration,
}

impl Default for Request {
    fn default() -> Request {
        Request {
            cap: DEFAULT_CAP,
            min_spacing: Duration::ZERO,
        }
    }
}

impl Request {
    /// This request with a body cap of `bytes`.
    pub fn capped(self, bytes: u64) -> Request {
        Request { cap: bytes, ..self }
    }

    /// This request spaced at least `spacing` after the host's last one.
    pub fn spaced(self, spacing: Duration) -> Request {
        Request {
            min_spacing: spacing,
            ..self
        }
    }
}

/// A successful response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status (2xx).
    pub status: u16,
    /// `Content-Type`, as sent.
    pub content_type: Option<String>,
    /// The body, decoded from gzip.
    pub body: Vec<u8>,
    /// The URL the body came from, after redirects.
    pub final_url: Url,
}

/// A successful response whose body went to a [`BodySink`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseHead {
    /// The HTTP status (2xx).
    pub status: u16,
    /// `Content-Type`, as sent.
    pub content_type: Option<String>,
    /// The URL the body came from, after redirects.
    pub final_url: Url,
}

/// Something worth telling the reader while a request goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetEvent {
    /// A try failed and the next waits.
    Waiting {
        /// The host.
        host: String,
        /// The wait before the next try.
        wait: Duration,
        /// Why: `HTTP 429`, `the response was cut short`.
        reason: String,
        /// The next try's number (2 for the first retry).
        next_try: u32,
        /// Tries in all.
        tries: u32,
    },
}

impl std::fmt::Display for NetEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let NetEvent::Waiting {
            host,
            wait,
            reason,
            next_try,
            tries,
        } = self;
        let wait = super::error::seconds(*wait);
        write!(
            f,
            "{host}: {reason}; waiting {wait} (try {next_try} of {tries})"
        )
    }
}

/// What the client calls on each [`NetEvent`].
pub type EventHook = Arc<dyn Fn(&NetEvent) + Send + Sync>;

/// The blocking HTTP client; shared by reference between threads.
pub struct Client {
    agent: ureq::Agent,
    settings: Settings,
    pacer: Pacer,
    cancel: Arc<AtomicBool>,
    on_event: Option<EventHook>,
}

/// What went wrong with the last try.
enum Trouble {
    Status(u16),
    Broken(Failure),
}

impl Client {
    /// A client with these settings and its own cancel flag.
    pub fn new(settings: Settings) -> Client {
        let agent = transport::agent(&settings.user_agent, timeouts(&settings));
        Client {
            agent,
            settings,
            pacer: Pacer::new(),
            cancel: Arc::new(AtomicBool::new(false)),
            on_event: None,
        }
    }

    /// The client giving up when `flag` is set: between tries and during
    /// every wait (a request under way ends by its timeouts).
    pub fn with_cancel(self, flag: Arc<AtomicBool>) -> Client {
        Client {
            cancel: flag,
            ..self
        }
    }

    /// The client calling `hook` on each [`NetEvent`].
    pub fn on_event(self, hook: impl Fn(&NetEvent) + Send + Sync + 'static) -> Client {
        Client {
            on_event: Some(Arc::new(hook)),
            ..self
        }
    }

    /// The flag that stops this client's requests.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }

    /// The settings in use.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Every request to the host of `url` waits at least `spacing` after
    /// the last one ended (arXiv: [`super::pace::ARXIV_SPACING`]).
    pub fn space_host(&self, url: &str, spacing: Duration) -> Result<(), NetError> {
        let url = check_url(url).map_err(|e| bad_url(url, e))?;
        self.pacer.set_spacing(&host_key(&url), spacing);
        Ok(())
    }

    /// GETs `url`, following up to `max_redirects` redirects (never to
    /// plain http elsewhere, nor from elsewhere to this machine), retrying
    /// 429, 5xx and broken connections. Anything but a 2xx is an error.
    pub fn get(&self, url: &str, request: &Request) -> Result<Response, NetError> {
        let mut body = Vec::new();
        let head = self.get_into(url, request, &mut body)?;
        Ok(Response {
            status: head.status,
            content_type: head.content_type,
            body,
            final_url: head.final_url,
        })
    }

    /// As [`Client::get`], the body handed to `sink` as it arrives rather
    /// than gathered: a large download goes to a file, which may refuse it
    /// from its first bytes. Each try restarts the sink; a refusal is not
    /// retried.
    pub fn get_into(
        &self,
        url: &str,
        request: &Request,
        sink: &mut dyn BodySink,
    ) -> Result<ResponseHead, NetError> {
        let mut url = check_url(url).map_err(|e| bad_url(url, e))?;
        let mut redirects = 0;
        loop {
            let (exchange, tries) = self.with_retries(&url, request, sink)?;
            let host = host_name(&url);
            if (200..300).contains(&exchange.status) {
                return Ok(ResponseHead {
                    status: exchange.status,
                    content_type: exchange.content_type,
                    final_url: url,
                });
            }
            let location = exchange.location.as_deref();
            let Some(location) = location.filter(|_| is_redirect(exchange.status)) else {
                return Err(NetError::Status {
                    host,
                    status: exchange.status,
                    target: target(&url),
                    tries,
                });
            };
            redirects += 1;
            if redirects > self.settings.max_redirects {
                let reason = format!("more than {} redirects", self.settings.max_redirects);
                return Err(NetError::Redirect { host, reason });
            }
            url = redirect_target(&url, location)?;
        }
    }

    /// One URL asked until it answers with something other than a
    /// retryable failure, or the tries run out; with the number of tries.
    fn with_retries(
        &self,
        url: &Url,
        request: &Request,
        sink: &mut dyn BodySink,
    ) -> Result<(Exchange, u32), NetError> {
        let (host, key) = (host_name(url), host_key(url));
        let policy = self.settings.retry;
        let mut tries = 0;
        loop {
            tries += 1;
            let outcome = self.try_once(url, &key, request, sink);
            let outcome = outcome.map_err(|_| NetError::Cancelled { host: host.clone() })?;
            let (trouble, asked) = match outcome {
                Ok(exchange) if !is_retryable_status(exchange.status) => {
                    if let Some(reset) = exchange.wait.exhausted() {
                        // No request left in the window: the next one waits.
                        self.pacer.hold(&key, later(reset.min(policy.max_wait)));
                    }
                    return Ok((exchange, tries));
                }
                Ok(exchange) => (
                    Trouble::Status(exchange.status),
                    exchange.wait.after_failure(exchange.status),
                ),
                Err(failure) if failure.is_retryable() => (Trouble::Broken(failure), None),
                Err(failure) => {
                    let trouble = Trouble::Broken(failure);
                    return Err(final_error(&host, url, trouble, tries, request));
                }
            };
            let wait = match (asked, &trouble) {
                (Some(wait), &Trouble::Status(status)) if wait > policy.max_wait => {
                    return Err(rate_limited(host, status, wait));
                }
                (Some(wait), _) => wait,
                (None, _) => policy.backoff(tries - 1).min(policy.max_wait),
            };
            if tries > policy.max_retries {
                return Err(final_error(&host, url, trouble, tries, request));
            }
            self.tell(NetEvent::Waiting {
                host: host.clone(),
                wait,
                reason: trouble.to_string(),
                next_try: tries + 1,
                tries: policy.max_retries.saturating_add(1),
            });
            // Held for every caller: the host is not ready for anyone.
            self.pacer.hold(&key, later(wait));
        }
    }

    /// One exchange in the host's turn, unless the cancel flag is set.
    fn try_once(
        &self,
        url: &Url,
        key: &str,
        request: &Request,
        sink: &mut dyn BodySink,
    ) -> Result<Result<Exchange, Failure>, Cancelled> {
        if wait::is_set(&self.cancel) {
            return Err(Cancelled);
        }
        let _turn = self.pacer.acquire(key, request.min_spacing, &self.cancel)?;
        let timeouts = timeouts(&self.settings);
        let direct = is_loopback(url);
        Ok(transport::exchange(
            &self.agent,
            url,
            request.cap,
            direct,
            timeouts,
            sink,
        ))
    }

    fn tell(&self, event: NetEvent) {
        if let Some(hook) = &self.on_event {
            hook(&event);
        }
    }
}

impl std::fmt::Display for Trouble {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Trouble::Status(status) => write!(f, "HTTP {status}"),
            Trouble::Broken(Failure::Dropped) => {
                f.write_str("the connection closed without an answer")
            }
            Trouble::Broken(Failure::CutShort) => f.write_str("the response was cut short"),
            Trouble::Broken(Failure::TimedOut(after)) => {
                write!(f, "no answer for {}", super::error::seconds(*after))
            }
            Trouble::Broken(_) => f.write_str("the request failed"),
        }
    }
}

/// The error for the last try's trouble.
fn final_error(host: &str, url: &Url, trouble: Trouble, tries: u32, request: &Request) -> NetError {
    let host = host.to_string();
    match trouble {
        Trouble::Status(status) => NetError::Status {
            host,
            status,
            target: target(url),
            tries,
        },
        Trouble::Broken(failure) => match failure {
            Failure::Unreachable(reason) => NetError::Unreachable { host, reason },
            Failure::Dropped => NetError::Dropped { host, tries },
            Failure::CutShort => NetError::CutShort { host, tries },
            Failure::TimedOut(after) => NetError::TimedOut { host, after, tries },
            Failure::TooLarge => NetError::TooLarge {
                host,
                cap: request.cap,
            },
            Failure::Bad(reason) | Failure::Refused(reason) => {
                NetError::BadResponse { host, reason }
            }
        },
    }
}

/// The next URL of a redirect, when it may be followed.
fn redirect_target(from: &Url, location: &str) -> Result<Url, NetError> {
    let host = host_name(from);
    let refuse = |reason: String| NetError::Redirect {
        host: host.clone(),
        reason,
    };
    let next = from
        .join(location.trim())
        .map_err(|e| refuse(format!("refused a redirect to an invalid URL ({e})")))?;
    let next = check_url(next.as_str()).map_err(|e| refuse(format!("refused a redirect: {e}")))?;
    if is_loopback(&next) && !is_loopback(from) {
        return Err(refuse("refused a redirect to this machine".into()));
    }
    Ok(next)
}

/// The server asks to wait longer than the client waits.
fn rate_limited(host: String, status: u16, wait: Duration) -> NetError {
    let now = SystemTime::now();
    let retry_at = now.checked_add(wait).unwrap_or(now);
    NetError::RateLimited {
        host,
        status,
        wait,
        retry_at,
    }
}

/// `wait` from now; a wait too long for the clock is a year.
fn later(wait: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(wait)
        .or_else(|| now.checked_add(Duration::from_secs(365 * 86_400)))
        .unwrap_or(now)
}

fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// The pacer's key: host and port.
fn host_key(url: &Url) -> String {
    let port = url.port_or_known_default().unwrap_or(0);
    format!("{}:{port}", url.host_str().unwrap_or_default())
}

/// The path and query, as errors show them (cleaned, at most 200 chars).
fn target(url: &Url) -> String {
    let text = crate::corpus::sanitize::clean_line(&url[Position::BeforePath..]);
    match text.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

fn bad_url(url: &str, refusal: UrlRefusal) -> NetError {
    let mut shown = crate::corpus::sanitize::clean_line(url);
    if let Some((i, _)) = shown.char_indices().nth(200) {
        shown.truncate(i);
        shown.push('…');
    }
    NetError::BadUrl {
        url: shown,
        reason: refusal.to_string(),
    }
}

fn timeouts(settings: &Settings) -> Timeouts {
    Timeouts {
        connect: settings.connect_timeout,
        read: settings.read_timeout,
        total: settings.total_timeout,
    }
}
