//! beatwatch follows one news beat, US immigration enforcement: it crawls
//! feeds, sitemaps and section pages, extracts each article, classifies it and
//! stores everything in one SQLite file that the digest, feeds, search and
//! exports read.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! [`config`] → [`sources`] → [`fetch`] → extraction (crate `beatwatch-extract`)
//! → [`classify`] (crate `beatwatch-classify`) → [`store`], driven by [`crawl`];
//! [`outputs`] read the store; [`cli`] is the command line.

pub mod canon;
pub mod classify;
pub mod cli;
pub mod config;
pub mod crawl;
pub mod exit;
pub mod fetch;
pub mod opml;
pub mod outputs;
pub mod sources;
pub mod store;

/// Sent with every request; names the tool and where to reach its operators.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "beatwatch/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/beatwatch/beatwatch)"
);

/// rustls needs one process-wide crypto provider; ring builds fast and needs no cmake.
pub fn install_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
