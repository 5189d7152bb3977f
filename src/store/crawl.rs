//! The crawl's reads and writes: sources and their state, runs, articles, errors.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::{fmt_time, now_str, Store};
use crate::config::Source;
use crate::sources::Discovered;

/// The fetch state of one source.
#[derive(Debug, Clone, Default)]
pub struct SourceState {
    pub last_success_at: Option<String>,
    pub last_error: Option<String>,
    pub consecutive_failures: u32,
    pub poll_interval_secs: Option<u64>,
    pub next_due_at: Option<DateTime<Utc>>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub body_hash: Option<String>,
}

/// Everything stored for one fetched article page.
#[derive(Debug, Clone, Default)]
pub struct ArticleRecord {
    /// Every URL this page was known by (as discovered, after redirects, rel=canonical).
    pub urls: Vec<String>,
    pub canonical_url: String,
    pub source_id: Option<i64>,
    pub run_id: Option<i64>,
    pub outlet: Option<String>,
    pub feed_title: Option<String>,
    pub feed_summary: Option<String>,
    pub feed_published_at: Option<DateTime<Utc>>,
    pub http_status: u16,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub body_hash: String,
    pub html_bytes: usize,
    pub html_zstd: Vec<u8>,
    pub extracted: Option<beatwatch_extract::Article>,
    pub extractor_version: Option<String>,
    /// Classifier tags, stored in the same transaction as the article.
    pub tags: Option<super::TagRecord>,
}

/// What `insert_article` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoredArticle {
    Inserted(i64),
    /// An article with the same canonical URL exists; the new URLs now point at it.
    SameUrl(i64),
    /// An article with the same body exists under another URL.
    SameBody(i64),
}

/// Counters of one run.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct RunCounts {
    pub sources_polled: u64,
    pub sources_failed: u64,
    pub new_articles: u64,
    pub errors: u64,
}

/// A run that has started.
#[derive(Debug, Clone, Copy)]
pub struct NewRun {
    pub id: i64,
    /// Runs left `running` by a killed process, now marked `aborted`.
    pub aborted_before: usize,
}

