//! URLs written into abstracts, with the LaTeX and punctuation around them
//! taken off: `{https://github.com/a/b{link}}.` is `https://github.com/a/b`.

/// Characters that end a sentence or a parenthesis rather than a URL.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', '\'', '"', ')', ']', '>'];

/// The URLs of `text` in order of appearance, each once (compared without
/// regard to case), cleaned of wrappers and trailing punctuation.
pub fn extract_urls(text: &str) -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    for token in text.split_whitespace() {
        for url in urls_in_token(token) {
            if !urls.iter().any(|u| u.eq_ignore_ascii_case(&url)) {
                urls.push(url);
            }
        }
    }
    urls
}

/// The abstract with every URL token rewritten to its clean URLs, keeping a
/// sentence's final punctuation: `(see https://x.io/a{here}).` reads
/// `(see https://x.io/a).`
pub fn tidy_url_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, piece) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let urls = urls_in_token(piece);
        if urls.is_empty() {
            out.push_str(piece);
            continue;
        }
        let mut distinct: Vec<String> = Vec::new();
        for url in urls {
            if !distinct.iter().any(|u| u.eq_ignore_ascii_case(&url)) {
                distinct.push(url);
            }
        }
        // Plain words glued to the URL stay; a LaTeX wrapper (`blue{`) goes.
        let prefix = &piece[..find_scheme(piece).unwrap_or(0)];
        if !prefix.contains(['{', '\\']) {
            out.push_str(prefix);
        }
        out.push_str(&distinct.join(" "));
        let tail = piece.trim_end_matches('}');
        let sentence_end = tail
            .chars()
            .last()
            .filter(|c| matches!(c, '.' | ',' | ';' | ':'));
        if prefix.ends_with('(') && tail.trim_end_matches(['.', ',', ';', ':']).ends_with(')') {
            out.push(')');
        }
        if let Some(last) = sentence_end {
            out.push(last);
        }
    }
    out
}

fn urls_in_token(token: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = token;
    while let Some(start) = find_scheme(rest) {
        let candidate = &rest[start..];
        // A brace ends the URL: what follows is a LaTeX argument (`{here}`)
        // or, for `\href`, the same URL again, which the loop then finds.
        let end = candidate
            .find(['{', '}', '<', '"', '\\'])
            .unwrap_or(candidate.len());
        let url = trim_trailing(&candidate[..end]);
        if url.len() > scheme_len(url) {
            found.push(url.to_string());
        }
        rest = &candidate[end.max(1)..];
    }
    found
}

fn find_scheme(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    [lower.find("https://"), lower.find("http://")]
        .into_iter()
        .flatten()
        .min()
}

fn scheme_len(url: &str) -> usize {
    if url.to_ascii_lowercase().starts_with("https://") {
        8
    } else {
        7
    }
}

fn trim_trailing(url: &str) -> &str {
    let mut url = url;
    loop {
        let trimmed = url.trim_end_matches(|c| TRAILING.contains(&c) && c != ')');
        // A closing parenthesis belongs to the URL only when it opened one.
        let trimmed = if trimmed.ends_with(')')
            && trimmed.matches('(').count() < trimmed.matches(')').count()
        {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed == url {
            return url;
        }
        url = trimmed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_punctuation_and_wrappers_are_dropped() {
        assert_eq!(
            extract_urls("at https://github.com/a/b."),
            ["https://github.com/a/b"]
        );
        assert_eq!(
            extract_urls("(https://github.com/a/b),"),
            ["https://github.com/a/b"]
        );
        assert_eq!(
            extract_urls("in this {https://github.com/a/b_2024{link}}."),
            ["https://github.com/a/b_2024"]
        );
        assert_eq!(
            extract_urls("blue{https://github.com/a/c}.}"),
            ["https://github.com/a/c"]
        );
        assert_eq!(
            extract_urls("https://github.com/a/d{here}."),
            ["https://github.com/a/d"]
        );
        assert_eq!(
            extract_urls("https://en.wikipedia.org/wiki/A_(b)."),
            ["https://en.wikipedia.org/wiki/A_(b)"]
        );
    }

    #[test]
    fn href_doubles_are_kept_once_regardless_of_case() {
        assert_eq!(
            extract_urls("at http://x.github.io/xLSTM-UNet/{http://x.github.io/xLSTM-Unet/}"),
            ["http://x.github.io/xLSTM-UNet/"]
        );
        assert_eq!(
            extract_urls("https://a.io/K/{SOTAPink{https://a.io/K/}}. and https://A.io/k/"),
            ["https://a.io/K/"]
        );
        assert_eq!(
            extract_urls("https://huggingface.co/X/M{M}. https://github.com/y/z"),
            ["https://huggingface.co/X/M", "https://github.com/y/z"]
        );
    }

    #[test]
    fn tokens_are_tidied_in_the_text() {
        assert_eq!(
            tidy_url_tokens("in this {https://github.com/a/b{link}}. Next"),
            "in this https://github.com/a/b. Next"
        );
        assert_eq!(
            tidy_url_tokens("online (https://github.com/a/b) and"),
            "online (https://github.com/a/b) and"
        );
        assert_eq!(
            tidy_url_tokens("x https://a.io/{https://a.io/}"),
            "x https://a.io/"
        );
        assert_eq!(tidy_url_tokens("no links here."), "no links here.");
    }
}
