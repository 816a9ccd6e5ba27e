//! Asking the public services for papers: where they are ([`endpoints`])
//! and which URLs may be asked for ([`url_check`]).

pub mod endpoints;
pub mod url_check;

pub use endpoints::Endpoints;
