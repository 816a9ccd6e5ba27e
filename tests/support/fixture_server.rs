//! A local HTTP server for tests: scripted replies per route, every request
//! recorded, nothing touching the network. It listens on 127.0.0.1 on a
//! free port and stops when dropped.
//!
//! A route is a path (`/api/daily_papers`, any query) or a path with its
//! query (`/oai?verb=ListRecords&set=cs`, that query exactly); the exact
//! route wins. Each route serves its queued replies in order, then its
//! fallback, and an unknown route is a 404.
//!
//! Use it from an integration test with
//! `#[path = "support/fixture_server.rs"] mod fixture_server;`. From unit
//! tests under `src/`, declare it at the top level of the file (not inside
//! `mod tests`, whose path would go through a folder that does not exist):
//! `#[cfg(test)] #[path = "../../tests/support/fixture_server.rs"] mod fixture_server;`
//! in `src/net/x.rs` (one `../` per folder below `src/`, plus one), then
//! `use super::fixture_server;` in the tests.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How a reply is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// As it is.
    Normal,
    /// The body gzip-encoded, with `Content-Encoding: gzip`.
    Gzip,
    /// `Content-Length` larger than the body, which is sent and then the
    /// connection closed.
    CutShort,
    /// The connection closed after the request, with no response at all.
    Drop,
    /// The body sent as the whole response, status line and headers
    /// included (for responses that are not HTTP).
    Raw,
    /// The headers and the first `after` bytes of the body sent, then
    /// nothing for `pause`, then the rest (a download under way).
    Stall {
        /// Bytes of the body sent before the pause.
        after: usize,
        /// How long the server stays silent.
        pause: Duration,
    },
}

/// One scripted reply.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The status.
    pub status: u16,
    /// Headers besides `Content-Length` and `Connection`.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// How it is sent.
    pub mode: Mode,
    /// A pause between reading the request and answering it.
    pub delay: Duration,
}

impl Reply {
    /// 200 with this body.
    pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
        Reply::status(200).body(body)
    }

    /// This status with an empty body.
    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            mode: Mode::Normal,
            delay: Duration::ZERO,
        }
    }

    /// A redirect (302) to `location`.
    pub fn redirect(location: &str) -> Reply {
        Reply::status(302).header("Location", location)
    }

    /// The connection closed without a response.
    pub fn drop_connection() -> Reply {
        Reply {
            mode: Mode::Drop,
            ..Reply::status(200)
        }
    }

    /// `bytes` sent as they are, then the connection closed.
    pub fn raw(bytes: impl Into<Vec<u8>>) -> Reply {
        Reply {
            mode: Mode::Raw,
            ..Reply::status(200).body(bytes)
        }
    }

    /// This reply with `body`.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Reply {
        self.body = body.into();
        self
    }

    /// This reply with one more header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// This reply gzip-encoded.
    pub fn gzip(mut self) -> Reply {
        self.mode = Mode::Gzip;
        self
    }

    /// This reply cut short after its body, which claims to be longer.
    pub fn cut_short(mut self) -> Reply {
        self.mode = Mode::CutShort;
        self
    }

    /// This reply's body stopping after `after` bytes for `pause`.
    pub fn stall(mut self, after: usize, pause: Duration) -> Reply {
        self.mode = Mode::Stall { after, pause };
        self
    }

    /// This reply sent `delay` after the request arrived.
    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `GET`.
    pub method: String,
    /// The path and query (`/api/daily_papers?date=2025-12-01`).
    pub target: String,
    /// The headers, names lowercased, in order.
    pub headers: Vec<(String, String)>,
    /// When the request's head had arrived.
    pub at: Instant,
}

