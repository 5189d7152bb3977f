//! Fetching: polite, bounded HTTP GETs for feeds and article pages.
//!
//! One [`Fetcher`] serves a whole run. It follows redirects itself (so every
//! hop passes the SSRF guard and the redirect cap), retries transient failures
//! with exponential backoff and jitter, honours `Retry-After`, sends
//! conditional requests, caps body size after decompression (gzip bombs), and
//! spaces requests per host.

mod decode;
mod guard;
mod politeness;
mod robots;

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use rand::RngExt;
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::StatusCode;
use url::Url;

pub use decode::decode_html;
pub use guard::forbidden_ip;
use guard::GuardedResolver;
use politeness::HostGates;
pub use robots::RobotsRules;
use robots::{robots_url, RobotsCache};

use crate::config::Settings;

/// Cache validators from an earlier response, for a conditional GET.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful response (2xx) with its body read in full.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: Url,
    pub status: u16,
    pub content_type: Option<String>,
    pub validators: Validators,
    pub body: Vec<u8>,
}

/// The outcome of a GET that did not fail.
#[derive(Debug)]
pub enum FetchOutcome {
    Fetched(Fetched),
    /// 304: the validators still hold.
    NotModified,
}

/// Why a GET failed, after any retries.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("refused: {0}")]
    Refused(String),
    #[error("blocked by robots.txt: {0}")]
    Robots(String),
    #[error("HTTP {0}")]
    Status(u16),
    #[error("body larger than {0} bytes")]
    TooLarge(u64),
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("timed out")]
    Timeout,
    #[error("DNS lookup failed: {0}")]
    Dns(String),
    #[error("network error: {0}")]
    Network(String),
}

/// The HTTP client of one run.
pub struct Fetcher {
    client: reqwest::Client,
    settings: Arc<Settings>,
    hosts: HostGates,
    robots: RobotsCache,
    robots_agent: String,
}

