//! The command line: parses arguments, sets up logging, runs one command and
//! maps its result to a documented exit code (see [`crate::exit`]).

mod classify_cmd;
mod crawl_cmd;
mod extract_cmd;
mod feeds_cmd;
mod outputs_cmd;
mod stats_cmd;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{Config, ConfigError};
use crate::exit;
use crate::store::Locked;

#[derive(Parser, Debug)]
#[command(
    name = "beatwatch",
    version,
    about = "Follow the US immigration-enforcement news beat"
)]
pub struct Cli {
    /// The SQLite database.
    #[arg(
        long,
        global = true,
        default_value = "beatwatch.db",
        env = "BEATWATCH_DB"
    )]
    pub db: PathBuf,
    /// The sources and settings file.
    #[arg(
        long,
        global = true,
        default_value = "feeds.toml",
        env = "BEATWATCH_FEEDS"
    )]
    pub feeds: PathBuf,
    /// The trained models folder (classifier + gazetteer). Default: ./models, else the
    /// models folder of the source tree this binary was built from.
    #[arg(long, global = true, env = "BEATWATCH_MODELS")]
    pub models: Option<PathBuf>,
    /// Print only errors (no summary line, no progress bar).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print the summary as one JSON object.
    #[arg(long, global = true)]
    pub json: bool,
    /// More log output on stderr (-v info, -vv debug); BEATWATCH_LOG overrides.
    #[arg(long, short, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Poll the due sources once, store new articles, then exit (for cron).
    Crawl {
        /// Poll every source, even those whose next poll is not due yet.
        #[arg(long)]
        all: bool,
        /// Store articles without tagging them (tag later with `retag`).
        #[arg(long)]
        no_classify: bool,
    },
    /// Keep polling, each source on its own schedule, until Ctrl-C or SIGTERM.
    Watch {
        /// Store articles without tagging them (tag later with `retag`).
        #[arg(long)]
        no_classify: bool,
    },
    /// List, check or import sources.
    Feeds {
        #[command(subcommand)]
        command: FeedsCommand,
    },
    /// Counts of sources, articles, runs and errors in the database.
    Stats,
    /// Extract article text and metadata from HTML files, stdin (`-`) or http(s) URLs:
    /// one JSON object per input.
    Extract {
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Re-run extraction over the stored HTML (after an extractor change), in one transaction.
    Reextract {
        /// Only articles extracted by another extractor version.
        #[arg(long)]
        stale: bool,
    },
    /// The digest of relevant stories, grouped by city, state and national.
    Digest(outputs_cmd::DigestArgs),
    /// An Atom feed of tagged stories for one city, state or theme.
    Feed(outputs_cmd::FeedArgs),
    /// Export articles with tags and provenance as JSON Lines, CSV or Parquet.
    Export(outputs_cmd::ExportArgs),
    /// Full-text search over titles and texts.
    Search(outputs_cmd::SearchArgs),
    /// Train the classifier on labelled articles and write it to the models folder.
    Train(classify_cmd::LabelledArgs),
    /// Tag articles given as JSON Lines `{"id","title","text"}` (`-` for stdin).
    Classify {
        #[arg(long)]
        input: PathBuf,
    },
    /// Re-tag stored articles after a model change (those tagged by another model version).
    Retag {
        /// Re-tag every article, not only those with other or no tags.
        #[arg(long)]
        all: bool,
    },
    /// Measure quality on labelled data.
    Eval {
        #[command(subcommand)]
        command: EvalCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// 5-fold cross-validated precision, recall and F1 of the classifier beside two baselines.
    Classify(classify_cmd::EvalClassifyArgs),
    /// Score extraction over a folder of `<id>/page.html` + `<id>/truth.json` (benchmark metric).
    Extraction {
        dir: PathBuf,
        /// Write per-page scores here, worst first (TSV).
        #[arg(long)]
        by_page: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum FeedsCommand {
    /// The configured sources with their fetch state.
    List,
    /// Fetch each source once and report status, item count and newest item date (stores nothing).
    Check,
    /// Append the feeds of an OPML file to feeds.toml.
    ImportOpml { file: PathBuf },
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    init_logging(cli.verbose, cli.quiet);
    match run(&cli) {
        Ok(code) => code,
        Err(e) => report_error(&e),
    }
}

fn run(cli: &Cli) -> anyhow::Result<i32> {
    match &cli.command {
        Command::Crawl { all, no_classify } => crawl_cmd::crawl(cli, *all, *no_classify),
        Command::Watch { no_classify } => crawl_cmd::watch(cli, *no_classify),
        Command::Feeds { command } => match command {
            FeedsCommand::List => feeds_cmd::list(cli),
            FeedsCommand::Check => feeds_cmd::check(cli),
            FeedsCommand::ImportOpml { file } => feeds_cmd::import_opml(cli, file),
        },
        Command::Stats => stats_cmd::stats(cli),
        Command::Digest(a) => outputs_cmd::digest(cli, a),
        Command::Feed(a) => outputs_cmd::feed(cli, a),
        Command::Export(a) => outputs_cmd::export_cmd(cli, a),
        Command::Search(a) => outputs_cmd::search_cmd(cli, a),
        Command::Train(a) => classify_cmd::train_cmd(cli, a),
        Command::Classify { input } => classify_cmd::classify_cmd(cli, input),
        Command::Retag { all } => classify_cmd::retag(cli, *all),
        Command::Extract { inputs } => extract_cmd::extract(cli, inputs),
        Command::Reextract { stale } => extract_cmd::reextract(cli, *stale),
        Command::Eval { command } => match command {
            EvalCommand::Classify(a) => classify_cmd::eval_classify(cli, a),
            EvalCommand::Extraction { dir, by_page } => {
                extract_cmd::eval_extraction(cli, dir, by_page.as_ref())
            }
        },
    }
}

/// Prints one line for an error and picks its exit code.
fn report_error(e: &anyhow::Error) -> i32 {
    if let Some(locked) = e.downcast_ref::<Locked>() {
        eprintln!("beatwatch: {locked}");
        return exit::LOCKED;
    }
    if let Some(cfg) = e.downcast_ref::<ConfigError>() {
        eprintln!("beatwatch: config error: {cfg}");
        return exit::CONFIG;
    }
    eprintln!("beatwatch: error: {e:#}");
    exit::FAILURE
}

pub(crate) fn load_config(cli: &Cli) -> anyhow::Result<Config> {
    Ok(Config::load(&cli.feeds)?)
}

/// The models folder: --models / BEATWATCH_MODELS, else ./models, else the source tree's.
pub(crate) fn models_dir(cli: &Cli) -> PathBuf {
    if let Some(m) = &cli.models {
        return m.clone();
    }
    let local = PathBuf::from("models");
    if local.join("classifier").is_dir() {
        return local;
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/models"))
}

pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

fn init_logging(verbose: u8, quiet: bool) {
    let default = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        _ => "debug",
    };
    let filter =
        tracing_subscriber::EnvFilter::try_from_env("BEATWATCH_LOG").unwrap_or_else(|_| {
            tracing_subscriber::EnvFilter::new(format!(
            "beatwatch={default},beatwatch_extract={default},beatwatch_classify={default},error"
        ))
        });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}
