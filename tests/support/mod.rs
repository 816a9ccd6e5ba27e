//! Helpers for integration tests that reach for a server: `mod support;`
//! then `support::fixture_server::FixtureServer`, and the binary pointed
//! at it with `support::paperboat`.
#![allow(dead_code)]

pub mod fixture_server;

use std::path::Path;
use std::process::{Command, Output};

use fixture_server::FixtureServer;

/// The binary on temp dirs under `dir` (`config`, `cache`, `data`), every
/// service it syncs from on `server`.
pub fn paperboat(dir: &Path, server: &FixtureServer) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_paperboat"));
    cmd.env_remove("PAPERBOAT_CONFIG_DIR")
        .env("PAPERBOAT_CACHE_DIR", dir.join("cache"))
        .env("PAPERBOAT_DATA_DIR", dir.join("data"))
        .env("PAPERBOAT_HF_API", server.url("/api"))
        .env("PAPERBOAT_ARXIV_OAI", server.url("/oai"))
        .env("PAPERBOAT_BIORXIV_API", server.url("/bio"))
        .env("PAPERBOAT_ARXIV_PDF", server.url("/pdf"))
        .env_remove("PAPERBOAT_PDF_VIEWER")
        .env("NO_COLOR", "1")
        .arg("--config-dir")
        .arg(dir.join("config"));
    cmd
}

/// [`paperboat`] run with `args`, to the end.
pub fn run(dir: &Path, server: &FixtureServer, args: &[&str]) -> Output {
    paperboat(dir, server).args(args).output().unwrap()
}
