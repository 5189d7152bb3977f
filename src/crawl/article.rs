//! The article stage: fetch one page (robots.txt obeyed), extract and classify it, and hand
//! it with its compressed HTML to the store writer ([`super::writer`]).

use super::metrics::{self, Stage};
use super::{poll::hex_sha256, PassContext};
use crate::canon;
use crate::config::Source;
use crate::fetch::{FetchError, FetchOutcome, Fetched};
use crate::sources::Discovered;
use crate::store::{ArticleRecord, StoredArticle};

/// zstd level for stored HTML: level 1 keeps pages at about 21% of their size (level 3:
/// 20%) for a third less CPU, measured with `cargo bench --bench crawl`.
const HTML_ZSTD_LEVEL: i32 = 1;

pub(crate) async fn fetch_and_store(
    ctx: &PassContext,
    source: &Source,
    source_id: i64,
    item: Discovered,
) {
    let url = item.url.clone();
    let fetched = match ctx.fetcher.get_article(&url, None).await {
        Ok(FetchOutcome::Fetched(f)) => f,
        Ok(FetchOutcome::NotModified) => return,
        Err(e) => {
            let stage = if matches!(e, FetchError::Robots(_)) {
                "robots"
            } else {
                "article"
            };
            tracing::info!(%url, error = %e, "article not fetched");
            let _ = ctx.store.record_error(
                ctx.run_id,
                Some(source_id),
                url.as_str(),
                stage,
                &e.to_string(),
            );
            if stage == "article" {
                ctx.count(|c| c.errors += 1);
            }
            return;
        }
    };
    let run_id = ctx.run_id;
    let outlet = source.name.clone();
    let classifier = ctx.classifier.clone();
    // Decoding, parsing, classifying and compression are CPU work: keep them off the async
    // threads, one page per core at a time. The slot is released before the write, which the
    // writer thread does.
    let cpu = ctx.cpu_slots.acquire().await;
    let built = tokio::task::spawn_blocking(move || {
        let mut record = build_record(fetched, item, source_id, run_id, outlet);
        if let (Some(clf), Some(ex)) = (&classifier, &record.extracted) {
            let title = ex
                .title
                .as_deref()
                .or(record.feed_title.as_deref())
                .unwrap_or("");
            let text = if ex.text.is_empty() {
                record.feed_summary.as_deref().unwrap_or("")
            } else {
                &ex.text
            };
            record.tags = Some(metrics::timed(Stage::Classify, || clf.tag(title, text)));
        }
        record
    })
    .await;
    drop(cpu);
    let stored = match built {
        Ok(record) => {
            let canonical = record.canonical_url.clone();
            Ok(ctx.writer.insert(record).await.map(|s| (s, canonical)))
        }
        Err(join) => Err(join),
    };
    match stored {
        Ok(Ok((StoredArticle::Inserted(_), _))) => ctx.count(|c| c.new_articles += 1),
        Ok(Ok((dup, canonical))) => tracing::debug!(%url, %canonical, ?dup, "duplicate article"),
        Ok(Err(e)) => {
            let _ = ctx.store.record_error(
                ctx.run_id,
                Some(source_id),
                url.as_str(),
                "store",
                &format!("{e:#}"),
            );
            ctx.count(|c| c.errors += 1);
        }
        Err(join) => {
            let _ = ctx.store.record_error(
                ctx.run_id,
                Some(source_id),
                url.as_str(),
                "extract",
                &join.to_string(),
            );
            ctx.count(|c| c.errors += 1);
        }
    }
}

/// Turns a fetched page into the row to store.
pub fn build_record(
    f: Fetched,
    item: Discovered,
    source_id: i64,
    run_id: i64,
    outlet: String,
) -> ArticleRecord {
    let extracted = metrics::timed(Stage::Extract, || {
        let html = crate::fetch::decode_html(&f.body, f.content_type.as_deref());
        beatwatch_extract::extract(&html, Some(&f.url))
    });
    let final_url = canon::canonicalize(&f.url);
    // rel=canonical is trusted only within the same site, so a page cannot claim another's URL.
    let canonical = extracted
        .canonical_url
        .as_deref()
        .and_then(|c| canon::resolve(Some(&f.url), c))
        .filter(|c| canon::same_site(c, &f.url))
        .unwrap_or_else(|| final_url.clone());
    let mut urls = vec![item.url.to_string(), final_url.to_string()];
    urls.dedup();
    ArticleRecord {
        urls,
        canonical_url: canonical.to_string(),
        source_id: Some(source_id),
        run_id: Some(run_id),
        outlet: extracted.site_name.clone().or(Some(outlet)),
        feed_title: item.title,
        feed_summary: item.summary,
        feed_published_at: item.published,
        http_status: f.status,
        content_type: f.content_type,
        etag: f.validators.etag,
        last_modified: f.validators.last_modified,
        body_hash: hex_sha256(&f.body),
        html_bytes: f.body.len(),
        html_zstd: metrics::timed(Stage::Store, || {
            zstd::bulk::compress(&f.body, HTML_ZSTD_LEVEL).unwrap_or_default()
        }),
        extracted: Some(extracted),
        extractor_version: Some(beatwatch_extract::VERSION.to_string()),
        tags: None,
    }
}
