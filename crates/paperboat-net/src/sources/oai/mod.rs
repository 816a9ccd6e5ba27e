//! arXiv's OAI-PMH interface: a `ListRecords` page of `arXivRaw` records
//! ([`parse_page`]), the set to ask for a category ([`set_of`]), and
//! whether a record is one of the categories asked for ([`wanted`]).

mod page;
mod record;
mod sets;

pub use page::{OaiPage, parse_page};
pub use record::SOURCE;
pub use sets::{set_of, wanted};
