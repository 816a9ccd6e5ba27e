//! Which URLs paperboat asks for: `http` or `https` with a host, and plain
//! `http` only to this machine, where nothing on the way can read or change
//! the answer. Base URLs from the environment and every redirect pass here.

use url::{Host, Url};

/// Why a URL is not asked for; `Display` is the reason in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlRefusal {
    /// Not a URL at all.
    #[error("not a URL ({0})")]
    Invalid(String),
    /// A scheme other than `http` and `https`.
    #[error("only http and https are fetched, not {0}")]
    Scheme(String),
    /// No host after the scheme.
    #[error("the URL has no host")]
    NoHost,
    /// Plain `http` to a host that is not this machine.
    #[error(
        "plain http is used only to this machine (127.0.0.1, ::1, localhost), not to {0}; use https"
    )]
    PlainHttp(String),
}

/// The URL parsed, when paperboat may ask for it.
pub fn check_url(text: &str) -> Result<Url, UrlRefusal> {
    let url = Url::parse(text.trim()).map_err(|e| UrlRefusal::Invalid(e.to_string()))?;
    match url.scheme() {
        "https" => {}
        "http" => {
            if !is_loopback(&url) {
                let host = url.host_str().unwrap_or_default().to_string();
                return Err(UrlRefusal::PlainHttp(host));
            }
        }
        other => return Err(UrlRefusal::Scheme(other.to_string())),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(UrlRefusal::NoHost);
    }
    Ok(url)
}

/// True when the URL's host is this machine: 127.0.0.0/8, `::1` or
/// `localhost` (not its subdomains, which a resolver may send elsewhere).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(name)) => name.trim_end_matches('.').eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// The host as errors name it: `huggingface.co`, `127.0.0.1`, `[::1]`.
pub fn host_name(url: &Url) -> String {
    url.host_str().unwrap_or("the server").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_plain_http_only_to_this_machine() {
        assert!(check_url("https://huggingface.co/api").is_ok());
        assert!(check_url("http://127.0.0.1:8080/api").is_ok());
        assert!(check_url("http://127.1.2.3/").is_ok());
        assert!(check_url("http://[::1]:9/").is_ok());
        assert!(check_url("http://localhost:9/").is_ok());
        assert!(check_url("http://LocalHost./").is_ok());
        assert_eq!(
            check_url("http://huggingface.co/api"),
            Err(UrlRefusal::PlainHttp("huggingface.co".into()))
        );
        assert!(matches!(
            check_url("http://10.0.0.1/"),
            Err(UrlRefusal::PlainHttp(_))
        ));
        assert!(matches!(
            check_url("http://a.localhost/"),
            Err(UrlRefusal::PlainHttp(_))
        ));
        assert!(matches!(
            check_url("http://localhost.evil.com/"),
            Err(UrlRefusal::PlainHttp(_))
        ));
        assert!(matches!(
            check_url("http://[::ffff:7f00:1]/"),
            Err(UrlRefusal::PlainHttp(_))
        ));
    }

    #[test]
    fn other_schemes_and_non_urls_are_refused() {
        assert_eq!(
            check_url("ftp://example.org/"),
            Err(UrlRefusal::Scheme("ftp".into()))
        );
        assert_eq!(
            check_url("file:///etc/passwd"),
            Err(UrlRefusal::Scheme("file".into()))
        );
        assert!(matches!(
            check_url("huggingface.co/api"),
            Err(UrlRefusal::Invalid(_))
        ));
        assert!(matches!(check_url(""), Err(UrlRefusal::Invalid(_))));
        assert!(matches!(check_url("https://"), Err(UrlRefusal::Invalid(_))));
    }

    #[test]
    fn the_refusal_is_one_line() {
        for text in ["http://example.org/", "gopher://x/", "::", "https://"] {
            let reason = check_url(text).unwrap_err().to_string();
            assert!(!reason.contains('\n'), "{reason}");
        }
    }
}
