//! `watch`: keep polling, each source on its own schedule, until Ctrl-C or SIGTERM.

use std::time::Duration;

use super::{run_pass, PassOptions, PassSummary};
use crate::config::Config;
use crate::store::Store;

/// How often `watch` wakes to look for due sources.
const TICK: Duration = Duration::from_secs(30);

/// Runs passes over due sources until a stop signal arrives; a pass in progress
/// finishes its current transactions before `watch` returns.
pub async fn watch(
    config: &Config,
    store: &Store,
    opts: &PassOptions,
    mut on_pass: impl FnMut(&PassSummary),
) -> anyhow::Result<()> {
    let stop = stop_signal();
    tokio::pin!(stop);
    loop {
        let pass = run_pass(config, store, opts);
        tokio::select! {
            summary = pass => on_pass(&summary?),
            _ = &mut stop => {
                tracing::info!("stop signal: leaving watch");
                store.mark_running_aborted()?;
                return Ok(());
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(TICK) => {}
            _ = &mut stop => return Ok(()),
        }
    }
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
