//! Which OAI-PMH set holds a category, and which records were asked for.

/// Archives that are sets of their own (`cs`, `math`, …).
const GROUPS: &[&str] = &["cs", "econ", "eess", "math", "q-bio", "q-fin", "stat"];

/// Archives that arXiv files under the physics group (`physics:hep-th`).
const PHYSICS: &[&str] = &[
    "astro-ph", "cond-mat", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math-ph", "nlin",
    "nucl-ex", "nucl-th", "physics", "quant-ph",
];

/// The OAI set that holds a category or an archive (`cs.CV` and `cs` →
/// `cs`, `hep-th` → `physics:hep-th`, `astro-ph.GA` → `physics:astro-ph`),
/// or `None` for a name arXiv does not have.
pub fn set_of(category: &str) -> Option<String> {
    let category = category.trim();
    let (archive, sub) = match category.split_once('.') {
        Some((archive, sub)) => (archive, Some(sub)),
        None => (category, None),
    };
    let sub_ok = sub
        .is_none_or(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    if !sub_ok {
        return None;
    }
    let archive = archive.to_ascii_lowercase();
    if GROUPS.contains(&archive.as_str()) {
        Some(archive)
    } else if PHYSICS.contains(&archive.as_str()) {
        Some(format!("physics:{archive}"))
    } else {
        None
    }
}

/// Whether a record of `paper_categories` was asked for: one of its
/// categories is asked (`cs.CV`), or lies in an asked archive (`cs` keeps
/// every `cs.*`). Case is ignored; asking nothing keeps nothing.
pub fn wanted(paper_categories: &[String], asked: &[String]) -> bool {
    asked.iter().any(|asked| {
        let asked = asked.trim();
        !asked.is_empty() && paper_categories.iter().any(|c| within(c, asked))
    })
}

/// `category` is `asked`, or `asked` is its archive.
fn within(category: &str, asked: &str) -> bool {
    if category.eq_ignore_ascii_case(asked) {
        return true;
    }
    let head = category.as_bytes().get(..asked.len());
    head.is_some_and(|h| h.eq_ignore_ascii_case(asked.as_bytes()))
        && category.as_bytes().get(asked.len()) == Some(&b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_category_has_its_set() {
        let cases = [
            ("cs.CV", "cs"),
            ("cs", "cs"),
            ("eess.IV", "eess"),
            ("math.AG", "math"),
            ("stat.ML", "stat"),
            ("q-bio.NC", "q-bio"),
            ("q-fin.ST", "q-fin"),
            ("econ.EM", "econ"),
            ("hep-th", "physics:hep-th"),
            ("astro-ph.GA", "physics:astro-ph"),
            ("cond-mat.mtrl-sci", "physics:cond-mat"),
            ("physics.optics", "physics:physics"),
            ("quant-ph", "physics:quant-ph"),
            ("gr-qc", "physics:gr-qc"),
            ("hep-ex", "physics:hep-ex"),
            ("hep-lat", "physics:hep-lat"),
            ("hep-ph", "physics:hep-ph"),
            ("math-ph", "physics:math-ph"),
            ("nlin.CD", "physics:nlin"),
            ("nucl-ex", "physics:nucl-ex"),
            ("nucl-th", "physics:nucl-th"),
            (" CS.cv ", "cs"),
        ];
        for (category, set) in cases {
            assert_eq!(set_of(category).as_deref(), Some(set), "{category}");
        }
        for unknown in [
            "",
            "cs.",
            "bio",
            "cs.C V",
            "cs.CV.x",
            "physics:hep-th",
            "cs\u{1b}",
        ] {
            assert_eq!(set_of(unknown), None, "{unknown:?}");
        }
    }

    #[test]
    fn a_record_is_kept_when_any_category_was_asked() {
        let cats = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let paper = cats(&["eess.IV", "cs.CV"]);
        assert!(wanted(&paper, &cats(&["cs.CV"])));
        assert!(wanted(&paper, &cats(&["math.AG", "eess.IV"])));
        assert!(
            wanted(&paper, &cats(&["cs"])),
            "an archive keeps its categories"
        );
        assert!(wanted(&paper, &cats(&["cs.cv"])), "case is ignored");
        assert!(!wanted(&paper, &cats(&["cs.LG"])));
        assert!(!wanted(&paper, &cats(&["c"])));
        assert!(!wanted(&paper, &cats(&["cs.C"])));
        assert!(!wanted(&paper, &[]));
        assert!(!wanted(&cats(&["math-ph"]), &cats(&["math"])));
        assert!(wanted(&cats(&["math.MP"]), &cats(&["math"])));
        assert!(
            !wanted(&cats(&["é"]), &cats(&["e"])),
            "no panic inside a character"
        );
    }
}
