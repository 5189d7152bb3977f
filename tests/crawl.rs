//! The crawl pipeline against fixtures served on 127.0.0.1 (issue 2).

mod support;

use std::path::Path;

use beatwatch::config::Config;
use beatwatch::crawl::{run_pass, PassOptions, PassSummary};
use beatwatch::store::Store;
use support::{article_html, config_text, Reply, TestServer};

fn rss(server: &TestServer, items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(title, path)| {
            format!("<item><title>{title}</title><link>{}</link><description>Summary of {title}</description>\
                     <pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate></item>", server.url(path))
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>{items}</channel></rss>")
}

async fn crawl(dir: &Path, config: &str, all: bool) -> (Store, PassSummary) {
    let cfg = Config::parse(&dir.join("feeds.toml"), config).expect("valid config");
    let store = Store::open(&dir.join("bw.db")).unwrap();
    let opts = PassOptions {
        all_sources: all,
        progress: false,
        ..Default::default()
    };
    let summary = run_pass(&cfg, &store, &opts).await.unwrap();
    (store, summary)
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn text_of(store: &Store, url: &str) -> String {
    store
        .conn()
        .query_row(
            "SELECT text FROM articles WHERE canonical_url = ?1",
            [url],
            |r| r.get(0),
        )
        .unwrap()
}

#[tokio::test]
async fn rss_atom_json_feed_page_and_sitemap_sources() {
    let s = TestServer::start();
    s.route(
        "/rss.xml",
        vec![Reply::xml(rss(
            &s,
            &[("ICE arrests in Denver", "/news/ice-arrests-in-denver-rss")],
        ))],
    );
    let atom = format!(
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><id>x</id><updated>2025-06-01T00:00:00Z</updated>\
         <entry><title>Atom story</title><id>a1</id><updated>2025-06-01T00:00:00Z</updated><link href=\"{}\"/></entry></feed>",
        s.url("/news/atom-story-about-detention-center")
    );
    s.route("/atom.xml", vec![Reply::xml(atom)]);
    let json = format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{{"id":"1","url":"{}","title":"JSON story","content_text":"x","date_published":"2025-06-01T00:00:00Z"}}]}}"#,
        s.url("/news/json-story-about-border-patrol")
    );
    s.route(
        "/feed.json",
        vec![Reply::new(200, "application/feed+json", json)],
    );
    s.route(
        "/immigration/",
        vec![Reply::html(
            "<html><body><a href=\"/immigration/\">Section</a><a href=\"/about\">About</a>\
             <a href=\"/2025/06/page-linked-story-about-raids\">Page story</a>\
             <a href=\"https://other.example/2025/06/offsite-story-is-not-followed\">Off</a></body></html>",
        )],
    );
    let sitemap = format!(
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>{}</loc>\
         <news:news><news:title>News sitemap story</news:title><news:publication_date>2025-06-01T08:00:00Z</news:publication_date></news:news></url></urlset>",
        s.url("/news/sitemap-story-about-deportation-flight?a=1&amp;b=2")
    );
    s.route("/sitemap.xml", vec![Reply::xml(sitemap)]);
    for (path, title) in [
        ("/news/ice-arrests-in-denver-rss", "ICE arrests in Denver"),
        ("/news/atom-story-about-detention-center", "Atom story"),
        ("/news/json-story-about-border-patrol", "JSON story"),
        ("/2025/06/page-linked-story-about-raids", "Page story"),
        (
            "/news/sitemap-story-about-deportation-flight?a=1&b=2",
            "News sitemap story",
        ),
    ] {
        s.route(
            path,
            vec![Reply::html(article_html(
                title,
                &format!("Body of {title}."),
            ))],
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let cfg = config_text(
        &s,
        &[
            ("rss", "/rss.xml", "feed"),
            ("atom", "/atom.xml", "feed"),
            ("json", "/feed.json", "feed"),
            ("page", "/immigration/", "page"),
            ("sitemap", "/sitemap.xml", "sitemap"),
        ],
    );
    let (store, summary) = crawl(dir.path(), &cfg, false).await;
    assert_eq!(summary.counts.new_articles, 5, "{summary:?}");
    assert_eq!(summary.outcome, "ok");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM articles"), 5);
    let t = text_of(&store, &s.url("/news/ice-arrests-in-denver-rss"));
    assert!(t.contains("Body of ICE arrests in Denver."), "{t}");
    let (feed_title, summary_text): (String, String) = store
        .conn()
        .query_row(
            "SELECT feed_title, feed_summary FROM articles WHERE canonical_url = ?1",
            [s.url("/news/ice-arrests-in-denver-rss")],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (feed_title.as_str(), summary_text.as_str()),
        ("ICE arrests in Denver", "Summary of ICE arrests in Denver")
    );
    let html_ok: i64 = count(&store, "SELECT COUNT(*) FROM articles WHERE html_zstd IS NOT NULL AND html_bytes > 0 AND length(html_zstd) < html_bytes");
    assert_eq!(html_ok, 5, "raw HTML stored compressed");
}

#[tokio::test]
async fn rerun_is_idempotent_and_uses_conditional_get() {
    let s = TestServer::start();
    s.route(
        "/rss.xml",
        vec![Reply::xml(rss(&s, &[("One", "/news/story-number-one-here")])).with_etag("\"v1\"")],
    );
    s.route(
        "/news/story-number-one-here",
        vec![Reply::html(article_html("One", "First."))],
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = config_text(&s, &[("rss", "/rss.xml", "feed")]);
    let (_, first) = crawl(dir.path(), &cfg, true).await;
    assert_eq!(first.counts.new_articles, 1);
    let (store, second) = crawl(dir.path(), &cfg, true).await;
    assert_eq!(second.counts.new_articles, 0);
    assert_eq!(
        s.conditional_hits("/rss.xml"),
        1,
        "second poll sends If-None-Match and gets 304"
    );
    assert_eq!(
        s.hits("/news/story-number-one-here"),
        1,
        "stored article is not fetched again"
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM articles"), 1);
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM runs WHERE outcome = 'ok'"),
        2
    );
    // Not due yet: a pass without --all skips the source.
    let (_, third) = crawl(dir.path(), &cfg, false).await;
    assert_eq!(
        (third.counts.sources_polled, third.sources_skipped_not_due),
        (0, 1)
    );
}

#[tokio::test]
async fn retries_429_with_retry_after_and_500_then_success() {
    let s = TestServer::start();
    s.route(
        "/a.xml",
        vec![
            Reply::status(429).header("Retry-After", "1"),
            Reply::xml(rss(&s, &[("A", "/news/story-from-feed-a-here")])),
        ],
    );
    s.route(
        "/b.xml",
        vec![
            Reply::status(500),
            Reply::status(503),
            Reply::xml(rss(&s, &[("B", "/news/story-from-feed-b-here")])),
        ],
    );
    s.route(
        "/news/story-from-feed-a-here",
        vec![Reply::status(502), Reply::html(article_html("A", "Alpha."))],
    );
    s.route(
        "/news/story-from-feed-b-here",
        vec![Reply::html(article_html("B", "Beta."))],
    );
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let (_, summary) = crawl(
        dir.path(),
        &config_text(&s, &[("a", "/a.xml", "feed"), ("b", "/b.xml", "feed")]),
        true,
    )
    .await;
    assert_eq!(summary.counts.new_articles, 2, "{summary:?}");
    assert_eq!(s.hits("/a.xml"), 2);
    assert_eq!(s.hits("/b.xml"), 3);
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(1),
        "Retry-After honoured"
    );
}

#[tokio::test]
async fn redirect_chains_are_followed_and_loops_end_in_an_error() {
    let s = TestServer::start();
    s.route(
        "/rss.xml",
        vec![Reply::xml(rss(
            &s,
            &[
                ("R", "/short/abc123456"),
                ("L", "/loop/story-that-loops-forever"),
            ],
        ))],
    );
    s.route(
        "/short/abc123456",
        vec![Reply::redirect(301, "/tmp/redirected-story-hop-two")],
    );
    s.route(
        "/tmp/redirected-story-hop-two",
        vec![Reply::redirect(
            302,
            &s.url("/news/final-story-after-redirects?utm_source=x"),
        )],
    );
    s.route(
        "/news/final-story-after-redirects?utm_source=x",
        vec![Reply::html(article_html("Final", "Landed."))],
    );
    s.route(
        "/loop/story-that-loops-forever",
        vec![Reply::redirect(302, "/loop/story-that-loops-forever")],
    );
    let dir = tempfile::tempdir().unwrap();
    let (store, summary) = crawl(
        dir.path(),
        &config_text(&s, &[("r", "/rss.xml", "feed")]),
        true,
    )
    .await;
    assert_eq!(summary.counts.new_articles, 1);
    assert_eq!(summary.outcome, "partial");
    assert!(text_of(&store, &s.url("/news/final-story-after-redirects")).contains("Landed."));
    let err: String = store
        .conn()
        .query_row(
            "SELECT error FROM fetch_errors WHERE url LIKE '%/loop/%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(err.contains("redirects"), "{err}");
}

#[tokio::test]
async fn robots_disallow_is_obeyed_for_articles() {
    let s = TestServer::start();
    s.route(
        "/robots.txt",
        vec![Reply::new(
            200,
            "text/plain",
            "User-agent: *\nDisallow: /private/\n",
        )],
    );
    s.route(
        "/rss.xml",
        vec![Reply::xml(rss(
            &s,
            &[
                ("Ok", "/news/allowed-story-about-ice"),
                ("No", "/private/blocked-story-about-ice"),
            ],
        ))],
    );
    s.route(
        "/news/allowed-story-about-ice",
        vec![Reply::html(article_html("Ok", "Allowed."))],
    );
    s.route(
        "/private/blocked-story-about-ice",
        vec![Reply::html(article_html("No", "Blocked."))],
    );
    let dir = tempfile::tempdir().unwrap();
    let (store, summary) = crawl(
        dir.path(),
        &config_text(&s, &[("r", "/rss.xml", "feed")]),
        true,
    )
    .await;
    assert_eq!(summary.counts.new_articles, 1);
    assert_eq!(s.hits("/private/blocked-story-about-ice"), 0);
    assert_eq!(
        s.hits("/robots.txt"),
        1,
        "robots.txt fetched once per origin"
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM fetch_errors WHERE stage = 'robots'"
        ),
        1
    );
}

#[tokio::test]
async fn windows_1252_and_gzip_bodies_are_decoded() {
    use std::io::Write;
    let s = TestServer::start();
    s.route(
        "/rss.xml",
        vec![Reply::xml(rss(
            &s,
            &[
                ("W", "/news/windows-encoded-story-page"),
                ("G", "/news/gzip-encoded-story-page"),
            ],
        ))],
    );
    let mut cp1252 = article_html(
        "Caf\u{e9}",
        "Se\u{f1}ora said \u{201c}no\u{201d} at the caf\u{e9}.",
    )
    .replace("utf-8", "windows-1252");
    cp1252 = cp1252.replace("<meta charset=\"windows-1252\">", "");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&cp1252);
    s.route(
        "/news/windows-encoded-story-page",
        vec![Reply::new(
            200,
            "text/html; charset=windows-1252",
            bytes.into_owned(),
        )],
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(article_html("Gz", "Compressed body text.").as_bytes())
        .unwrap();
    s.route(
        "/news/gzip-encoded-story-page",
        vec![Reply::html(gz.finish().unwrap()).header("Content-Encoding", "gzip")],
    );
    let dir = tempfile::tempdir().unwrap();
    let (store, summary) = crawl(
        dir.path(),
        &config_text(&s, &[("r", "/rss.xml", "feed")]),
        true,
    )
    .await;
    assert_eq!(summary.counts.new_articles, 2, "{summary:?}");
    assert!(text_of(&store, &s.url("/news/windows-encoded-story-page"))
        .contains("Se\u{f1}ora said \u{201c}no\u{201d} at the caf\u{e9}."));
    assert!(
        text_of(&store, &s.url("/news/gzip-encoded-story-page")).contains("Compressed body text.")
    );
}

#[tokio::test]
async fn a_malformed_feed_is_recorded_and_others_still_run() {
    let s = TestServer::start();
    s.route(
        "/bad.xml",
        vec![Reply::xml("<rss><channel><item><title>broken")],
    );
    s.route(
        "/good.xml",
        vec![Reply::xml(rss(
            &s,
            &[("G", "/news/good-story-still-stored")],
        ))],
    );
    s.route(
        "/news/good-story-still-stored",
        vec![Reply::html(article_html("G", "Good."))],
    );
    let dir = tempfile::tempdir().unwrap();
    let (store, summary) = crawl(
        dir.path(),
        &config_text(
            &s,
            &[("bad", "/bad.xml", "feed"), ("good", "/good.xml", "feed")],
        ),
        true,
    )
    .await;
    assert_eq!(summary.counts.new_articles, 1);
    assert_eq!(summary.counts.sources_failed, 1);
    assert_eq!(summary.outcome, "partial");
    let (err, failures): (String, i64) = store
        .conn()
        .query_row("SELECT last_error, consecutive_failures FROM source_state JOIN sources ON id = source_id WHERE name = 'bad'", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert!(err.contains("feed"), "{err}");
    assert_eq!(failures, 1);
}

#[tokio::test]
async fn same_body_at_two_urls_and_rel_canonical_are_stored_once() {
    let s = TestServer::start();
    let page = article_html("Same", "Identical body.");
    let canonical_page = page.replace(
        "<title>",
        &format!(
            "<link rel=\"canonical\" href=\"{}\"><title>",
            s.url("/news/the-canonical-story-url")
        ),
    );
    s.route(
        "/rss.xml",
        vec![Reply::xml(rss(
            &s,
            &[
                ("1", "/news/copy-one-of-same-story"),
                ("2", "/mirror/copy-two-of-same-story"),
                ("3", "/amp/story-with-a-canonical-link"),
                ("4", "/news/the-canonical-story-url"),
            ],
        ))],
    );
    s.route(
        "/news/copy-one-of-same-story",
        vec![Reply::html(page.clone())],
    );
    s.route("/mirror/copy-two-of-same-story", vec![Reply::html(page)]);
    s.route(
        "/amp/story-with-a-canonical-link",
        vec![Reply::html(canonical_page.clone())],
    );
    s.route(
        "/news/the-canonical-story-url",
        vec![Reply::html(
            canonical_page.replace("Identical", "Canonical"),
        )],
    );
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = crawl(
        dir.path(),
        &config_text(&s, &[("r", "/rss.xml", "feed")]),
        true,
    )
    .await;
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM articles"),
        2,
        "one per body/canonical URL"
    );
    assert_eq!(
        count(
            &store,
            &format!(
                "SELECT COUNT(*) FROM articles WHERE canonical_url = '{}'",
                s.url("/news/the-canonical-story-url")
            )
        ),
        1
    );
}

#[tokio::test]
async fn private_addresses_are_refused_unless_allowed() {
    let s = TestServer::start();
    s.route(
        "/rss.xml",
        vec![Reply::xml(rss(
            &s,
            &[("x", "/news/never-fetched-story-here")],
        ))],
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = config_text(&s, &[("r", "/rss.xml", "feed")])
        .replace("allow_hosts = [\"127.0.0.1\"]", "allow_hosts = []");
    let (store, summary) = crawl(dir.path(), &cfg, true).await;
    assert_eq!(summary.counts.sources_failed, 1);
    assert_eq!(s.hits("/rss.xml"), 0, "no request reached the server");
    let err: String = store
        .conn()
        .query_row("SELECT error FROM fetch_errors", [], |r| r.get(0))
        .unwrap();
    assert!(err.contains("refused"), "{err}");
}
