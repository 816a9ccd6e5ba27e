//! The HTTP client against a local fixture server: retries as the server
//! asks, broken and oversized responses, redirects, politeness per host,
//! cancelling, gzip, the User-Agent, and one-line errors.

#[path = "support/fixture_server.rs"]
mod fixture_server;

use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fixture_server::{FixtureServer, Reply};
use paperboat::net::endpoints::{self, Endpoints};
use paperboat::net::pace::ARXIV_SPACING;
use paperboat::net::retry::RetryPolicy;
use paperboat::net::{Client, NetError, Request, Settings};

/// Settings with short backoffs, so that retries cost milliseconds.
fn fast() -> Settings {
    Settings {
        connect_timeout: Duration::from_secs(5),
        read_timeout: Duration::from_secs(5),
        total_timeout: Duration::from_secs(30),
        retry: RetryPolicy {
            backoff_base: Duration::from_millis(10),
            backoff_max: Duration::from_millis(40),
            ..RetryPolicy::default()
        },
        ..Settings::default()
    }
}

fn client() -> Client {
    Client::new(fast())
}

/// The time between the arrivals of two recorded requests.
fn gap(server: &FixtureServer, first: usize, second: usize) -> Duration {
    let requests = server.requests();
    requests[second].at.duration_since(requests[first].at)
}

#[test]
fn a_429_with_retry_after_is_waited_out_then_the_page_arrives() {
    let server = FixtureServer::start();
    server.script(
        "/api/daily_papers",
        [
            Reply::status(429).header("Retry-After", "1"),
            Reply::ok("[]"),
        ],
    );
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&events);
    let client = client().on_event(move |e| seen.lock().unwrap().push(e.to_string()));
    let url = server.url("/api/daily_papers?date=2025-12-01&limit=100&p=0");
    let response = client.get(&url, &Request::default()).unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.body, b"[]");
    assert_eq!(server.requests().len(), 2);
    assert!(gap(&server, 0, 1) >= Duration::from_secs(1));
    assert_eq!(
        *events.lock().unwrap(),
        ["127.0.0.1: HTTP 429; waiting 1 s (try 2 of 5)"]
    );
}

