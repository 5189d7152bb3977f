//! Scores the extractor on a benchmark folder, over all pages and over two
//! fixed halves: A (ids starting 0-7) and B (ids starting 8-f). A rule change
//! is kept only if it lowers F1 on neither half.
//!
//! `cargo run --release -p beatwatch-extract --bin eval-extract -- DIR [--by-page TSV] [--pred JSONL]`

use beatwatch_extract::{eval_dir, PageEval};
use std::path::PathBuf;

fn half_a(p: &PageEval) -> bool {
    p.id.starts_with(['0', '1', '2', '3', '4', '5', '6', '7'])
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (mut dir, mut by_page, mut pred) = (None, None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--by-page" => by_page = args.next().map(PathBuf::from),
            "--pred" => pred = args.next().map(PathBuf::from),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: eval-extract DIR [--by-page TSV] [--pred JSONL]");
        std::process::exit(2);
    };
    let report = eval_dir(&dir)?;
    println!("all  {}", report.totals);
    println!("A    {}", report.totals_where(half_a));
    println!("B    {}", report.totals_where(|p| !half_a(p)));
    if let Some(f) = by_page {
        report.write_by_page(std::io::BufWriter::new(std::fs::File::create(f)?))?;
    }
    if let Some(f) = pred {
        report.write_predictions(std::io::BufWriter::new(std::fs::File::create(f)?))?;
    }
    Ok(())
}
