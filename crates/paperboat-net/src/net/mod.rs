//! Asking the public services for papers: where they are ([`endpoints`]),
//! which URLs may be asked for ([`url_check`]), and the HTTP client
//! ([`client`]) with its politeness per host ([`pace`]), retries as the
//! server asks ([`retry`]) and one-line errors ([`error`]).

pub mod client;
pub mod endpoints;
pub mod error;
pub mod http_date;
pub mod pace;
pub mod retry;
mod transport;
pub mod url_check;
pub mod wait;

pub use client::{BodySink, Client, NetEvent, Request, Response, ResponseHead, Settings};
pub use endpoints::Endpoints;
pub use error::NetError;
