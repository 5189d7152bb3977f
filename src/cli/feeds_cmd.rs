//! `feeds list`, `feeds check`, `feeds import-opml`.

use std::path::Path;
use std::sync::Arc;

use futures::StreamExt;

use super::{load_config, runtime, Cli};
use crate::exit;
use crate::fetch::{FetchOutcome, Fetcher};
use crate::sources;
use crate::store::Store;

pub fn list(cli: &Cli) -> anyhow::Result<i32> {
    let config = load_config(cli)?;
    let store = if cli.db.exists() {
        Some(Store::open(&cli.db)?)
    } else {
        None
    };
    let mut rows = Vec::new();
    for s in &config.sources {
        let state = match &store {
            Some(st) => {
                let id: Option<i64> = st
                    .conn()
                    .query_row(
                        "SELECT id FROM sources WHERE url = ?1",
                        [s.url.as_str()],
                        |r| r.get(0),
                    )
                    .ok();
                id.map(|id| st.source_state(id)).transpose()?
            }
            None => None,
        };
        rows.push(serde_json::json!({
            "name": s.name, "url": s.url.as_str(), "kind": s.kind.as_str(), "tags": s.tags,
            "unconfirmed": s.unconfirmed,
            "last_success_at": state.as_ref().and_then(|s| s.last_success_at.clone()),
            "last_error": state.as_ref().and_then(|s| s.last_error.clone()),
            "consecutive_failures": state.as_ref().map(|s| s.consecutive_failures).unwrap_or(0),
            "next_due_at": state.as_ref().and_then(|s| s.next_due_at.map(crate::store::fmt_time)),
        }));
    }
    if cli.json {
        for r in rows {
            println!("{r}");
        }
    } else {
        for r in rows {
            let status = match (r["last_error"].as_str(), r["last_success_at"].as_str()) {
                (Some(e), _) => format!("failing x{}: {e}", r["consecutive_failures"]),
                (None, Some(t)) => format!("ok {t}"),
                _ => "never polled".to_string(),
            };
            println!(
                "{:8} {:40} {}  [{}]",
                r["kind"].as_str().unwrap_or(""),
                r["name"].as_str().unwrap_or(""),
                r["url"].as_str().unwrap_or(""),
                status
            );
        }
    }
    Ok(exit::OK)
}

pub fn check(cli: &Cli) -> anyhow::Result<i32> {
    let config = load_config(cli)?;
    let fetcher = Arc::new(Fetcher::new(Arc::new(config.settings.clone()))?);
    let concurrency = config.settings.concurrency;
    let results = runtime()?.block_on(async {
        futures::stream::iter(config.sources.iter())
            .map(|s| {
                let fetcher = fetcher.clone();
                async move {
                    let started = std::time::Instant::now();
                    let result = match fetcher.get(&s.url, None).await {
                        Ok(FetchOutcome::Fetched(f)) => {
                            sources::discover(s.kind, &f.url, &f.body, f.content_type.as_deref())
                                .map(|d| {
                                    (
                                        f.status,
                                        d.items.len() + d.sitemaps.len(),
                                        d.items.iter().filter_map(|i| i.published).max(),
                                    )
                                })
                        }
                        Ok(FetchOutcome::NotModified) => Ok((304, 0, None)),
                        Err(e) => Err(e.into()),
                    };
                    (s, result, started.elapsed())
                }
            })
            .buffer_unordered(concurrency)
            .collect::<Vec<_>>()
            .await
    });
    let mut failed = 0;
    for (s, result, elapsed) in &results {
        let line = match result {
            Ok((status, n, newest)) => {
                serde_json::json!({"name": s.name, "url": s.url.as_str(), "ok": true, "status": status, "items": n,
                "newest_item": newest.map(crate::store::fmt_time), "ms": elapsed.as_millis() as u64})
            }
            Err(e) => {
                failed += 1;
                serde_json::json!({"name": s.name, "url": s.url.as_str(), "ok": false, "error": format!("{e:#}"), "ms": elapsed.as_millis() as u64})
            }
        };
        if cli.json {
            println!("{line}");
        } else if line["ok"].as_bool() == Some(true) {
            println!(
                "ok    {:40} HTTP {} {:4} items, newest {}",
                s.name,
                line["status"],
                line["items"],
                line["newest_item"].as_str().unwrap_or("-")
            );
        } else {
            println!(
                "FAIL  {:40} {}",
                s.name,
                line["error"].as_str().unwrap_or("")
            );
        }
    }
    if !cli.quiet && !cli.json {
        println!(
            "feeds check: {} sources, {} ok, {} failed",
            results.len(),
            results.len() - failed,
            failed
        );
    }
    Ok(if failed == 0 { exit::OK } else { exit::PARTIAL })
}

pub fn import_opml(cli: &Cli, file: &Path) -> anyhow::Result<i32> {
    let (added, skipped) = crate::opml::import(file, &cli.feeds)?;
    if !cli.quiet {
        println!(
            "feeds import-opml: {added} sources added to {}, {skipped} already present or invalid",
            cli.feeds.display()
        );
    }
    Ok(exit::OK)
}
