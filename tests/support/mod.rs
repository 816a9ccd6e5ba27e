//! Helpers for integration tests that reach for a server: `mod support;`
//! then `support::fixture_server::FixtureServer`.

pub mod fixture_server;
