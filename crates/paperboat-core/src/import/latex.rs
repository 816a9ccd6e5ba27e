//! LaTeX residue left in page text by the listing's renderer.
//!
//! Only what is known is rewritten; an unknown macro (`\mone`) stays as
//! written so that nothing is silently lost.

/// Formatting macros whose argument is kept and whose name is dropped.
const TEXT_MACROS: &[&str] = &[
    "textbf",
    "textit",
    "emph",
    "texttt",
    "textsc",
    "textrm",
    "textsf",
    "underline",
    "mathrm",
    "mathbf",
    "mathit",
];

/// Symbol macros and what they stand for.
const SYMBOLS: &[(&str, &str)] = &[
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("epsilon", "ε"),
    ("lambda", "λ"),
    ("mu", "μ"),
    ("pi", "π"),
    ("sigma", "σ"),
    ("tau", "τ"),
    ("theta", "θ"),
    ("pm", "±"),
    ("times", "×"),
    ("leq", "≤"),
    ("geq", "≥"),
    ("approx", "≈"),
    ("sim", "~"),
];

/// Cleans `\%` `\&` `\_` `\#` `\$`, `\textbf{X}` and its kin, `{\mu}` and the
/// other symbols, and `~` used as a tie (`(1)~a`); `~9%` and `0.5~1.0` stay.
pub fn clean_latex(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let (replacement, consumed) = macro_at(&chars, i);
                out.push_str(&replacement);
                i += consumed;
                continue;
            }
            '{' if chars.get(i + 1) == Some(&'\\') => {
                // `{\mu}`: a braced symbol macro loses its braces.
                let (replacement, consumed) = macro_at(&chars, i + 1);
                if consumed > 1
                    && chars.get(i + 1 + consumed) == Some(&'}')
                    && replacement.chars().count() == 1
                {
                    out.push_str(&replacement);
                    i += consumed + 2;
                    continue;
                }
                out.push(c);
            }
            '~' => {
                // `/~user` in a URL is no tie.
                let tie = i > 0
                    && !chars[i - 1].is_whitespace()
                    && chars[i - 1] != '/'
                    && chars
                        .get(i + 1)
                        .is_some_and(|n| !n.is_whitespace() && !n.is_ascii_digit());
                out.push(if tie { ' ' } else { '~' });
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// The text a macro starting at `chars[at] == '\\'` becomes, and how many
/// characters it spans.
fn macro_at(chars: &[char], at: usize) -> (String, usize) {
    let Some(&next) = chars.get(at + 1) else {
        return ("\\".into(), 1);
    };
    if matches!(next, '%' | '&' | '_' | '#' | '$' | '{' | '}') {
        return (next.to_string(), 2);
    }
    let name: String = chars[at + 1..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let after = at + 1 + name.len();
    if TEXT_MACROS.contains(&name.as_str())
        && chars.get(after) == Some(&'{')
        && let Some(close) = matching_brace(chars, after)
    {
        let inner: String = chars[after + 1..close].iter().collect();
        return (clean_latex(&inner), close + 1 - at);
    }
    if let Some((_, symbol)) = SYMBOLS.iter().find(|(n, _)| *n == name) {
        return (symbol.to_string(), 1 + name.len());
    }
    ("\\".into(), 1)
}

fn matching_brace(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate().skip(open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::clean_latex;

    #[test]
    fn escapes_and_text_macros() {
        assert_eq!(clean_latex(r"44\% faster, Q\&As"), "44% faster, Q&As");
        assert_eq!(clean_latex(r"the \textbf{Mamba} model"), "the Mamba model");
        assert_eq!(
            clean_latex(r"a \textbf{Med}ical \textbf{R}easoning ref\textbf{L}ection"),
            "a Medical Reasoning refLection"
        );
        assert_eq!(clean_latex(r"\textbf{a \emph{b}}"), "a b");
    }

    #[test]
    fn symbols_and_ties() {
        assert_eq!(clean_latex(r"{\mu}-Bench"), "μ-Bench");
        assert_eq!(clean_latex(r"(1)~a and 6.25~\% of"), "(1) a and 6.25 % of");
        assert_eq!(clean_latex("~9% over 0.5~1.0"), "~9% over 0.5~1.0");
    }

    #[test]
    fn unknown_macros_and_stray_braces_stay() {
        assert_eq!(
            clean_latex(r"model, \mone, designed"),
            r"model, \mone, designed"
        );
        assert_eq!(
            clean_latex(r"mAP_{50} and \textbf{open"),
            r"mAP_{50} and \textbf{open"
        );
        assert_eq!(clean_latex("trailing \\"), "trailing \\");
    }
}
