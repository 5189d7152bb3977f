//! Speed of `extract` against a bare `scraper` parse, one thread, over every
//! page of a benchmark folder held in memory; each figure is the best of 3.
//!
//! `cargo run --release -p beatwatch-extract --bin bench-extract -- [DIR]`
//! (DIR defaults to `$BEATWATCH_SHARED/extraction/dev`, then `../shared/extraction/dev`
//! next to the workspace).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn best_of_3(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let shared = std::env::var_os("BEATWATCH_SHARED")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
                });
            shared.join("extraction/dev")
        });
    let pages = beatwatch_extract::eval::load_pages(&dir)?;
    let urls: Vec<Option<url::Url>> = pages
        .iter()
        .map(|(_, u, _)| url::Url::parse(u).ok())
        .collect();
    let n = pages.len() as f64;
    let mb = pages.iter().map(|(_, _, h)| h.len()).sum::<usize>() as f64 / 1e6;
    let parse = best_of_3(|| {
        for (_, _, html) in &pages {
            black_box(scraper::Html::parse_document(black_box(html)));
        }
    });
    let extract = best_of_3(|| {
        for ((_, _, html), url) in pages.iter().zip(&urls) {
            black_box(beatwatch_extract::extract(black_box(html), url.as_ref()));
        }
    });
    let rate = |d: Duration| n / d.as_secs_f64();
    println!("pages {}  ({mb:.1} MB)", pages.len());
    println!(
        "parse    {:8.1} pages/s  {:6.1} MB/s",
        rate(parse),
        mb / parse.as_secs_f64()
    );
    println!(
        "extract  {:8.1} pages/s  {:6.1} MB/s",
        rate(extract),
        mb / extract.as_secs_f64()
    );
    println!(
        "ratio extract/parse time {:.3}",
        extract.as_secs_f64() / parse.as_secs_f64()
    );
    Ok(())
}
