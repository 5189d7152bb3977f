//! beatwatch-extract: turns one HTML page into the article it carries
//! (body text, title, authors, dates, canonical URL, site name, language,
//! dateline).
//!
//! The insides of scripts, style sheets and other never-visible elements are
//! cut out first ([`prescan`]: over half the bytes of a news page, and no step
//! reads them). The page is then parsed once with `scraper`; one iterative pass over the tree
//! ([`dom`]) builds a flat table of elements with text statistics and gathers
//! the metadata elements. The body is then found by scoring that table
//! ([`body`]) and written out by a walk over the chosen subtree only; the
//! metadata comes from JSON-LD, `<meta>`, `<time>` and the URL ([`meta`]).
//! No step recurses on the DOM, so deep nesting cannot overflow the stack,
//! and every pass is linear in the size of the page.
//!
//! ```
//! let html = r#"<html lang="en"><body><article><h1>Headline</h1>
//!   <p>DENVER (AP) — The first paragraph of the story, long enough to count as text.</p>
//!   <p>The second paragraph of the story, which also has enough words in it.</p>
//! </article></body></html>"#;
//! let a = beatwatch_extract::extract(html, None);
//! assert!(a.text.starts_with("DENVER (AP) — The first paragraph"));
//! assert!(!a.text.contains("Headline"));
//! assert_eq!(a.dateline.as_deref(), Some("Denver"));
//! assert_eq!(a.lang.as_deref(), Some("en"));
//! ```
//!
//! [`eval`] scores extraction against a benchmark folder with the metric of
//! the Zyte article-extraction benchmark.

mod authors;
mod body;
mod dateline;
mod dates;
mod dom;
pub mod eval;
mod hints;
mod jsonld;
mod meta;
#[doc(hidden)]
pub mod prescan;
mod score;
mod text;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use eval::{eval_dir, EvalReport, PageEval, Totals};

/// Stored with every extracted article; bump the crate version when extraction
/// rules change, so `beatwatch reextract` can tell which stored articles are stale.
pub const VERSION: &str = concat!("beatwatch-extract/", env!("CARGO_PKG_VERSION"));

/// What [`extract`] finds in a page. Every field may be empty: a page that is
/// not an article (or not HTML at all) gives an `Article` with little in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The headline (without the site name appended by `<title>`).
    pub title: Option<String>,
    /// The body text: paragraphs separated by "\n\n", no headline, menus,
    /// captions or other page furniture. Empty when no body was found.
    pub text: String,
    /// Author names, in page order, without "By".
    pub authors: Vec<String>,
    /// First publication time.
    pub published: Option<DateTime<Utc>>,
    /// Last modification time.
    pub modified: Option<DateTime<Utc>>,
    /// `<link rel=canonical>` (or `og:url`), resolved against the page URL.
    pub canonical_url: Option<String>,
    /// The publication's name (`og:site_name`, JSON-LD publisher).
    pub site_name: Option<String>,
    /// Language tag such as "en" or "en-US".
    pub lang: Option<String>,
    /// City of an opening dateline ("DENVER (AP) —" gives "Denver").
    pub dateline: Option<String>,
}

/// Extracts the article from a page's HTML. `url` is where the page was
/// fetched from; it resolves relative links and is the last-resort source of
/// a publication date. Never panics; time is linear in the input size.
pub fn extract(html: &str, url: Option<&url::Url>) -> Article {
    let doc = scraper::Html::parse_document(&prescan::strip_unread_elements(html));
    let table = dom::Table::build(&doc);
    let meta = meta::Meta::gather(&table, url);
    let text = body::extract_text(&table, &meta.body_hints());
    let dateline = dateline::find(&text);
    let mut authors = meta.authors;
    // A place after the names in a byline is the dateline, not an author.
    if let Some(city) = &dateline {
        authors.retain(|a| !a.eq_ignore_ascii_case(city));
    }
    Article {
        text,
        dateline,
        title: meta.title,
        authors,
        published: meta.published,
        modified: meta.modified,
        canonical_url: meta.canonical_url,
        site_name: meta.site_name,
        lang: meta.lang,
    }
}

/// The element paths of the subtrees taken as the body, one a line (a
/// tuning aid, not a stable API).
#[doc(hidden)]
pub fn explain(html: &str) -> String {
    let doc = scraper::Html::parse_document(&prescan::strip_unread_elements(html));
    body::explain(&dom::Table::build(&doc))
}
