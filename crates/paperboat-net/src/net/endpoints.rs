//! Where each service is: the public APIs by default, a mirror or a local
//! fixture when an environment variable says so.

use super::url_check::check_url;

/// The variable naming the Hugging Face API base.
pub const HF_API_VAR: &str = "PAPERBOAT_HF_API";
/// The variable naming the arXiv OAI-PMH base.
pub const ARXIV_OAI_VAR: &str = "PAPERBOAT_ARXIV_OAI";
/// The variable naming the bioRxiv/medRxiv API base.
pub const BIORXIV_API_VAR: &str = "PAPERBOAT_BIORXIV_API";
/// The variable naming the base of arXiv's PDFs.
pub const ARXIV_PDF_VAR: &str = "PAPERBOAT_ARXIV_PDF";

/// The Hugging Face API used when no variable says otherwise.
pub const DEFAULT_HF_API: &str = "https://huggingface.co/api";
/// arXiv's OAI-PMH endpoint used when no variable says otherwise.
pub const DEFAULT_ARXIV_OAI: &str = "https://oaipmh.arxiv.org/oai";
/// The bioRxiv/medRxiv API used when no variable says otherwise.
pub const DEFAULT_BIORXIV_API: &str = "https://api.biorxiv.org";
/// arXiv's PDFs, used when no variable says otherwise.
pub const DEFAULT_ARXIV_PDF: &str = "https://arxiv.org/pdf";

/// The base URL of each service, without a trailing `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// Hugging Face API (`{hf}/daily_papers?...`).
    pub hf: String,
    /// arXiv OAI-PMH (`{arxiv_oai}?verb=ListRecords&...`).
    pub arxiv_oai: String,
    /// bioRxiv/medRxiv API (`{biorxiv}/details/...`).
    pub biorxiv: String,
    /// arXiv PDFs (`{arxiv_pdf}/2505.01234v2`).
    pub arxiv_pdf: String,
}

impl Default for Endpoints {
    fn default() -> Endpoints {
        Endpoints {
            hf: DEFAULT_HF_API.into(),
            arxiv_oai: DEFAULT_ARXIV_OAI.into(),
            biorxiv: DEFAULT_BIORXIV_API.into(),
            arxiv_pdf: DEFAULT_ARXIV_PDF.into(),
        }
    }
}

/// A base URL from the environment that is refused; `Display` is one line
/// naming the variable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{variable}: `{value}` is refused: {reason}")]
pub struct EndpointError {
    /// The variable that holds the URL.
    pub variable: &'static str,
    /// Its value, cleaned for the terminal.
    pub value: String,
    /// Why it is refused.
    pub reason: String,
}

impl Endpoints {
    /// The endpoints from the process environment.
    pub fn from_env() -> Result<Endpoints, EndpointError> {
        Endpoints::from_lookup(|name| std::env::var(name).ok())
    }

    /// The endpoints from `lookup` (a variable's value by its name); an
    /// unset or empty variable means the default.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Endpoints, EndpointError> {
        let base = |variable: &'static str, default: &str| -> Result<String, EndpointError> {
            match lookup(variable).filter(|v| !v.trim().is_empty()) {
                None => Ok(default.to_string()),
                Some(value) => checked_base(variable, &value),
            }
        };
        Ok(Endpoints {
            hf: base(HF_API_VAR, DEFAULT_HF_API)?,
            arxiv_oai: base(ARXIV_OAI_VAR, DEFAULT_ARXIV_OAI)?,
            biorxiv: base(BIORXIV_API_VAR, DEFAULT_BIORXIV_API)?,
            arxiv_pdf: base(ARXIV_PDF_VAR, DEFAULT_ARXIV_PDF)?,
        })
    }
}

/// The value as a base URL (no trailing `/`), or why it is refused.
fn checked_base(variable: &'static str, value: &str) -> Result<String, EndpointError> {
    let refuse = |reason: String| EndpointError {
        variable,
        value: crate::corpus::sanitize::clean_line(value),
        reason,
    };
    let url = check_url(value).map_err(|e| refuse(e.to_string()))?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(refuse("a base URL has no `?` or `#` part".into()));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn without_variables_the_public_services() {
        let e = Endpoints::from_lookup(lookup(&[])).unwrap();
        assert_eq!(e, Endpoints::default());
        assert_eq!(e.hf, "https://huggingface.co/api");
        assert_eq!(e.arxiv_oai, "https://oaipmh.arxiv.org/oai");
        assert_eq!(e.biorxiv, "https://api.biorxiv.org");
        assert_eq!(e.arxiv_pdf, "https://arxiv.org/pdf");
        let empty = Endpoints::from_lookup(lookup(&[(HF_API_VAR, " ")])).unwrap();
        assert_eq!(empty.hf, DEFAULT_HF_API);
    }

    #[test]
    fn a_variable_moves_one_service_and_loses_its_trailing_slash() {
        let e = Endpoints::from_lookup(lookup(&[
            (HF_API_VAR, "http://127.0.0.1:8123/api/"),
            (ARXIV_OAI_VAR, "https://mirror.example.org/oai"),
            (BIORXIV_API_VAR, "http://localhost:9/"),
            (ARXIV_PDF_VAR, "http://[::1]:7/pdf//"),
        ]))
        .unwrap();
        assert_eq!(e.hf, "http://127.0.0.1:8123/api");
        assert_eq!(e.arxiv_oai, "https://mirror.example.org/oai");
        assert_eq!(e.biorxiv, "http://localhost:9");
        assert_eq!(e.arxiv_pdf, "http://[::1]:7/pdf");
    }

    #[test]
    fn plain_http_to_another_machine_is_refused_naming_the_variable() {
        let err = Endpoints::from_lookup(lookup(&[(HF_API_VAR, "http://huggingface.co/api")]))
            .unwrap_err();
        assert_eq!(err.variable, HF_API_VAR);
        let line = err.to_string();
        assert!(
            line.starts_with(
                "PAPERBOAT_HF_API: `http://huggingface.co/api` is refused: plain http"
            ),
            "{line}"
        );
        assert!(!line.contains('\n'));
    }

    #[test]
    fn not_a_web_url_is_refused_in_one_clean_line() {
        for (var, value) in [
            (ARXIV_OAI_VAR, "ftp://arxiv.org/oai"),
            (BIORXIV_API_VAR, "api.biorxiv.org"),
            (ARXIV_PDF_VAR, "https://"),
            (HF_API_VAR, "https://huggingface.co/api?x=1"),
            (HF_API_VAR, "http://evil\u{1b}[2J.example/\n"),
        ] {
            let err = Endpoints::from_lookup(lookup(&[(var, value)])).unwrap_err();
            let line = err.to_string();
            assert!(line.starts_with(var), "{line}");
            assert!(!line.contains('\n') && !line.contains('\u{1b}'), "{line:?}");
        }
    }
}