impl Recorded {
    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Route {
    queue: VecDeque<Reply>,
    fallback: Option<Reply>,
}

#[derive(Default)]
struct State {
    routes: HashMap<String, Route>,
    requests: Vec<Recorded>,
    in_flight: usize,
    max_in_flight: usize,
}

/// The server; stops when dropped.
pub struct FixtureServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FixtureServer {
    /// A server on 127.0.0.1 with a free port and no routes.
    pub fn start() -> FixtureServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (Arc::clone(&state), Arc::clone(&stop));
        let thread = std::thread::spawn(move || accept_loop(listener, s, st));
        FixtureServer {
            addr,
            state,
            stop,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Queues `replies` on `route`, after any already queued.
    pub fn script(&self, route: &str, replies: impl IntoIterator<Item = Reply>) {
        let mut state = lock(&self.state);
        let entry = state.routes.entry(route.to_string()).or_default();
        entry.queue.extend(replies);
    }

    /// The reply of `route` once its queue is empty.
    pub fn fallback(&self, route: &str, reply: Reply) {
        let mut state = lock(&self.state);
        state.routes.entry(route.to_string()).or_default().fallback = Some(reply);
    }

    /// Every request so far, in the order received.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.state).requests.clone()
    }

    /// The requests whose path is `path`.
    pub fn requests_to(&self, path: &str) -> Vec<Recorded> {
        let all = self.requests();
        all.into_iter().filter(|r| r.path() == path).collect()
    }

    /// The most requests received and not yet answered at one moment.
    pub fn max_in_flight(&self) -> usize {
        lock(&self.state).max_in_flight
    }
}

impl Drop for FixtureServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

fn accept_loop(listener: TcpListener, state: Arc<Mutex<State>>, stop: Arc<AtomicBool>) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let state = Arc::clone(&state);
        std::thread::spawn(move || serve(stream, &state));
    }
}

/// Answers one request on `stream`, then closes it.
fn serve(mut stream: TcpStream, state: &Mutex<State>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Some(recorded) = read_head(&stream) else {
        return;
    };
    let reply = {
        let mut state = lock(state);
        let reply = pick(&mut state, &recorded.target);
        state.requests.push(recorded);
        state.in_flight += 1;
        state.max_in_flight = state.max_in_flight.max(state.in_flight);
        reply
    };
    // The delay the reply was scripted with: a slow server is the test.
    std::thread::sleep(reply.delay);
    // Counted as answered before the first byte goes out, so a client that
    // waits for the whole answer never sees two requests in flight.
    lock(state).in_flight -= 1;
    match reply.mode {
        Mode::Drop => {}
        Mode::Stall { after, pause } => {
            let bytes = encode(&reply);
            let split = (bytes.len() - reply.body.len() + after).min(bytes.len());
            let _ = stream.write_all(&bytes[..split]);
            let _ = stream.flush();
            std::thread::sleep(pause);
            let _ = stream.write_all(&bytes[split..]);
            let _ = stream.flush();
        }
        _ => {
            let _ = stream.write_all(&encode(&reply));
            let _ = stream.flush();
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
}

/// The request line and headers, or `None` when the client sent nothing.
fn read_head(stream: &TcpStream) -> Option<Recorded> {
    let mut reader = BufReader::new(stream.take(64 << 10));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((name, value)) = l.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    Some(Recorded {
        method,
        target,
        headers,
        at: Instant::now(),
    })
}

/// The reply for `target`: the exact route's, else the path's, else 404.
fn pick(state: &mut State, target: &str) -> Reply {
    let path = target.split('?').next().unwrap_or_default();
    for key in [target, path] {
        let route = state.routes.get_mut(key);
        if let Some(reply) = route.and_then(|r| r.queue.pop_front().or_else(|| r.fallback.clone()))
        {
            return reply;
        }
    }
    Reply::status(404).body("no such route in the fixture")
}

/// The bytes of a reply.
fn encode(reply: &Reply) -> Vec<u8> {
    if reply.mode == Mode::Raw {
        return reply.body.clone();
    }
    let body = match reply.mode {
        Mode::Gzip => gzip(&reply.body),
        _ => reply.body.clone(),
    };
    let length = match reply.mode {
        Mode::CutShort => body.len() + 1000,
        _ => body.len(),
    };
    let mut out = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    if reply.mode == Mode::Gzip {
        out.push_str("Content-Encoding: gzip\r\n");
    }
    out.push_str(&format!(
        "Content-Length: {length}\r\nConnection: close\r\n\r\n"
    ));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&body);
    bytes
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).expect("gzip into memory");
    encoder.finish().expect("gzip into memory")
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
