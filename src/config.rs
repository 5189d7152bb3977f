//! The `feeds.toml` configuration: which sources to poll and how politely.
//!
//! Parsing is strict (unknown keys are errors) and every error names the file,
//! the line and the key, because a cron job that silently ignores a typo in its
//! config is worse than one that refuses to start.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use url::Url;

/// A configuration error, formatted as `file:line: message` (`file: message`
/// when no line applies, e.g. a models folder).
#[derive(Debug, thiserror::Error)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.path.display(), self.message),
            n => write!(f, "{}:{n}: {}", self.path.display(), self.message),
        }
    }
}

/// How a source is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// RSS 0.9x/1.0/2.0, Atom or JSON Feed.
    Feed,
    /// A section front page whose article links are followed.
    Page,
    /// An XML sitemap, sitemap index or Google News sitemap.
    Sitemap,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Feed => "feed",
            SourceKind::Page => "page",
            SourceKind::Sitemap => "sitemap",
        }
    }
}

/// One `[[source]]` table.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub url: Url,
    pub kind: SourceKind,
    /// Base poll interval; the crawler adapts it between `min_interval` and `max_interval`.
    pub interval: Option<Duration>,
    pub tags: Vec<String>,
    /// Sources that are known to need confirmation are still polled; the flag is informative.
    pub unconfirmed: bool,
}

/// The `[settings]` table.
#[derive(Debug, Clone)]
pub struct Settings {
    pub user_agent: String,
    pub concurrency: usize,
    pub per_host_concurrency: usize,
    pub per_host_delay: Duration,
    /// Per-host overrides of the minimum delay (e.g. `{ "127.0.0.1" = 0 }` for a local test web).
    pub host_delay_ms: BTreeMap<String, u64>,
    pub allow_hosts: Vec<String>,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    pub total_timeout: Duration,
    pub max_body_bytes: u64,
    pub max_redirects: usize,
    pub max_retries: u32,
    pub max_retry_after: Duration,
    pub max_articles_per_source: usize,
    pub min_interval: Duration,
    pub max_interval: Duration,
    pub email: Option<EmailSettings>,
}

/// SMTP settings for `digest --email`; environment variables can override them.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct EmailSettings {
    pub smtp_host: Option<String>,
    pub smtp_port: Option<u16>,
    pub username: Option<String>,
    pub from: Option<String>,
    #[serde(default)]
    pub to: Vec<String>,
    pub starttls: Option<bool>,
}

/// The whole file.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    pub settings: Settings,
    pub sources: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    settings: Option<toml::Spanned<RawSettings>>,
    #[serde(default)]
    source: Vec<toml::Spanned<RawSource>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    user_agent: Option<toml::Spanned<String>>,
    concurrency: Option<toml::Spanned<i64>>,
    per_host_concurrency: Option<toml::Spanned<i64>>,
    per_host_delay_ms: Option<toml::Spanned<i64>>,
    #[serde(default)]
    host_delay_ms: BTreeMap<String, u64>,
    #[serde(default)]
    allow_hosts: Vec<String>,
    connect_timeout_secs: Option<toml::Spanned<i64>>,
    read_timeout_secs: Option<toml::Spanned<i64>>,
    total_timeout_secs: Option<toml::Spanned<i64>>,
    max_body_bytes: Option<toml::Spanned<i64>>,
    max_redirects: Option<toml::Spanned<i64>>,
    max_retries: Option<toml::Spanned<i64>>,
    max_retry_after_secs: Option<toml::Spanned<i64>>,
    max_articles_per_source: Option<toml::Spanned<i64>>,
    min_interval: Option<toml::Spanned<String>>,
    max_interval: Option<toml::Spanned<String>>,
    email: Option<EmailSettings>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: toml::Spanned<String>,
    url: toml::Spanned<String>,
    kind: SourceKind,
    interval: Option<toml::Spanned<String>>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    unconfirmed: bool,
}

impl Config {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_owned(),
            line: 0,
            message: format!("cannot read: {e}"),
        })?;
        Config::parse(path, &text)
    }

    /// Parses config text; `path` is only used in error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let err = |span: std::ops::Range<usize>, message: String| ConfigError {
            path: path.to_owned(),
            line: line_of(text, span.start),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
            let message = e.message().trim().to_string();
            // Value errors ("unknown variant") do not say which key: name the key on that line.
            let message = match key_on_line(text, line) {
                Some(key) if !message.contains(&format!("`{key}`")) => {
                    format!("key `{key}`: {message}")
                }
                _ => message,
            };
            ConfigError {
                path: path.to_owned(),
                line,
                message,
            }
        })?;
        let settings = match raw.settings {
            Some(s) => {
                let span = s.span();
                settings_from_raw(s.into_inner(), &err, span)?
            }
            None => settings_from_raw(RawSettings::default(), &err, 0..0)?,
        };
        let mut sources = Vec::with_capacity(raw.source.len());
        let mut seen_urls = BTreeMap::new();
        for spanned in raw.source {
            let table_span = spanned.span();
            let s = spanned.into_inner();
            let url = Url::parse(s.url.get_ref())
                .map_err(|e| err(s.url.span(), format!("key `url`: invalid URL: {e}")))?;
            if !matches!(url.scheme(), "http" | "https") {
                return Err(err(
                    s.url.span(),
                    "key `url`: only http and https are supported".into(),
                ));
            }
            if let Some(prev) = seen_urls.insert(url.to_string(), line_of(text, table_span.start)) {
                return Err(err(
                    s.url.span(),
                    format!("key `url`: same URL as the source at line {prev}"),
                ));
            }
            if s.name.get_ref().trim().is_empty() {
                return Err(err(s.name.span(), "key `name`: must not be empty".into()));
            }
            let interval = match &s.interval {
                Some(v) => Some(
                    parse_duration(v.get_ref())
                        .map_err(|m| err(v.span(), format!("key `interval`: {m}")))?,
                ),
                None => None,
            };
            sources.push(Source {
                name: s.name.into_inner(),
                url,
                kind: s.kind,
                interval,
                tags: s.tags,
                unconfirmed: s.unconfirmed,
            });
        }
        Ok(Config {
            path: path.to_owned(),
            settings,
            sources,
        })
    }
}

