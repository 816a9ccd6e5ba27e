//! paperboat's network work, on top of its core: [`net`] (the HTTP client
//! and the services' endpoints), [`sources`] (the services' responses read
//! into papers, with no network of their own), [`sync`] (keeping the
//! library current from them) and [`pdf`] (papers' PDFs downloaded).

// No unsafe code but in the few modules that allow it, each saying why;
// every unsafe block there says why it is sound.
#![deny(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

// The core's modules, under the names the code uses for them.
use paperboat_core::{catalog, corpus, library, query, units};

pub mod net;
pub mod pdf;
pub mod sources;
pub mod sync;