impl Store {
    /// Makes the sources table match the config (by URL) and returns each source's id.
    pub fn sync_sources(&self, sources: &[Source]) -> anyhow::Result<Vec<i64>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("UPDATE sources SET in_config = 0", [])?;
        let mut ids = Vec::with_capacity(sources.len());
        for s in sources {
            let tags = serde_json::to_string(&s.tags)?;
            let interval = s.interval.map(|d| d.as_secs() as i64);
            let id: i64 = tx.query_row(
                "INSERT INTO sources (url, name, kind, tags, interval_secs, in_config, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)
                 ON CONFLICT(url) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                   tags = excluded.tags, interval_secs = excluded.interval_secs, in_config = 1
                 RETURNING id",
                params![
                    s.url.as_str(),
                    s.name,
                    s.kind.as_str(),
                    tags,
                    interval,
                    now_str()
                ],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO source_state (source_id) VALUES (?1)",
                [id],
            )?;
            ids.push(id);
        }
        tx.commit()?;
        Ok(ids)
    }

    pub fn source_state(&self, source_id: i64) -> anyhow::Result<SourceState> {
        let conn = self.conn();
        let state = conn
            .query_row(
                "SELECT last_success_at, last_error, consecutive_failures, poll_interval_secs,
                        next_due_at, etag, last_modified, body_hash
                 FROM source_state WHERE source_id = ?1",
                [source_id],
                |r| {
                    Ok(SourceState {
                        last_success_at: r.get(0)?,
                        last_error: r.get(1)?,
                        consecutive_failures: r.get(2)?,
                        poll_interval_secs: r.get::<_, Option<i64>>(3)?.map(|v| v.max(0) as u64),
                        next_due_at: r
                            .get::<_, Option<String>>(4)?
                            .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
                            .map(|d| d.with_timezone(&Utc)),
                        etag: r.get(5)?,
                        last_modified: r.get(6)?,
                        body_hash: r.get(7)?,
                    })
                },
            )
            .optional()?;
        Ok(state.unwrap_or_default())
    }

    /// Records a successful poll and, in the same transaction, adds the items it
    /// announced that are not stored yet to the frontier. `items` is `None` for a 304
    /// or an unchanged body. `interval_for` turns the number of new links into the
    /// next poll interval; the source is due again after it. Returns the new links.
    pub fn record_poll_success(
        &self,
        source_id: i64,
        state: &SourceState,
        items: Option<&[Discovered]>,
        interval_for: impl FnOnce(usize) -> std::time::Duration,
    ) -> anyhow::Result<usize> {
        let now = now_str();
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut new = 0;
        if let Some(items) = items {
            let mut known = tx.prepare_cached("SELECT 1 FROM article_urls WHERE url = ?1")?;
            let mut add = tx.prepare_cached(
                "INSERT OR IGNORE INTO frontier (url, source_id, title, summary, published_at, discovered_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for d in items {
                if known.exists([d.url.as_str()])? {
                    continue;
                }
                new += add.execute(params![
                    d.url.as_str(),
                    source_id,
                    d.title,
                    d.summary,
                    d.published.map(fmt_time),
                    now
                ])?;
            }
        }
        let last_item_at = items.and_then(|i| i.iter().filter_map(|d| d.published).max());
        let interval = interval_for(new);
        let next_due = Utc::now() + chrono::Duration::from_std(interval).unwrap_or_default();
        tx.execute(
            "UPDATE source_state SET last_attempt_at = ?2, last_success_at = ?2, last_error = NULL,
                consecutive_failures = 0, poll_interval_secs = ?3, next_due_at = ?4, etag = ?5,
                last_modified = ?6, body_hash = ?7,
                last_item_count = COALESCE(?8, last_item_count), last_new_count = ?9,
                last_item_at = COALESCE(?10, last_item_at)
             WHERE source_id = ?1",
            params![
                source_id,
                now,
                interval.as_secs() as i64,
                fmt_time(next_due),
                state.etag,
                state.last_modified,
                state.body_hash,
                items.map(|i| i.len() as i64),
                new as i64,
                last_item_at.map(fmt_time),
            ],
        )?;
        tx.commit()?;
        Ok(new)
    }

    /// The links of `source_id` still waiting to be fetched (fewer than `max_attempts`
    /// failures), newest first.
    pub fn frontier_for(
        &self,
        source_id: i64,
        max_attempts: u32,
        limit: usize,
    ) -> anyhow::Result<Vec<Discovered>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT url, title, summary, published_at FROM frontier WHERE source_id = ?1 AND attempts < ?2
             ORDER BY published_at IS NULL, published_at DESC, discovered_at DESC LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![source_id, max_attempts, limit as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (url, title, summary, published) = row?;
            let Ok(url) = url::Url::parse(&url) else {
                continue;
            };
            out.push(Discovered {
                url,
                title,
                summary,
                published: published
                    .and_then(|p| DateTime::parse_from_rfc3339(&p).ok())
                    .map(|d| d.with_timezone(&Utc)),
            });
        }
        Ok(out)
    }

    /// Counts a failed fetch of a frontier link; after a few it is no longer tried.
    pub fn frontier_failed(&self, url: &str, error: &str) -> anyhow::Result<()> {
        self.conn().execute(
            "UPDATE frontier SET attempts = attempts + 1, last_error = ?2 WHERE url = ?1",
            params![url, error],
        )?;
        Ok(())
    }

    pub fn record_poll_failure(
        &self,
        source_id: i64,
        error: &str,
        failures: u32,
        next_due: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        self.conn().execute(
            "UPDATE source_state SET last_attempt_at = ?2, last_error = ?3, consecutive_failures = ?4,
                next_due_at = ?5 WHERE source_id = ?1",
            params![source_id, now_str(), error, failures, fmt_time(next_due)],
        )?;
        Ok(())
    }

    /// Marks runs a killed process left `running` as aborted, then starts a new run.
    /// Call only while holding the [`super::DbLock`].
    pub fn start_run(&self, command: &str) -> anyhow::Result<NewRun> {
        let aborted_before = self.mark_running_aborted()?;
        let conn = self.conn();
        conn.execute(
            "INSERT INTO runs (command, started_at, pid) VALUES (?1, ?2, ?3)",
            params![command, now_str(), std::process::id()],
        )?;
        Ok(NewRun {
            id: conn.last_insert_rowid(),
            aborted_before,
        })
    }

    /// Marks every `running` run as aborted (its process died or was stopped).
    /// Call only while holding the [`super::DbLock`].
    pub fn mark_running_aborted(&self) -> anyhow::Result<usize> {
        Ok(self.conn().execute(
            "UPDATE runs SET outcome = 'aborted', finished_at = COALESCE(finished_at, ?1) WHERE outcome = 'running'",
            [now_str()],
        )?)
    }

    pub fn finish_run(&self, run_id: i64, counts: &RunCounts, outcome: &str) -> anyhow::Result<()> {
        self.conn().execute(
            "UPDATE runs SET finished_at = ?2, outcome = ?3, sources_polled = ?4, new_articles = ?5, errors = ?6
             WHERE id = ?1",
            params![
                run_id,
                now_str(),
                outcome,
                counts.sources_polled as i64,
                counts.new_articles as i64,
                counts.errors as i64
            ],
        )?;
        Ok(())
    }

    pub fn record_error(
        &self,
        run_id: i64,
        source_id: Option<i64>,
        url: &str,
        stage: &str,
        error: &str,
    ) -> anyhow::Result<()> {
        self.conn().execute(
            "INSERT INTO fetch_errors (run_id, source_id, url, stage, error, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![run_id, source_id, url, stage, error, now_str()],
        )?;
        Ok(())
    }

    /// Stores one article in one transaction, unless its canonical URL or its body is known.
    pub fn insert_article(&self, rec: &ArticleRecord) -> anyhow::Result<StoredArticle> {
        self.insert_articles(&[rec])?
            .pop()
            .unwrap_or_else(|| Err(anyhow::anyhow!("no result for the article")))
    }

    /// Stores a batch of articles in one transaction (one commit, one full-text index flush),
    /// each in its own savepoint: an article that fails is rolled back alone and its error is
    /// its result; the others are kept. The outer error means nothing was committed.
    pub fn insert_articles(
        &self,
        recs: &[&ArticleRecord],
    ) -> anyhow::Result<Vec<anyhow::Result<StoredArticle>>> {
        let mut conn = self.conn();
        let mut tx = conn.transaction()?;
        let mut out = Vec::with_capacity(recs.len());
        for rec in recs {
            let sp = tx.savepoint()?;
            let res = insert_one(&sp, rec);
            if res.is_ok() {
                sp.commit()?;
            }
            out.push(res);
        }
        tx.commit()?;
        Ok(out)
    }
}

