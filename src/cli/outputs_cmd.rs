//! `digest`, `feed`, `export` and `search`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;

use super::Cli;
use crate::exit;
use crate::outputs::export::ExportFormat;
use crate::outputs::query::{parse_city, StoryFilter};
use crate::outputs::render::Format;
use crate::outputs::{atom, digest, email, export, render, search};
use crate::store::Store;

/// Filters shared by export, search and feed.
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Stories dated on or after (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub from: Option<String>,
    /// Stories dated before (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub to: Option<String>,
    /// Focus city, "Name, ST".
    #[arg(long)]
    pub city: Option<String>,
    /// Focus state, two letters.
    #[arg(long)]
    pub state: Option<String>,
    /// Theme, e.g. detention.
    #[arg(long)]
    pub theme: Option<String>,
    /// Minimum relevance score (0-1).
    #[arg(long)]
    pub min_score: Option<f32>,
    /// Only stories the classifier marked relevant.
    #[arg(long)]
    pub relevant_only: bool,
}

impl FilterArgs {
    pub fn to_filter(&self) -> anyhow::Result<StoryFilter> {
        Ok(StoryFilter {
            from: self.from.as_deref().map(parse_time).transpose()?,
            to: self.to.as_deref().map(parse_time).transpose()?,
            city: self.city.as_deref().map(parse_city).transpose()?,
            state: self.state.as_ref().map(|s| s.to_ascii_uppercase()),
            theme: self.theme.clone(),
            min_score: self.min_score,
            relevant_only: self.relevant_only,
            ids: None,
        })
    }
}

fn parse_time(s: &str) -> anyhow::Result<DateTime<Utc>> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc());
    }
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| anyhow::anyhow!("{s:?} is not a date (YYYY-MM-DD) or an RFC 3339 time"))
}

fn open_existing(cli: &Cli) -> anyhow::Result<Store> {
    if !cli.db.exists() {
        anyhow::bail!(
            "no database at {} (run `beatwatch crawl` first)",
            cli.db.display()
        );
    }
    Store::open(&cli.db)
}

/// Writes `text` to `out` (refusing to overwrite without `force`) or stdout.
fn write_out(out: Option<&PathBuf>, force: bool, text: &str) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            if path.exists() && !force {
                anyhow::bail!("{} exists; pass --force to overwrite it", path.display());
            }
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
        }
        None => {
            std::io::stdout().write_all(text.as_bytes())?;
            Ok(())
        }
    }
}

#[derive(Args, Debug)]
pub struct DigestArgs {
    /// One UTC day, YYYY-MM-DD.
    #[arg(long, conflicts_with = "since")]
    pub date: Option<String>,
    /// A period up to now: 24h, 7d, 90m.
    #[arg(long)]
    pub since: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Overwrite --out if it exists.
    #[arg(long)]
    pub force: bool,
    /// Also send the HTML digest by e-mail (settings: feeds.toml [settings.email] or BEATWATCH_SMTP_*).
    #[arg(long)]
    pub email: bool,
}

pub fn digest(cli: &Cli, a: &DigestArgs) -> anyhow::Result<i32> {
    let store = open_existing(cli)?;
    let (from, to) = match (&a.date, &a.since) {
        (Some(d), _) => {
            let day = NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| anyhow::anyhow!("--date {d:?} is not YYYY-MM-DD"))?;
            let from = day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc();
            (from, from + chrono::Duration::days(1))
        }
        (None, since) => {
            let span = crate::config::parse_duration(since.as_deref().unwrap_or("24h"))
                .map_err(|e| anyhow::anyhow!("--since: {e}"))?;
            let now = Utc::now();
            (now - chrono::Duration::from_std(span)?, now)
        }
    };
    let d = digest::build(&store, from, to)?;
    write_out(a.out.as_ref(), a.force, &render::render(&d, a.format))?;
    if a.email {
        let settings = crate::config::Config::load(&cli.feeds)
            .ok()
            .and_then(|c| c.settings.email);
        let smtp = email::Smtp::resolve(settings.as_ref())?;
        let subject = format!(
            "Immigration enforcement digest: {} stories, {}",
            d.stories,
            d.to.format("%Y-%m-%d")
        );
        smtp.send(
            &subject,
            render::render(&d, Format::Html),
            render::render(&d, Format::Txt),
        )?;
    }
    digest::record(&store, &d, &format!("{:?}", a.format).to_lowercase())?;
    Ok(exit::OK)
}

#[derive(Args, Debug)]
pub struct FeedArgs {
    /// Follow a focus city, "Name, ST".
    #[arg(long, conflicts_with = "theme", required_unless_present_any = ["theme", "state"])]
    pub city: Option<String>,
    /// Follow a theme.
    #[arg(long)]
    pub theme: Option<String>,
    /// Follow a focus state.
    #[arg(long)]
    pub state: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
}

pub fn feed(cli: &Cli, a: &FeedArgs) -> anyhow::Result<i32> {
    let store = open_existing(cli)?;
    let filter = StoryFilter {
        city: a.city.as_deref().map(parse_city).transpose()?,
        theme: a.theme.clone(),
        state: a.state.as_ref().map(|s| s.to_ascii_uppercase()),
        relevant_only: true,
        ..Default::default()
    };
    let what: Vec<String> = [a.city.clone(), a.state.clone(), a.theme.clone()]
        .into_iter()
        .flatten()
        .collect();
    let title = format!("beatwatch: immigration enforcement: {}", what.join(", "));
    let id = format!(
        "urn:beatwatch:feed:{}",
        what.join(":").to_lowercase().replace(' ', "-")
    );
    write_out(
        a.out.as_ref(),
        a.force,
        &atom::atom_feed(&store, &filter, &title, &id, a.limit)?,
    )?;
    Ok(exit::OK)
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[arg(long)]
    pub out: PathBuf,
    /// Include article text.
    #[arg(long)]
    pub with_text: bool,
    /// Overwrite --out if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn export_cmd(cli: &Cli, a: &ExportArgs) -> anyhow::Result<i32> {
    let store = open_existing(cli)?;
    let n = export::export(
        &store,
        &a.filter.to_filter()?,
        a.format,
        &a.out,
        a.with_text,
        a.force,
    )?;
    if !cli.quiet {
        eprintln!(
            "export: {n} rows written to {} (schema version {})",
            a.out.display(),
            export::SCHEMA_VERSION
        );
    }
    Ok(exit::OK)
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// FTS5 query: words, "a phrase", AND/OR/NOT, prefix*.
    pub query: String,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn search_cmd(cli: &Cli, a: &SearchArgs) -> anyhow::Result<i32> {
    let store = open_existing(cli)?;
    let hits = search::search(&store, &a.query, &a.filter.to_filter()?, a.limit)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for h in &hits {
        if cli.json {
            writeln!(out, "{}", serde_json::to_string(h)?)?;
        } else {
            writeln!(
                out,
                "{:.2}  {}  {}  {}\n      {}\n      {}",
                h.rank,
                h.story
                    .date()
                    .map(|d| d.get(..10).unwrap_or(d))
                    .unwrap_or("undated"),
                h.story.outlet.as_deref().unwrap_or("-"),
                h.story.headline(),
                h.story.canonical_url,
                h.snippet.replace('\n', " ")
            )?;
        }
    }
    if !cli.quiet && !cli.json {
        writeln!(out, "search: {} results for {:?}", hits.len(), a.query)?;
    }
    Ok(exit::OK)
}
