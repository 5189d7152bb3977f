//! `crawl` and `watch`.

use std::io::IsTerminal;

use super::{load_config, models_dir, runtime, Cli};
use crate::classify::ClassifyStage;
use crate::crawl::{self, PassOptions, PassSummary};
use crate::exit;
use crate::store::{DbLock, Store};

pub fn crawl(cli: &Cli, all: bool, no_classify: bool) -> anyhow::Result<i32> {
    let config = load_config(cli)?;
    let opts = pass_options(cli, all, no_classify)?;
    let _lock = DbLock::acquire(&cli.db)?;
    let store = Store::open(&cli.db)?;
    let summary = runtime()?.block_on(crawl::run_pass(&config, &store, &opts))?;
    print_summary(cli, &summary);
    Ok(if summary.outcome == "ok" {
        exit::OK
    } else {
        exit::PARTIAL
    })
}

pub fn watch(cli: &Cli, no_classify: bool) -> anyhow::Result<i32> {
    let config = load_config(cli)?;
    let opts = pass_options(cli, false, no_classify)?;
    let _lock = DbLock::acquire(&cli.db)?;
    let store = Store::open(&cli.db)?;
    runtime()?.block_on(crawl::watch(&config, &store, &opts, |s| {
        print_summary(cli, s)
    }))?;
    Ok(exit::OK)
}

fn pass_options(cli: &Cli, all: bool, no_classify: bool) -> anyhow::Result<PassOptions> {
    let classifier = if no_classify {
        None
    } else {
        Some(std::sync::Arc::new(ClassifyStage::load(&models_dir(cli))?))
    };
    Ok(PassOptions {
        all_sources: all,
        progress: !cli.quiet && !cli.json && std::io::stderr().is_terminal(),
        classifier,
    })
}

fn print_summary(cli: &Cli, s: &PassSummary) {
    if cli.json {
        println!("{}", serde_json::to_string(s).unwrap_or_default());
    } else if !cli.quiet {
        println!("{}", s.line());
    }
}
