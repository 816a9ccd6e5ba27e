//! Any bytes given to the PDF text extraction come back as clean pages or
//! one reason they cannot be read: a page pdf-extract panics on is caught
//! and counted, never the end of the process.
//!
//! The extraction bounds neither memory nor time itself (the reader runs
//! it in a child process with a 1 GiB address space and 30 s of CPU, see
//! `paperboat extract-text`): run this target with the same bounds,
//! `-rss_limit_mb=1024 -timeout=30`, so that what it finds is what the
//! child would meet.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paperboat::corpus::sanitize::is_unsafe;
use paperboat::pdftext::extract::{MAX_PAGE_CHARS, MAX_PAGES, extract};

fuzz_target!(|data: &[u8]| {
    // pdf-extract prints nothing for the pages it panics on.
    std::panic::set_hook(Box::new(|_| {}));
    if let Ok(text) = extract(data) {
        assert!(!text.pages.is_empty() && text.pages.len() <= MAX_PAGES);
        assert!(text.failed_pages <= text.pages.len());
        for page in &text.pages {
            assert!(page.chars().count() <= MAX_PAGE_CHARS);
            assert!(!page.chars().any(is_unsafe), "{page:?}");
        }
    }
});
