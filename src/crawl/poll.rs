//! Polling one source: fetch it (conditionally), parse what it announces,
//! update its schedule, then hand its new article links to the article stage.

use chrono::Utc;
use futures::StreamExt;
use sha2::{Digest, Sha256};
use url::Url;

use super::metrics::{self, Stage};
use super::{article, schedule, PassContext};
use crate::config::{Source, SourceKind};
use crate::fetch::{FetchOutcome, Validators};
use crate::sources::{self, Discovered};
use crate::store::SourceState;

/// How many child sitemaps of a sitemap index are read in one pass.
const MAX_CHILD_SITEMAPS: usize = 20;
/// URLs that failed this many times are not tried again.
const MAX_URL_FAILURES: u32 = 3;

pub(crate) async fn poll_and_fetch(
    ctx: &PassContext,
    source: &Source,
    source_id: i64,
    state: SourceState,
) {
    ctx.count(|c| c.sources_polled += 1);
    if let Err(e) = poll(ctx, source, source_id, state).await {
        tracing::warn!(source = %source.name, error = %e, "source failed");
        ctx.count(|c| c.sources_failed += 1);
        // Links found by earlier polls are still fetched below.
    }
    let items = select_pending(
        ctx,
        source_id,
        ctx.fetcher.settings().max_articles_per_source,
    );
    if let Some(pb) = &ctx.progress {
        pb.inc_length(items.len() as u64);
    }
    futures::stream::iter(items)
        .for_each_concurrent(None, |item| async move {
            let _slot = ctx.article_slots.acquire().await;
            article::fetch_and_store(ctx, source, source_id, item).await;
            if let Some(pb) = &ctx.progress {
                pb.inc(1);
            }
        })
        .await;
}

/// Fetches and parses the source, and records its new state and the links it
/// announces (in the frontier) in one transaction.
async fn poll(
    ctx: &PassContext,
    source: &Source,
    source_id: i64,
    mut state: SourceState,
) -> anyhow::Result<()> {
    let settings = ctx.fetcher.settings();
    let store = &ctx.store;
    let validators = Validators {
        etag: state.etag.clone(),
        last_modified: state.last_modified.clone(),
    };
    let result = async {
        match ctx.fetcher.get(&source.url, Some(&validators)).await? {
            FetchOutcome::NotModified => Ok::<_, anyhow::Error>(None),
            FetchOutcome::Fetched(f) => {
                let hash = hex_sha256(&f.body);
                state.etag = f.validators.etag.clone();
                state.last_modified = f.validators.last_modified.clone();
                if state.body_hash.as_deref() == Some(hash.as_str()) {
                    return Ok(None); // same bytes as last time: nothing to reparse
                }
                state.body_hash = Some(hash);
                let mut found = metrics::timed(Stage::FeedParse, || {
                    sources::discover(source.kind, &f.url, &f.body, f.content_type.as_deref())
                })?;
                if source.kind == SourceKind::Sitemap {
                    read_child_sitemaps(ctx, source_id, &mut found).await;
                }
                Ok(Some(found.items))
            }
        }
    }
    .await;
    match result {
        Ok(items) => {
            metrics::timed(Stage::Store, || {
                store.record_poll_success(source_id, &state, items.as_deref(), |new| {
                    schedule::next_interval(
                        settings,
                        source.interval,
                        state.poll_interval_secs,
                        new,
                    )
                })
            })?;
            Ok(())
        }
        Err(e) => {
            let msg = format!("{e:#}");
            let failures = state.consecutive_failures + 1;
            store.record_poll_failure(
                source_id,
                &msg,
                failures,
                schedule::retry_at(settings, Utc::now(), failures),
            )?;
            store.record_error(
                ctx.run_id,
                Some(source_id),
                source.url.as_str(),
                "source",
                &msg,
            )?;
            ctx.count(|c| c.errors += 1);
            Err(e)
        }
    }
}

/// Reads the children of a sitemap index (one level, bounded), newest first as listed last.
async fn read_child_sitemaps(ctx: &PassContext, source_id: i64, found: &mut sources::Discovery) {
    let children: Vec<Url> = found
        .sitemaps
        .iter()
        .rev()
        .take(MAX_CHILD_SITEMAPS)
        .cloned()
        .collect();
    for child in children {
        let outcome = ctx.fetcher.get(&child, None).await;
        let parsed = match outcome {
            Ok(FetchOutcome::Fetched(f)) => {
                metrics::timed(Stage::FeedParse, || sources::parse_sitemap(&f.url, &f.body))
            }
            Ok(FetchOutcome::NotModified) => continue,
            Err(e) => Err(e.into()),
        };
        match parsed {
            Ok(d) => found.items.extend(d.items),
            Err(e) => {
                let _ = ctx.store.record_error(
                    ctx.run_id,
                    Some(source_id),
                    child.as_str(),
                    "source",
                    &format!("{e:#}"),
                );
                ctx.count(|c| c.errors += 1);
            }
        }
    }
}

/// The source's frontier links, newest first. A URL is in the frontier of one source
/// only (it is the table's key), so no two sources of a pass fetch the same page.
fn select_pending(ctx: &PassContext, source_id: i64, limit: usize) -> Vec<Discovered> {
    ctx.store
        .frontier_for(source_id, MAX_URL_FAILURES, limit)
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, "reading the frontier");
            Vec::new()
        })
}

pub(crate) fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