#[test]
fn a_503_with_retry_after_as_a_date_is_retried() {
    let server = FixtureServer::start();
    let past = "Thu, 01 Jan 1970 00:00:00 GMT";
    server.script(
        "/details",
        [
            Reply::status(503).header("Retry-After", past),
            Reply::ok("{}"),
        ],
    );
    let response = client().get(&server.url("/details"), &Request::default());
    assert_eq!(response.unwrap().body, b"{}");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn the_rate_limit_header_says_how_long_to_wait() {
    let server = FixtureServer::start();
    server.script(
        "/api/x",
        [
            Reply::status(429).header("RateLimit", "\"api\";r=0;t=1"),
            Reply::ok("ok"),
        ],
    );
    assert!(
        client()
            .get(&server.url("/api/x"), &Request::default())
            .is_ok()
    );
    assert_eq!(server.requests().len(), 2);
    assert!(gap(&server, 0, 1) >= Duration::from_secs(1));
}

#[test]
fn no_request_left_in_the_window_holds_the_next_request() {
    let server = FixtureServer::start();
    server.script(
        "/api/a",
        [Reply::ok("a").header("RateLimit", "\"api\";r=0;t=1")],
    );
    server.fallback("/api/b", Reply::ok("b"));
    let client = client();
    client
        .get(&server.url("/api/a"), &Request::default())
        .unwrap();
    client
        .get(&server.url("/api/b"), &Request::default())
        .unwrap();
    assert!(gap(&server, 0, 1) >= Duration::from_secs(1));
}

#[test]
fn a_wait_longer_than_the_cap_fails_at_once_saying_when_to_retry() {
    let server = FixtureServer::start();
    server.fallback(
        "/api/x",
        Reply::status(429).header("RateLimit", "\"api\";r=0;t=3600"),
    );
    let err = client()
        .get(&server.url("/api/x"), &Request::default())
        .unwrap_err();
    let line = err.to_string();
    assert!(
        line.starts_with(
            "127.0.0.1: HTTP 429 Too Many Requests; the server asks to wait 60 min, try again after "
        ),
        "{line}"
    );
    assert!(line.ends_with(" UTC") && !line.contains('\n'), "{line}");
    assert!(!err.is_unreachable());
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_dropped_connection_is_retried() {
    let server = FixtureServer::start();
    server.script("/oai", [Reply::drop_connection(), Reply::ok("<OAI-PMH/>")]);
    let response = client().get(&server.url("/oai?verb=Identify"), &Request::default());
    assert_eq!(response.unwrap().body, b"<OAI-PMH/>");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_response_cut_short_is_retried_and_reported_in_one_line_when_it_stays_short() {
    let server = FixtureServer::start();
    server.script(
        "/once",
        [Reply::ok("partial").cut_short(), Reply::ok("whole")],
    );
    assert_eq!(
        client()
            .get(&server.url("/once"), &Request::default())
            .unwrap()
            .body,
        b"whole"
    );

    server.fallback("/always", Reply::ok("partial").cut_short());
    let err = client()
        .get(&server.url("/always"), &Request::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "127.0.0.1: the response was cut short (5 tries)"
    );
    assert!(matches!(err, NetError::CutShort { tries: 5, .. }));
    assert_eq!(server.requests_to("/always").len(), 5);
}

#[test]
fn a_connection_always_dropped_is_reported_after_the_last_try() {
    let server = FixtureServer::start();
    server.fallback("/gone", Reply::drop_connection());
    let err = client()
        .get(&server.url("/gone"), &Request::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "127.0.0.1: the connection closed without an answer (5 tries)"
    );
}

#[test]
fn a_5xx_that_stays_is_one_line_with_the_tries() {
    let server = FixtureServer::start();
    server.fallback("/busy", Reply::status(503));
    let err = client()
        .get(&server.url("/busy?from=2025-12-01"), &Request::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "127.0.0.1: HTTP 503 Service Unavailable for /busy?from=2025-12-01 (5 tries)"
    );
    assert_eq!(server.requests().len(), 5);
}

#[test]
fn a_404_is_not_retried() {
    let server = FixtureServer::start();
    let err = client()
        .get(&server.url("/missing?x=1"), &Request::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "127.0.0.1: HTTP 404 Not Found for /missing?x=1"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_body_over_the_cap_is_refused() {
    let server = FixtureServer::start();
    server.fallback("/big", Reply::ok(vec![b'x'; 2000]));
    server.fallback("/exact", Reply::ok(vec![b'x'; 1000]));
    // 4 MiB of zeros packed into a few kilobytes: the cap is on what it
    // decodes to.
    server.fallback("/bomb", Reply::ok(vec![0u8; 4 << 20]).gzip());
    let client = client();
    let capped = Request::default().capped(1000);
    let err = client.get(&server.url("/big"), &capped).unwrap_err();
    assert_eq!(
        err.to_string(),
        "127.0.0.1: the response is over 1000 bytes"
    );
    assert_eq!(
        client
            .get(&server.url("/exact"), &capped)
            .unwrap()
            .body
            .len(),
        1000
    );
    let err = client
        .get(&server.url("/bomb"), &Request::default().capped(64 << 10))
        .unwrap_err();
    assert_eq!(err.to_string(), "127.0.0.1: the response is over 64 KiB");
    // Not retried: a second try would be as large.
    assert_eq!(server.requests_to("/bomb").len(), 1);
}

#[test]
fn redirects_are_followed_up_to_the_bound() {
    let server = FixtureServer::start();
    for i in 0..7 {
        server.fallback(&format!("/r{i}"), Reply::redirect(&format!("/r{}", i + 1)));
    }
    server.fallback("/r7", Reply::ok("end"));
    let client = client();
    let response = client.get(&server.url("/r5"), &Request::default()).unwrap();
    assert_eq!(response.body, b"end");
    assert_eq!(response.final_url.as_str(), server.url("/r7"));
    let err = client
        .get(&server.url("/r0"), &Request::default())
        .unwrap_err();
    assert_eq!(err.to_string(), "127.0.0.1: more than 5 redirects");
}

#[test]
fn a_redirect_to_plain_http_elsewhere_is_refused() {
    let server = FixtureServer::start();
    server.fallback("/to-http", Reply::redirect("http://example.com/pdf/1"));
    server.fallback("/to-file", Reply::redirect("file:///etc/passwd"));
    let client = client();
    let err = client
        .get(&server.url("/to-http"), &Request::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "127.0.0.1: refused a redirect: plain http is used only to this machine \
         (127.0.0.1, ::1, localhost), not to example.com; use https"
    );
    let err = client
        .get(&server.url("/to-file"), &Request::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "127.0.0.1: refused a redirect: only http and https are fetched, not file"
    );
}

#[test]
fn plain_http_to_another_machine_is_refused_as_a_base_and_as_a_url() {
    let lookup =
        |name: &str| (name == endpoints::ARXIV_OAI_VAR).then(|| "http://arxiv.org/oai".to_string());
    let err = Endpoints::from_lookup(lookup).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("PAPERBOAT_ARXIV_OAI: `http://arxiv.org/oai` is refused: plain http")
    );
    let err = client()
        .get("http://arxiv.org/pdf/2505.01234", &Request::default())
        .unwrap_err();
    assert!(err.is_unreachable());
    assert!(
        err.to_string()
            .starts_with("http://arxiv.org/pdf/2505.01234: plain http"),
        "{err}"
    );
}

#[test]
fn requests_to_a_host_are_spaced() {
    let server = FixtureServer::start();
    server.fallback("/oai", Reply::ok("x"));
    let client = client();
    let spaced = Request::default().spaced(Duration::from_millis(300));
    client.get(&server.url("/oai?a"), &spaced).unwrap();
    client.get(&server.url("/oai?b"), &spaced).unwrap();
    assert!(gap(&server, 0, 1) >= Duration::from_millis(300));
}

#[test]
fn a_host_spaced_as_arxiv_asks_waits_three_seconds_between_requests() {
    assert!(ARXIV_SPACING >= Duration::from_secs(3));
    let server = FixtureServer::start();
    server.fallback("/oai", Reply::ok("x"));
    let client = client();
    client.space_host(&server.base(), ARXIV_SPACING).unwrap();
    client
        .get(&server.url("/oai?1"), &Request::default())
        .unwrap();
    client
        .get(&server.url("/oai?2"), &Request::default())
        .unwrap();
    assert!(gap(&server, 0, 1) >= ARXIV_SPACING);
}

#[test]
fn one_request_at_a_time_under_concurrent_callers() {
    let server = FixtureServer::start();
    server.fallback("/slow", Reply::ok("x").delay(Duration::from_millis(40)));
    let client = Arc::new(client());
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let (client, url) = (Arc::clone(&client), server.url(&format!("/slow?{i}")));
            std::thread::spawn(move || client.get(&url, &Request::default()).map(|r| r.body))
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap().unwrap(), b"x");
    }
    assert_eq!(server.requests().len(), 4);
    assert_eq!(server.max_in_flight(), 1);
}

#[test]
fn the_cancel_flag_ends_a_long_wait() {
    let server = FixtureServer::start();
    server.fallback("/api/x", Reply::status(429).header("Retry-After", "100"));
    let cancel = Arc::new(AtomicBool::new(false));
    let client = client().with_cancel(Arc::clone(&cancel));
    // Set once the server has the request: the client is then in its
    // wait of 100 seconds, or about to be.
    let err = std::thread::scope(|scope| {
        scope.spawn(|| {
            while server.requests().is_empty() {
                std::thread::sleep(Duration::from_millis(5));
            }
            cancel.store(true, Ordering::Relaxed);
        });
        client
            .get(&server.url("/api/x"), &Request::default())
            .unwrap_err()
    });
    assert!(err.is_cancelled());
    assert_eq!(err.to_string(), "127.0.0.1: stopped");
    assert_eq!(server.requests().len(), 1);
    // A client whose flag is set asks nothing at all.
    assert!(
        client
            .get(&server.url("/api/x"), &Request::default())
            .unwrap_err()
            .is_cancelled()
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_gzip_body_is_decoded() {
    let server = FixtureServer::start();
    let text = "{\"papers\": []}".repeat(100);
    server.fallback("/api/gz", Reply::ok(text.clone()).gzip());
    let response = client()
        .get(&server.url("/api/gz"), &Request::default())
        .unwrap();
    assert_eq!(response.body, text.as_bytes());
    let asked = &server.requests()[0];
    assert!(asked.header("accept-encoding").unwrap().contains("gzip"));
}

#[test]
fn the_user_agent_names_paperboat_and_its_version() {
    let server = FixtureServer::start();
    server.fallback("/", Reply::ok(""));
    client().get(&server.url("/"), &Request::default()).unwrap();
    let agent = server.requests()[0]
        .header("user-agent")
        .unwrap()
        .to_string();
    let expected = format!("paperboat/{}", env!("CARGO_PKG_VERSION"));
    assert!(agent.starts_with(&expected), "{agent}");
}

#[test]
fn a_closed_port_is_one_line_naming_the_host() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let waits = Arc::new(Mutex::new(0));
    let counted = Arc::clone(&waits);
    let client = client().on_event(move |_| *counted.lock().unwrap() += 1);
    let err = client
        .get(&format!("http://127.0.0.1:{port}/api"), &Request::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot reach 127.0.0.1: connection refused"
    );
    assert!(err.is_unreachable());
    // Not retried: nothing listens, and waiting would not change that.
    assert_eq!(*waits.lock().unwrap(), 0);
}

#[test]
fn a_silent_server_times_out_in_one_line() {
    let server = FixtureServer::start();
    server.fallback(
        "/silent",
        Reply::ok("late").delay(Duration::from_millis(1500)),
    );
    let mut settings = fast();
    settings.read_timeout = Duration::from_millis(200);
    settings.retry.max_retries = 1;
    let err = Client::new(settings)
        .get(&server.url("/silent"), &Request::default())
        .unwrap_err();
    assert_eq!(err.to_string(), "127.0.0.1: no answer for 1 s (2 tries)");
    assert_eq!(server.requests().len(), 2);
}

/// Set in the child process that checks the proxy variables.
const PROXY_CHILD: &str = "PAPERBOAT_TEST_PROXY_CHILD";

#[test]
fn the_proxy_variables_are_honoured_except_for_this_machine() {
    // The variables are read from the environment, which a test cannot
    // change safely while others run: a child process of this test binary
    // does the requests.
    let proxy = FixtureServer::start();
    proxy.fallback("huggingface.co:443", Reply::status(403));
    proxy.fallback("/direct", Reply::ok("through the proxy: wrong"));
    let target = FixtureServer::start();
    target.fallback("/direct", Reply::ok("direct"));
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "proxy_child", "--ignored", "--nocapture"])
        .env(PROXY_CHILD, target.url("/direct"))
        .env("HTTPS_PROXY", proxy.base())
        .env("HTTP_PROXY", proxy.base())
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("1 passed"), "{stdout}");
    assert!(
        stdout.contains("cannot reach huggingface.co: the proxy refused the connection"),
        "{stdout}"
    );
    let asked = proxy.requests();
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert_eq!(asked[0].method, "CONNECT");
    assert_eq!(asked[0].target, "huggingface.co:443");
    assert_eq!(target.requests_to("/direct").len(), 1);
}

