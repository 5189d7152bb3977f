//! `extract`, `eval extraction` and `reextract`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use url::Url;

use super::{runtime, Cli};
use crate::config::{Config, Settings};
use crate::exit;
use crate::fetch::{decode_html, FetchOutcome, Fetcher};
use crate::store::{DbLock, Store};

/// One JSON line per input; unreadable inputs give an `error` line and exit 3 at the end.
pub fn extract(cli: &Cli, inputs: &[String]) -> anyhow::Result<i32> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    let fetcher = if inputs
        .iter()
        .any(|i| i.starts_with("http://") || i.starts_with("https://"))
    {
        let settings = match Config::load(&cli.feeds) {
            Ok(c) => c.settings,
            Err(_) => Settings::default(),
        };
        Some((runtime()?, Fetcher::new(Arc::new(settings))?))
    } else {
        None
    };
    for input in inputs {
        let line = match read_input(input, fetcher.as_ref()) {
            Ok((html, url)) => {
                let a = beatwatch_extract::extract(&html, url.as_ref());
                serde_json::json!({
                    "path": input, "title": a.title, "text": a.text, "authors": a.authors,
                    "published": a.published.map(crate::store::fmt_time),
                    "canonical_url": a.canonical_url, "lang": a.lang, "dateline": a.dateline,
                })
            }
            Err(e) => {
                failed += 1;
                serde_json::json!({"path": input, "error": format!("{e:#}")})
            }
        };
        writeln!(out, "{line}")?;
    }
    Ok(if failed == 0 { exit::OK } else { exit::PARTIAL })
}

fn read_input(
    input: &str,
    fetcher: Option<&(tokio::runtime::Runtime, Fetcher)>,
) -> anyhow::Result<(String, Option<Url>)> {
    if input == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading stdin")?;
        return Ok((decode_html(&bytes, None), None));
    }
    if let (Ok(url), Some((rt, fetcher))) = (Url::parse(input), fetcher) {
        if matches!(url.scheme(), "http" | "https") {
            return match rt.block_on(fetcher.get_article(&url, None))? {
                FetchOutcome::Fetched(f) => {
                    Ok((decode_html(&f.body, f.content_type.as_deref()), Some(f.url)))
                }
                FetchOutcome::NotModified => anyhow::bail!("304 Not Modified without validators"),
            };
        }
    }
    let bytes = std::fs::read(input).with_context(|| format!("reading {input}"))?;
    Ok((decode_html(&bytes, None), None))
}

/// Scores a benchmark-style folder and prints the benchmark's four figures.
pub fn eval_extraction(cli: &Cli, dir: &Path, by_page: Option<&PathBuf>) -> anyhow::Result<i32> {
    let report =
        beatwatch_extract::eval_dir(dir).with_context(|| format!("scoring {}", dir.display()))?;
    if let Some(path) = by_page {
        let file =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        report.write_by_page(std::io::BufWriter::new(file))?;
    }
    let t = report.totals;
    if cli.json {
        println!(
            "{}",
            serde_json::json!({"pages": t.pages, "f1": t.f1, "precision": t.precision, "recall": t.recall,
                "accuracy": t.accuracy, "empty_predictions": t.empty_predictions})
        );
    } else {
        println!("eval extraction {}: {t}", dir.display());
    }
    Ok(exit::OK)
}

/// Re-runs extraction over the stored HTML of every article, in one transaction.
pub fn reextract(cli: &Cli, only_stale: bool) -> anyhow::Result<i32> {
    let _lock = DbLock::acquire(&cli.db)?;
    let store = Store::open(&cli.db)?;
    let (done, failed) = store.reextract(only_stale)?;
    if !cli.quiet {
        println!(
            "reextract: {done} articles re-extracted with {}, {failed} could not be read",
            beatwatch_extract::VERSION
        );
    }
    Ok(if failed == 0 { exit::OK } else { exit::PARTIAL })
}
