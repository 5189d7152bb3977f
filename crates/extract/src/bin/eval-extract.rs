//! Scores the extractor on a benchmark folder, over all pages and split into
//! the pages used for tuning and the held-out pages (ids starting with 1, 4
//! or f, never looked at while tuning).
//!
//! `cargo run --release -p beatwatch-extract --bin eval-extract -- DIR [--by-page TSV] [--pred JSONL]`

use beatwatch_extract::{eval_dir, PageEval};
use std::path::PathBuf;

fn held_out(p: &PageEval) -> bool {
    p.id.starts_with(['1', '4', 'f'])
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
    println!("all       {}", report.totals);
    println!("tuned     {}", report.totals_where(|p| !held_out(p)));
    println!("held-out  {}", report.totals_where(held_out));
    if let Some(f) = by_page {
        report.write_by_page(std::io::BufWriter::new(std::fs::File::create(f)?))?;
    }
    if let Some(f) = pred {
        report.write_predictions(std::io::BufWriter::new(std::fs::File::create(f)?))?;
    }
    Ok(())
}
