//! paperboat's network work, on top of its core: [`net`] (the HTTP client
//! and the services' endpoints), [`sources`] (the services' responses read
//! into papers, with no network of their own) and [`sync`] (keeping the
//! library current from them).

// The core's modules, under the names the code uses for them.
use paperboat_core::{catalog, corpus, library, query, units};

pub mod net;
pub mod sources;
pub mod sync;