/// One article's rows (inside the caller's savepoint).
fn insert_one(tx: &rusqlite::Connection, rec: &ArticleRecord) -> anyhow::Result<StoredArticle> {
    let existing: Option<i64> = tx
        .query_row(
            "SELECT article_id FROM article_urls WHERE url = ?1",
            [&rec.canonical_url],
            |r| r.get(0),
        )
        .optional()?;
    let by_body: Option<i64> = match existing {
        Some(_) => None,
        None => tx
            .query_row(
                "SELECT id FROM articles WHERE body_hash = ?1 LIMIT 1",
                [&rec.body_hash],
                |r| r.get(0),
            )
            .optional()?,
    };
    let outcome = match (existing, by_body) {
        (Some(id), _) => StoredArticle::SameUrl(id),
        (None, Some(id)) => StoredArticle::SameBody(id),
        (None, None) => {
            let ex = rec.extracted.as_ref();
            tx.execute(
                    "INSERT INTO articles (canonical_url, source_id, run_id, outlet, feed_title, feed_summary,
                        feed_published_at, discovered_at, fetched_at, http_status, content_type, etag,
                        last_modified, body_hash, html_bytes, html_zstd, title, text, authors, published_at,
                        modified_at, site_name, lang, dateline, extractor_version, extracted_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                        ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
                    params![
                        rec.canonical_url,
                        rec.source_id,
                        rec.run_id,
                        rec.outlet,
                        rec.feed_title,
                        rec.feed_summary,
                        rec.feed_published_at.map(fmt_time),
                        now_str(),
                        rec.http_status,
                        rec.content_type,
                        rec.etag,
                        rec.last_modified,
                        rec.body_hash,
                        rec.html_bytes as i64,
                        rec.html_zstd,
                        ex.and_then(|e| e.title.clone()).or_else(|| rec.feed_title.clone()),
                        ex.map(|e| e.text.clone()),
                        serde_json::to_string(&ex.map(|e| e.authors.clone()).unwrap_or_default())?,
                        ex.and_then(|e| e.published).or(rec.feed_published_at).map(fmt_time),
                        ex.and_then(|e| e.modified).map(fmt_time),
                        ex.and_then(|e| e.site_name.clone()),
                        ex.and_then(|e| e.lang.clone()),
                        ex.and_then(|e| e.dateline.clone()),
                        rec.extractor_version,
                        ex.map(|_| now_str()),
                    ],
                )?;
            let id = tx.last_insert_rowid();
            if let Some(tags) = &rec.tags {
                super::tags::write_tags(tx, id, tags)?;
            }
            StoredArticle::Inserted(id)
        }
    };
    let id = match outcome {
        StoredArticle::Inserted(id) | StoredArticle::SameUrl(id) | StoredArticle::SameBody(id) => {
            id
        }
    };
    let mut alias =
        tx.prepare_cached("INSERT OR IGNORE INTO article_urls (url, article_id) VALUES (?1, ?2)")?;
    alias.execute(params![rec.canonical_url, id])?;
    for u in &rec.urls {
        alias.execute(params![u, id])?;
    }
    drop(alias);
    let mut done = tx.prepare_cached("DELETE FROM frontier WHERE url = ?1")?;
    for u in rec.urls.iter().chain(std::iter::once(&rec.canonical_url)) {
        done.execute([u])?;
    }
    drop(done);
    Ok(outcome)
}