fn settings_from_raw(
    raw: RawSettings,
    err: &dyn Fn(std::ops::Range<usize>, String) -> ConfigError,
    table_span: std::ops::Range<usize>,
) -> Result<Settings, ConfigError> {
    let int = |v: &Option<toml::Spanned<i64>>, key: &str, min: i64, max: i64, default: i64| match v
    {
        None => Ok(default),
        Some(s) if (min..=max).contains(s.get_ref()) => Ok(*s.get_ref()),
        Some(s) => Err(err(
            s.span(),
            format!("key `{key}`: must be between {min} and {max}"),
        )),
    };
    let user_agent = match raw.user_agent {
        Some(ua) => {
            if !ua.get_ref().contains("http") && !ua.get_ref().contains('@') {
                return Err(err(ua.span(), "key `user_agent`: must name a contact URL or e-mail (e.g. \"beatwatch/0.1 (+https://example.org/bot)\")".into()));
            }
            ua.into_inner()
        }
        None => crate::DEFAULT_USER_AGENT.to_string(),
    };
    let dur = |v: &Option<toml::Spanned<String>>, key: &str, default: u64| match v {
        None => Ok(Duration::from_secs(default)),
        Some(s) => {
            parse_duration(s.get_ref()).map_err(|m| err(s.span(), format!("key `{key}`: {m}")))
        }
    };
    let min_interval = dur(&raw.min_interval, "min_interval", 600)?;
    let max_interval = dur(&raw.max_interval, "max_interval", 86_400)?;
    if min_interval > max_interval {
        return Err(err(
            table_span,
            "key `min_interval`: larger than `max_interval`".into(),
        ));
    }
    Ok(Settings {
        user_agent,
        concurrency: int(&raw.concurrency, "concurrency", 1, 512, 16)? as usize,
        per_host_concurrency: int(&raw.per_host_concurrency, "per_host_concurrency", 1, 64, 2)?
            as usize,
        per_host_delay: Duration::from_millis(int(
            &raw.per_host_delay_ms,
            "per_host_delay_ms",
            0,
            600_000,
            1000,
        )? as u64),
        host_delay_ms: raw.host_delay_ms,
        allow_hosts: raw
            .allow_hosts
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect(),
        connect_timeout: Duration::from_secs(int(
            &raw.connect_timeout_secs,
            "connect_timeout_secs",
            1,
            300,
            10,
        )? as u64),
        read_timeout: Duration::from_secs(int(
            &raw.read_timeout_secs,
            "read_timeout_secs",
            1,
            300,
            20,
        )? as u64),
        total_timeout: Duration::from_secs(int(
            &raw.total_timeout_secs,
            "total_timeout_secs",
            1,
            3600,
            60,
        )? as u64),
        max_body_bytes: int(
            &raw.max_body_bytes,
            "max_body_bytes",
            1024,
            1 << 30,
            10 << 20,
        )? as u64,
        max_redirects: int(&raw.max_redirects, "max_redirects", 0, 20, 5)? as usize,
        max_retries: int(&raw.max_retries, "max_retries", 0, 10, 3)? as u32,
        max_retry_after: Duration::from_secs(int(
            &raw.max_retry_after_secs,
            "max_retry_after_secs",
            0,
            3600,
            120,
        )? as u64),
        max_articles_per_source: int(
            &raw.max_articles_per_source,
            "max_articles_per_source",
            1,
            1_000_000,
            200,
        )? as usize,
        min_interval,
        max_interval,
        email: raw.email,
    })
}

impl Settings {
    /// The minimum delay between two requests to `host`.
    pub fn delay_for(&self, host: &str) -> Duration {
        self.host_delay_ms
            .get(host)
            .map(|ms| Duration::from_millis(*ms))
            .unwrap_or(self.per_host_delay)
    }

    /// Whether `host` may be fetched even though it resolves to a private address.
    pub fn host_allowed(&self, host: &str) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        self.allow_hosts
            .iter()
            .any(|h| h.eq_ignore_ascii_case(host))
    }
}

impl Default for Settings {
    fn default() -> Self {
        settings_from_raw(
            RawSettings::default(),
            &|_, m| ConfigError {
                path: PathBuf::new(),
                line: 0,
                message: m,
            },
            0..0,
        )
        .expect("defaults are valid")
    }
}

/// Parses `90`, `90s`, `30m`, `2h`, `1d` into a duration.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration like 90s, 30m, 2h or 1d"))?;
    let secs = match unit.trim() {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        other => {
            return Err(format!(
                "unknown unit `{other}` in `{s}` (use s, m, h or d)"
            ))
        }
    };
    Ok(Duration::from_secs(secs))
}

/// The key assigned on 1-based line `line` (`key = value`), if any.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let (key, _) = l.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[')).then(|| key.to_string())
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}