impl Fetcher {
    pub fn new(settings: Arc<Settings>) -> anyhow::Result<Fetcher> {
        crate::install_tls_provider();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_static(
                "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.8",
            ),
        );
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(settings.connect_timeout)
            .read_timeout(settings.read_timeout)
            .timeout(settings.total_timeout)
            .pool_max_idle_per_host(settings.per_host_concurrency)
            .dns_resolver(GuardedResolver::new(settings.allow_hosts.clone()))
            .build()?;
        let robots_agent = settings
            .user_agent
            .split(['/', ' '])
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or("beatwatch")
            .to_string();
        Ok(Fetcher {
            client,
            hosts: HostGates::new(settings.per_host_concurrency),
            settings,
            robots: RobotsCache::default(),
            robots_agent,
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// GETs a feed, sitemap or section page (robots.txt is not consulted for these:
    /// the operator listed them by hand).
    pub async fn get(
        &self,
        url: &Url,
        validators: Option<&Validators>,
    ) -> Result<FetchOutcome, FetchError> {
        self.get_with_cap(url, validators, self.settings.max_body_bytes)
            .await
    }

    /// GETs an article page after checking the site's robots.txt.
    pub async fn get_article(
        &self,
        url: &Url,
        validators: Option<&Validators>,
    ) -> Result<FetchOutcome, FetchError> {
        let rules = self.robots_for(url).await;
        rules.allowed(url).map_err(FetchError::Robots)?;
        self.get(url, validators).await
    }

    /// The robots rules for `url`'s origin, fetched on first use.
    pub async fn robots_for(&self, url: &Url) -> Arc<RobotsRules> {
        let cell = self.robots.cell(url);
        cell.get_or_init(|| async {
            let result = match robots_url(url) {
                Some(r) => match self.get_with_cap(&r, None, 512 * 1024).await {
                    Ok(FetchOutcome::Fetched(f)) => Ok((f.status, f.body)),
                    Ok(FetchOutcome::NotModified) => Ok((404, Vec::new())),
                    Err(FetchError::Status(s)) => Ok((s, Vec::new())),
                    Err(e) => Err(e.to_string()),
                },
                None => Ok((404, Vec::new())),
            };
            Arc::new(RobotsRules::from_response(&self.robots_agent, result))
        })
        .await
        .clone()
    }

    async fn get_with_cap(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        cap: u64,
    ) -> Result<FetchOutcome, FetchError> {
        let mut current = url.clone();
        for _hop in 0..=self.settings.max_redirects {
            self.check_target(&current)?;
            match self.get_one_hop(&current, validators, cap).await? {
                Hop::Done(outcome) => return Ok(outcome),
                Hop::Redirect(next) => current = next,
            }
        }
        Err(FetchError::TooManyRedirects(self.settings.max_redirects))
    }

    /// Refuses non-HTTP schemes and literal forbidden addresses; host names are
    /// checked by the resolver when the connection is made.
    fn check_target(&self, url: &Url) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Refused(format!(
                "scheme {} in {url}",
                url.scheme()
            )));
        }
        let host = url
            .host_str()
            .ok_or_else(|| FetchError::Refused(format!("no host in {url}")))?;
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        if let Ok(ip) = bare.parse::<IpAddr>() {
            if forbidden_ip(ip) && !self.settings.host_allowed(bare) {
                return Err(FetchError::Refused(format!(
                    "{host} is a local, private or metadata address (add it to [settings] allow_hosts to permit)"
                )));
            }
        } else if (bare.eq_ignore_ascii_case("localhost") || bare.ends_with(".localhost"))
            && !self.settings.host_allowed(bare)
        {
            return Err(FetchError::Refused(format!("{host} is the local machine")));
        }
        Ok(())
    }

    async fn get_one_hop(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        cap: u64,
    ) -> Result<Hop, FetchError> {
        let host = url.host_str().unwrap_or_default().to_string();
        let mut attempt = 0;
        loop {
            let delay = self.settings.delay_for(&host);
            let permit = self.hosts.acquire(&host, delay).await;
            let result = self.send(url, validators, cap).await;
            drop(permit);
            let wait = match result {
                Ok(Attempt::Done(hop)) => return Ok(hop),
                Ok(Attempt::Retry {
                    status,
                    retry_after,
                }) => {
                    if attempt >= self.settings.max_retries {
                        return Err(FetchError::Status(status));
                    }
                    retry_after.map(|d| d.min(self.settings.max_retry_after))
                }
                Err(e) if is_transient(&e) && attempt < self.settings.max_retries => None,
                Err(e) => return Err(e),
            };
            let wait = wait.unwrap_or_else(|| backoff(attempt));
            tracing::debug!(%url, attempt, ?wait, "retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn send(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        cap: u64,
    ) -> Result<Attempt, FetchError> {
        let mut req = self.client.get(url.clone());
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                req = req.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &v.last_modified {
                req = req.header(header::IF_MODIFIED_SINCE, lm);
            }
        }
        let mut resp = req.send().await.map_err(map_reqwest)?;
        let status = resp.status();
        if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
            let location = resp
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .ok_or(FetchError::Status(status.as_u16()))?;
            let next = url.join(location).map_err(|e| {
                FetchError::Network(format!("bad redirect Location {location:?}: {e}"))
            })?;
            return Ok(Attempt::Done(Hop::Redirect(next)));
        }
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Attempt::Done(Hop::Done(FetchOutcome::NotModified)));
        }
        if status == StatusCode::TOO_MANY_REQUESTS
            || status == StatusCode::REQUEST_TIMEOUT
            || status.is_server_error()
        {
            return Ok(Attempt::Retry {
                status: status.as_u16(),
                retry_after: retry_after(resp.headers()),
            });
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        if resp.content_length().is_some_and(|n| n > cap)
            && resp.headers().get(header::CONTENT_ENCODING).is_none()
        {
            return Err(FetchError::TooLarge(cap));
        }
        let header_str = |h: header::HeaderName| {
            resp.headers()
                .get(h)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header_str(header::CONTENT_TYPE);
        let validators = Validators {
            etag: header_str(header::ETAG),
            last_modified: header_str(header::LAST_MODIFIED),
        };
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(map_reqwest)? {
            if body.len() as u64 + chunk.len() as u64 > cap {
                return Err(FetchError::TooLarge(cap));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Attempt::Done(Hop::Done(FetchOutcome::Fetched(Fetched {
            url: url.clone(),
            status: status.as_u16(),
            content_type,
            validators,
            body,
        }))))
    }
}

enum Hop {
    Done(FetchOutcome),
    Redirect(Url),
}

enum Attempt {
    Done(Hop),
    Retry {
        status: u16,
        retry_after: Option<Duration>,
    },
}

fn is_transient(e: &FetchError) -> bool {
    matches!(e, FetchError::Network(_) | FetchError::Timeout)
}

/// 0.5 s, 1 s, 2 s, ... capped at 30 s, each with up to 50% random jitter.
fn backoff(attempt: u32) -> Duration {
    let base = 500u64.saturating_mul(1 << attempt.min(6)).min(30_000);
    let jitter = rand::rng().random_range(0..=base / 2);
    Duration::from_millis(base + jitter)
}

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let delta = when.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(delta.to_std().unwrap_or(Duration::ZERO))
}

fn map_reqwest(e: reqwest::Error) -> FetchError {
    if e.is_timeout() {
        return FetchError::Timeout;
    }
    // Include the source chain: reqwest's top-level message alone hides the cause.
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    if msg.contains("refused: ") {
        let why = msg
            .split("refused: ")
            .last()
            .unwrap_or_default()
            .to_string();
        return FetchError::Refused(why);
    }
    // A name that does not resolve now will not resolve in a second: fail fast.
    if msg.contains("dns error") {
        return FetchError::Dns(msg);
    }
    FetchError::Network(msg)
}
