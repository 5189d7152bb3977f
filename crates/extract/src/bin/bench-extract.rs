//! Speed of `extract` against a bare `scraper` parse, one thread, over every
//! page of a benchmark folder held in memory; also the pre-pass plus the parse of
//! its output alone (what `extract` spends before its own work). The two are timed in turn, ten
//! rounds, and each figure is its best round: on a shared machine the best
//! round is the one least disturbed, and alternating keeps the ratio fair.
//!
//! `cargo run --release -p beatwatch-extract --bin bench-extract -- [DIR]`
//! (DIR defaults to `$BEATWATCH_SHARED/extraction/dev`, then `../shared/extraction/dev`
//! next to the workspace).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const ROUNDS: usize = 10;

fn timed(f: &mut impl FnMut()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
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
    let mut parse_all = || {
        for (_, _, html) in &pages {
            black_box(scraper::Html::parse_document(black_box(html)));
        }
    };
    let mut extract_all = || {
        for ((_, _, html), url) in pages.iter().zip(&urls) {
            black_box(beatwatch_extract::extract(black_box(html), url.as_ref()));
        }
    };
    let mut prescan_parse_all = || {
        for (_, _, html) in &pages {
            let lean = beatwatch_extract::prescan::strip_unread_elements(black_box(html));
            black_box(scraper::Html::parse_document(&lean));
        }
    };
    let (mut parse, mut extract, mut lean) = (Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..ROUNDS {
        parse = parse.min(timed(&mut parse_all));
        extract = extract.min(timed(&mut extract_all));
        lean = lean.min(timed(&mut prescan_parse_all));
    }
    let rate = |d: Duration| n / d.as_secs_f64();
    println!("pages {}  ({mb:.1} MB)", pages.len());
    println!(
        "parse    {:8.1} pages/s  {:6.1} MB/s",
        rate(parse),
        mb / parse.as_secs_f64()
    );
    println!("pre-pass + parse of its output {:8.1} pages/s", rate(lean));
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