impl Store {
    /// Re-extracts stored HTML (all articles, or only those from an older extractor)
    /// in one transaction: either every article is updated or none.
    /// Returns (re-extracted, unreadable).
    pub fn reextract(&self, only_stale: bool) -> anyhow::Result<(usize, usize)> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let ids: Vec<i64> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM articles WHERE html_zstd IS NOT NULL AND (?1 = 0 OR extractor_version IS NOT ?2)",
            )?;
            let rows = stmt.query_map(params![only_stale, beatwatch_extract::VERSION], |r| {
                r.get(0)
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let (mut done, mut failed) = (0, 0);
        for id in ids {
            let (blob, url, ctype): (Vec<u8>, String, Option<String>) = tx.query_row(
                "SELECT html_zstd, canonical_url, content_type FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            let Ok(body) = zstd::decode_all(blob.as_slice()) else {
                failed += 1;
                continue;
            };
            let html = crate::fetch::decode_html(&body, ctype.as_deref());
            let a = beatwatch_extract::extract(&html, url::Url::parse(&url).ok().as_ref());
            tx.execute(
                "UPDATE articles SET title = COALESCE(?2, feed_title), text = ?3, authors = ?4,
                    published_at = COALESCE(?5, feed_published_at), modified_at = ?6, site_name = ?7,
                    lang = ?8, dateline = ?9, extractor_version = ?10, extracted_at = ?11
                 WHERE id = ?1",
                params![
                    id,
                    a.title,
                    a.text,
                    serde_json::to_string(&a.authors)?,
                    a.published.map(fmt_time),
                    a.modified.map(fmt_time),
                    a.site_name,
                    a.lang,
                    a.dateline,
                    beatwatch_extract::VERSION,
                    now_str()
                ],
            )?;
            done += 1;
        }
        tx.commit()?;
        Ok((done, failed))
    }
}