#[test]
#[ignore = "run by the_proxy_variables_are_honoured_except_for_this_machine"]
fn proxy_child() {
    let direct = std::env::var(PROXY_CHILD).expect("run by its parent test");
    let client = client();
    let body = client.get(&direct, &Request::default()).unwrap().body;
    assert_eq!(body, b"direct");
    let err = client
        .get(
            "https://huggingface.co/api/daily_papers",
            &Request::default(),
        )
        .unwrap_err();
    println!("{err}");
    assert!(err.is_unreachable(), "{err}");
    assert!(
        err.to_string()
            .starts_with("cannot reach huggingface.co: the proxy refused"),
        "{err}"
    );
}

#[test]
fn a_response_that_is_not_http_is_one_line() {
    let server = FixtureServer::start();
    server.fallback(
        "/garbage",
        Reply::raw("SSH-2.0-OpenSSH_9.6\r\n\u{1b}[2J\r\n\r\n"),
    );
    server.fallback(
        "/bad-gzip",
        Reply::raw(
            "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 9\r\n\r\nnot gzip!",
        ),
    );
    let client = client();
    for path in ["/garbage", "/bad-gzip"] {
        let err = client
            .get(&server.url(path), &Request::default())
            .unwrap_err();
        let line = err.to_string();
        assert!(line.starts_with("127.0.0.1: "), "{line}");
        assert!(!line.contains('\n') && !line.contains('\u{1b}'), "{line:?}");
        assert!(!err.is_unreachable());
        println!("{line}");
    }
}
