//! The binary's contract with cron: exit codes, the lock, config errors, summaries.

mod support;

use support::{article_html, config_text, write_config, Reply, TestServer};

#[test]
fn second_concurrent_crawl_exits_with_the_lock_code() {
    let dir = tempfile::tempdir().unwrap();
    let s = TestServer::start();
    write_config(dir.path(), &config_text(&s, &[]));
    let _held = beatwatch::store::DbLock::acquire(&dir.path().join("beatwatch.db")).unwrap();
    let out = support::beatwatch_cmd(dir.path())
        .arg("crawl")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(beatwatch::exit::LOCKED));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one-line message: {err}");
    assert!(err.contains("another beatwatch process"), "{err}");
}

#[test]
fn config_errors_name_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("[settings]\nconcurrency = 4\nuser_agnt = \"x\"\n", 3, "user_agnt"),
        ("[[source]]\nname = \"a\"\nurl = \"https://e.com/rss\"\nkind = \"feed\"\ninterval = \"5 parsecs\"\n", 5, "interval"),
        ("[[source]]\nname = \"a\"\nurl = \"not a url\"\nkind = \"feed\"\n", 3, "url"),
        ("[[source]]\nname = \"a\"\nurl = \"https://e.com/rss\"\nkind = \"podcast\"\n", 4, "kind"),
        ("[settings]\nconcurrency = 0\n", 2, "concurrency"),
    ];
    for (text, line, key) in cases {
        write_config(dir.path(), text);
        let out = support::beatwatch_cmd(dir.path())
            .arg("crawl")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(beatwatch::exit::CONFIG), "{err}");
        assert!(
            err.contains(&format!("feeds.toml:{line}:")),
            "want line {line}: {err}"
        );
        assert!(err.contains(key), "want key {key}: {err}");
    }
}

#[test]
fn crawl_prints_one_summary_line_or_json_and_partial_failures_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let s = TestServer::start();
    s.route("/good.xml", vec![Reply::xml(format!(
        "<rss version=\"2.0\"><channel><item><title>A</title><link>{}</link></item></channel></rss>",
        s.url("/news/a-story-about-the-border-wall")
    ))]);
    s.route(
        "/news/a-story-about-the-border-wall",
        vec![Reply::html(article_html("A", "Wall."))],
    );
    s.route("/gone.xml", vec![Reply::status(410)]);
    write_config(
        dir.path(),
        &config_text(
            &s,
            &[("good", "/good.xml", "feed"), ("gone", "/gone.xml", "feed")],
        ),
    );
    let out = support::beatwatch_cmd(dir.path())
        .args(["crawl", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(beatwatch::exit::PARTIAL),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["new_articles"], 1);
    assert_eq!(v["sources_failed"], 1);
    let out = support::beatwatch_cmd(dir.path())
        .args(["crawl", "--all"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("crawl: 2 sources polled (1 failed, 0 not due), 0 new articles"),
        "{stdout}"
    );
    let quiet = support::beatwatch_cmd(dir.path())
        .args(["crawl", "--all", "--quiet"])
        .output()
        .unwrap();
    assert!(quiet.stdout.is_empty());
    let stats = support::beatwatch_cmd(dir.path())
        .args(["stats", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(v["articles"], 1);
    assert_eq!(v["runs"], 3);
}

#[test]
fn feeds_list_check_and_opml_import() {
    let dir = tempfile::tempdir().unwrap();
    let s = TestServer::start();
    s.route("/rss.xml", vec![Reply::xml(format!(
        "<rss version=\"2.0\"><channel><item><title>A</title><link>{}</link><pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate></item></channel></rss>",
        s.url("/news/a")
    ))]);
    write_config(
        dir.path(),
        &config_text(&s, &[("local rss", "/rss.xml", "feed")]),
    );
    let opml = format!(
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"Border\">\
         <outline text=\"New one\" type=\"rss\" xmlUrl=\"https://news.example/border.rss\"/>\
         <outline text=\"Dup\" type=\"rss\" xmlUrl=\"{}\"/></outline></body></opml>",
        s.url("/rss.xml")
    );
    std::fs::write(dir.path().join("subs.opml"), opml).unwrap();
    let out = support::run_ok(support::beatwatch_cmd(dir.path()).args([
        "feeds",
        "import-opml",
        "subs.opml",
    ]));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 sources added"));
    let list = support::beatwatch_cmd(dir.path())
        .args(["feeds", "list", "--json"])
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = support::json_lines(&list.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["tags"][0], "Border");
    // Only the local feed can be reached; `check` reports both and exits 3.
    let check = support::beatwatch_cmd(dir.path())
        .args(["feeds", "check", "--json"])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = support::json_lines(&check.stdout);
    let local = rows.iter().find(|r| r["name"] == "local rss").unwrap();
    assert_eq!(local["items"], 1);
    assert_eq!(local["newest_item"], "2025-06-03T08:00:00Z");
}
