//! The hostile web (issue 6): every fault ends in a recorded error for that URL,
//! in bounded time and memory, while the other sources are processed normally.

mod support;

use std::io::Write;
use std::time::{Duration, Instant};

use beatwatch::config::Config;
use beatwatch::crawl::{run_pass, PassOptions, PassSummary};
use beatwatch::store::Store;
use support::{article_html, config_text, Reply, TestServer};

fn rss_items(s: &TestServer, paths: &[String]) -> String {
    let items: String = paths
        .iter()
        .map(|p| format!("<item><title>{p}</title><link>{}</link></item>", s.url(p)))
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>{items}</channel></rss>")
}

async fn crawl(dir: &std::path::Path, cfg: &str) -> (Store, PassSummary) {
    let config = Config::parse(&dir.join("feeds.toml"), cfg).unwrap();
    let store = Store::open(&dir.join("bw.db")).unwrap();
    let summary = run_pass(
        &config,
        &store,
        &PassOptions {
            all_sources: true,
            progress: false,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    (store, summary)
}

fn error_for(store: &Store, url_part: &str) -> String {
    store
        .conn()
        .query_row(
            "SELECT error FROM fetch_errors WHERE url LIKE ?1 ORDER BY id DESC LIMIT 1",
            [format!("%{url_part}%")],
            |r| r.get(0),
        )
        .unwrap_or_else(|_| panic!("no error recorded for {url_part}"))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

#[tokio::test]
async fn network_faults_each_end_in_a_recorded_error_and_the_rest_still_works() {
    let s = TestServer::start();
    let pages = [
        "/news/good-story-that-must-be-stored",
        "/news/storm-of-server-errors-here",
        "/news/connection-reset-mid-body-here",
        "/news/dripping-one-byte-a-second",
        "/news/truncated-gzip-body-here",
        "/news/gzip-bomb-decompresses-huge",
        "/news/endless-redirect-chain-start",
        "/news/fifty-megabyte-page-here",
    ]
    .map(String::from);
    s.route("/feed.xml", vec![Reply::xml(rss_items(&s, &pages))]);
    s.route(
        &pages[0],
        vec![Reply::html(article_html(
            "Good",
            "Stored despite everything.",
        ))],
    );
    s.route(&pages[1], vec![Reply::status(503)]);
    let big = article_html("Reset", &"word ".repeat(20_000));
    s.route(&pages[2], vec![Reply::html(big.clone()).cut_after(5_000)]);
    s.route(
        &pages[3],
        vec![Reply::html(article_html("Drip", "slow")).dripping(Duration::from_secs(1))],
    );
    let mut truncated = gzip(article_html("Trunc", &"text ".repeat(5_000)).as_bytes());
    truncated.truncate(truncated.len() / 2);
    s.route(
        &pages[4],
        vec![Reply::html(truncated).header("Content-Encoding", "gzip")],
    );
    let bomb = gzip(&vec![b' '; 100 << 20]);
    s.route(
        &pages[5],
        vec![Reply::html(bomb).header("Content-Encoding", "gzip")],
    );
    for i in 0..30 {
        s.route(
            &format!("/r/{i}"),
            vec![Reply::redirect(302, &format!("/r/{}", i + 1))],
        );
    }
    s.route(&pages[6], vec![Reply::redirect(301, "/r/0")]);
    s.route(&pages[7], vec![Reply::html(vec![b'a'; 50 << 20])]);
    // A second, healthy source and one whose host does not resolve.
    s.route(
        "/other.xml",
        vec![Reply::xml(rss_items(
            &s,
            &["/news/other-healthy-source-story".into()],
        ))],
    );
    s.route(
        "/news/other-healthy-source-story",
        vec![Reply::html(article_html("Other", "Also stored."))],
    );
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config_text(
        &s,
        &[
            ("faults", "/feed.xml", "feed"),
            ("other", "/other.xml", "feed"),
        ],
    )
    .replace("total_timeout_secs = 10", "total_timeout_secs = 3")
    .replace("[settings]\n", "[settings]\nmax_body_bytes = 2000000\n");
    cfg.push_str("[[source]]\nname = \"nowhere\"\nurl = \"http://no-such-host.invalid/feed.xml\"\nkind = \"feed\"\n");
    let started = Instant::now();
    let (store, summary) = crawl(dir.path(), &cfg).await;
    let took = started.elapsed();
    assert!(took < Duration::from_secs(40), "bounded time: {took:?}");
    assert_eq!(summary.counts.new_articles, 2, "{summary:?}");
    assert_eq!(summary.counts.sources_failed, 1);
    assert!(error_for(&store, "storm-of-server-errors").contains("HTTP 503"));
    assert!(!error_for(&store, "connection-reset").is_empty());
    assert!(error_for(&store, "dripping").contains("timed out"));
    assert!(!error_for(&store, "truncated-gzip").is_empty());
    assert!(error_for(&store, "gzip-bomb").contains("larger than"));
    assert!(error_for(&store, "endless-redirect").contains("redirects"));
    assert!(error_for(&store, "fifty-megabyte").contains("larger than"));
    assert!(error_for(&store, "no-such-host.invalid").contains("DNS"));
    // Retries were bounded: 1 try + max_retries (2).
    assert_eq!(s.hits(&pages[1]), 3);
}

#[tokio::test]
async fn a_feed_with_ten_thousand_entries_is_read_and_capped_per_pass() {
    let s = TestServer::start();
    let paths: Vec<String> = (0..10_000)
        .map(|i| format!("/news/story-number-{i}-of-the-big-feed"))
        .collect();
    s.route("/big.xml", vec![Reply::xml(rss_items(&s, &paths))]);
    for p in paths.iter().take(10_000) {
        s.route(p, vec![Reply::html(article_html(p, "Body."))]);
    }
    let dir = tempfile::tempdir().unwrap();
    let cfg = config_text(&s, &[("big", "/big.xml", "feed")])
        .replace("[settings]\n", "[settings]\nmax_articles_per_source = 50\n");
    let started = Instant::now();
    let (store, summary) = crawl(dir.path(), &cfg).await;
    assert_eq!(summary.counts.new_articles, 50);
    assert!(started.elapsed() < Duration::from_secs(30));
    let items: i64 = store
        .conn()
        .query_row("SELECT last_item_count FROM source_state", [], |r| r.get(0))
        .unwrap();
    assert_eq!(items, 10_000);
}

#[tokio::test]
async fn hostile_markup_and_encodings_never_stop_the_crawl() {
    let s = TestServer::start();
    let deep = format!(
        "<html><body>{}<p>deep text</p></body></html>",
        "<div>".repeat(10_000)
    );
    let nul = b"<html><body><p>null\0bytes\0inside the ICE story text that goes on for a while.</p></body></html>".to_vec();
    let attr = format!("<html><body><p title=\"{}\">huge attribute story with enough words to count.</p></body></html>", "x".repeat(2_000_000));
    let invalid_utf8 = [b"<html><meta charset=\"utf-8\"><body><p>bad \xff\xfe\xc3 bytes in the story about ICE agents.</p>".as_slice(), &[0xed, 0xa0, 0x80]].concat();
    let wrong_charset = "<html><meta charset=\"shift_jis\"><body><p>café story about the border wall and agents.</p></body></html>";
    let cases: Vec<(String, Vec<u8>)> = vec![
        ("/news/ten-thousand-deep-nesting".into(), deep.into_bytes()),
        ("/news/nul-bytes-in-the-page".into(), nul),
        (
            "/news/enormous-attribute-value-page".into(),
            attr.into_bytes(),
        ),
        ("/news/invalid-utf8-bytes-page".into(), invalid_utf8),
        (
            "/news/wrong-charset-declared-page".into(),
            wrong_charset.as_bytes().to_vec(),
        ),
        (
            "/news/binary-garbage-not-html".into(),
            (0..=255u8).cycle().take(100_000).collect(),
        ),
        ("/news/empty-body-page-here".into(), Vec::new()),
    ];
    let paths: Vec<String> = cases.iter().map(|c| c.0.clone()).collect();
    s.route("/feed.xml", vec![Reply::xml(rss_items(&s, &paths))]);
    for (p, body) in cases {
        s.route(&p, vec![Reply::new(200, "text/html", body)]);
    }
    s.route(
        "/malformed.xml",
        vec![Reply::xml(
            "<?xml version=\"1.0\"?><rss><channel><item><title>x</titl></item>",
        )],
    );
    s.route(
        "/nested.xml",
        vec![Reply::xml(format!(
            "<rss>{}</rss>",
            "<channel>".repeat(10_000)
        ))],
    );
    s.route(
        "/garbage-sitemap.xml",
        vec![Reply::xml(vec![0xffu8; 10_000])],
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = config_text(
        &s,
        &[
            ("f", "/feed.xml", "feed"),
            ("m", "/malformed.xml", "feed"),
            ("n", "/nested.xml", "feed"),
            ("g", "/garbage-sitemap.xml", "sitemap"),
        ],
    );
    let (store, summary) = crawl(dir.path(), &cfg).await;
    assert_eq!(summary.counts.sources_failed, 3, "{summary:?}");
    assert_eq!(
        summary.counts.new_articles, 7,
        "every hostile page is stored, none crashes: {summary:?}"
    );
    let text: String = store
        .conn()
        .query_row(
            "SELECT text FROM articles WHERE canonical_url LIKE '%invalid-utf8%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(text.contains("ICE agents"), "{text}");
}

#[tokio::test]
async fn ssrf_guard_refuses_private_targets_in_entries_and_redirects() {
    let s = TestServer::start();
    let port = s.port;
    let targets = [
        "http://169.254.169.254/latest/meta-data/iam".to_string(),
        "http://10.0.0.1/internal-admin-page".to_string(),
        "http://[::1]/loopback-v6-page".to_string(),
        format!("http://localhost:{port}/news/localhost-by-name-page"),
        "http://0.0.0.0/unspecified-address-page".to_string(),
    ];
    let mut items: String = targets
        .iter()
        .map(|t| format!("<item><title>x</title><link>{t}</link></item>"))
        .collect();
    items.push_str(&format!(
        "<item><title>r</title><link>{}</link></item>",
        s.url("/news/redirects-to-a-private-address")
    ));
    s.route(
        "/feed.xml",
        vec![Reply::xml(format!(
            "<rss version=\"2.0\"><channel>{items}</channel></rss>"
        ))],
    );
    s.route(
        "/news/redirects-to-a-private-address",
        vec![Reply::redirect(302, "http://192.168.1.1/router")],
    );
    s.route(
        "/news/localhost-by-name-page",
        vec![Reply::html(article_html("L", "Should never be fetched."))],
    );
    let dir = tempfile::tempdir().unwrap();
    let (store, summary) = crawl(dir.path(), &config_text(&s, &[("f", "/feed.xml", "feed")])).await;
    assert_eq!(summary.counts.new_articles, 0);
    for t in [
        "169.254.169.254",
        "10.0.0.1",
        "[::1]",
        "localhost",
        "0.0.0.0",
        "redirects-to-a-private",
    ] {
        let e = error_for(&store, t);
        assert!(e.contains("refused"), "{t}: {e}");
    }
    assert_eq!(s.hits("/news/localhost-by-name-page"), 0);
}
