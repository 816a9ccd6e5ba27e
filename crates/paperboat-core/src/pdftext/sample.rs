//! Small, valid PDFs of given text, one string per page: what tests,
//! benchmarks and the fuzzer's seeds download and read, so that none of
//! them needs a PDF file from elsewhere.

use std::fmt::Write;

/// A PDF whose page `n` shows `pages[n]` in Helvetica, wrapped at about
/// 90 characters a line (text beyond Latin-1 becomes `?`).
pub fn sample_pdf(pages: &[&str]) -> Vec<u8> {
    let page_count = pages.len().max(1);
    // Objects: 1 catalog, 2 page tree, 3 font, then a page and its
    // contents for each page.
    let page_obj = |k: usize| 4 + 2 * k;
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {page_count} >>",
            (0..page_count)
                .map(|k| format!("{} 0 R", page_obj(k)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    ];
    for k in 0..page_count {
        let text = pages.get(k).copied().unwrap_or("");
        let content = page_content(text);
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            page_obj(k) + 1
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let mut tail = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(tail, "{offset:010} 00000 n ");
    }
    let _ = write!(
        tail,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(tail.as_bytes());
    out
}

/// The content stream that shows `text` from the top of a page down.
fn page_content(text: &str) -> String {
    let mut content = String::from("BT\n/F1 11 Tf\n14 TL\n72 740 Td\n");
    for line in wrap(text, 90) {
        content.push('(');
        for c in line.chars() {
            match c {
                '(' | ')' | '\\' => {
                    content.push('\\');
                    content.push(c);
                }
                ' '..='~' => content.push(c),
                _ => content.push('?'),
            }
        }
        content.push_str(") Tj T*\n");
    }
    content.push_str("ET");
    content
}

/// `text` in lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cross_reference_table_points_at_each_object() {
        let pdf = sample_pdf(&["one (two) \\ three", "second page"]);
        assert!(pdf.starts_with(b"%PDF-1.4\n"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let at = |needle: &[u8]| memchr::memmem::rfind(&pdf, needle).unwrap();
        let after = at(b"startxref\n") + "startxref\n".len();
        let end = after + pdf[after..].iter().position(|&b| b == b'\n').unwrap();
        let start: usize = std::str::from_utf8(&pdf[after..end])
            .unwrap()
            .parse()
            .unwrap();
        assert!(pdf[start..].starts_with(b"xref\n0 8\n"));
        let table = std::str::from_utf8(&pdf[start..after]).unwrap();
        for (i, line) in table.lines().skip(3).take(7).enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            assert!(pdf[offset..].starts_with(format!("{} 0 obj", i + 1).as_bytes()));
        }
        assert!(at(b"(one \\(two\\) \\\\ three) Tj") > 0);
    }
}
