//! Outputs: what users read and take away from the database. All read through
//! [`query`] (one filter type, streaming rows); none of them writes articles.
//!
//! - [`digest`] + [`render`]: the daily digest (md, html, txt), duplicates folded by [`dedup`];
//!   [`email`] sends it.
//! - [`atom`]: Atom feeds of one city or theme.
//! - [`export`]: JSONL, CSV and Parquet for researchers.
//! - [`search`]: full-text search (FTS5).

pub mod atom;
pub mod dedup;
pub mod digest;
pub mod email;
pub mod export;
pub mod query;
pub mod render;
pub mod search;
