//! The crawl pipeline: sources → fetch → extract → (classify) → store.
//!
//! [`run_pass`] polls every due source, fetches the article pages it announces
//! that are not stored yet, and hands them to one writer thread that commits
//! them in small batches. One broken source or page is recorded and never stops the others.

mod article;
pub mod metrics;
mod poll;
pub mod schedule;
mod watch;
mod writer;

use std::sync::{Arc, Mutex};
use std::time::Instant;

use futures::StreamExt;
use indicatif::ProgressBar;

use crate::config::Config;
use crate::fetch::Fetcher;
use crate::store::{RunCounts, Store};
pub use watch::watch;

/// How a pass chooses and reports.
#[derive(Clone, Default)]
pub struct PassOptions {
    /// Tags every new article at ingest; `None` stores untagged articles (`retag` later).
    pub classifier: Option<std::sync::Arc<crate::classify::ClassifyStage>>,
    /// Poll every source, even those not due yet.
    pub all_sources: bool,
    /// Show a progress bar (only ever set on a terminal).
    pub progress: bool,
}

/// What a pass did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PassSummary {
    pub run_id: i64,
    #[serde(flatten)]
    pub counts: RunCounts,
    pub sources_skipped_not_due: u64,
    pub aborted_runs_found: usize,
    pub seconds: f64,
    pub outcome: &'static str,
}

impl PassSummary {
    pub fn line(&self) -> String {
        format!(
            "crawl: {} sources polled ({} failed, {} not due), {} new articles, {} errors, {:.1} s",
            self.counts.sources_polled,
            self.counts.sources_failed,
            self.sources_skipped_not_due,
            self.counts.new_articles,
            self.counts.errors,
            self.seconds
        )
    }
}

/// Shared state of one pass.
pub(crate) struct PassContext {
    pub fetcher: Fetcher,
    pub store: Store,
    pub run_id: i64,
    pub counts: Mutex<RunCounts>,
    pub article_slots: tokio::sync::Semaphore,
    /// Pages being decoded, extracted and stored at once: one per core, so memory
    /// stays flat and the cores are not shared by dozens of half-done pages.
    pub cpu_slots: tokio::sync::Semaphore,
    pub progress: Option<ProgressBar>,
    pub classifier: Option<Arc<crate::classify::ClassifyStage>>,
    pub writer: writer::ArticleWriter,
}

impl PassContext {
    pub fn count(&self, f: impl FnOnce(&mut RunCounts)) {
        f(&mut self.counts.lock().unwrap_or_else(|p| p.into_inner()));
    }
}

/// Runs one crawl pass. The caller holds the database lock.
pub async fn run_pass(
    config: &Config,
    store: &Store,
    opts: &PassOptions,
) -> anyhow::Result<PassSummary> {
    let started = Instant::now();
    let source_ids = store.sync_sources(&config.sources)?;
    let run = store.start_run("crawl")?;
    if run.aborted_before > 0 {
        tracing::warn!(
            runs = run.aborted_before,
            "marked earlier interrupted runs as aborted"
        );
    }
    let settings = Arc::new(config.settings.clone());
    let progress = opts.progress.then(|| {
        let pb = ProgressBar::new(0);
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} pages  {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        pb
    });
    let ctx = Arc::new(PassContext {
        fetcher: Fetcher::new(settings.clone())?,
        store: store.clone(),
        run_id: run.id,
        counts: Mutex::new(RunCounts::default()),
        article_slots: tokio::sync::Semaphore::new(settings.concurrency),
        classifier: opts.classifier.clone(),
        cpu_slots: tokio::sync::Semaphore::new(
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
        ),
        progress,
        writer: writer::ArticleWriter::spawn(store.clone())?,
    });
    let now = chrono::Utc::now();
    let mut due = Vec::new();
    let mut not_due = 0u64;
    for (source, id) in config.sources.iter().zip(source_ids) {
        let state = store.source_state(id)?;
        if opts.all_sources || state.next_due_at.is_none_or(|t| t <= now) {
            due.push((source.clone(), id, state));
        } else {
            not_due += 1;
        }
    }
    futures::stream::iter(due)
        .for_each_concurrent(settings.concurrency, |(source, id, state)| {
            let ctx = ctx.clone();
            async move { poll::poll_and_fetch(&ctx, &source, id, state).await }
        })
        .await;
    if let Some(pb) = &ctx.progress {
        pb.finish_and_clear();
    }
    let counts = *ctx.counts.lock().unwrap_or_else(|p| p.into_inner());
    let outcome = if counts.sources_failed > 0 || counts.errors > 0 {
        "partial"
    } else {
        "ok"
    };
    store.finish_run(run.id, &counts, outcome)?;
    Ok(PassSummary {
        run_id: run.id,
        counts,
        sources_skipped_not_due: not_due,
        aborted_runs_found: run.aborted_before,
        seconds: started.elapsed().as_secs_f64(),
        outcome,
    })
}
