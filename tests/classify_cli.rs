//! The classifier in the pipeline and on the command line (issue 4), and clear
//! errors for missing or corrupt models (issue 6).

mod support;

use support::{article_html, config_text, write_config, Reply, TestServer};

#[test]
fn crawl_tags_every_new_article_at_ingest_and_retag_follows_the_model() {
    let s = TestServer::start();
    s.route(
        "/rss.xml",
        vec![Reply::xml(format!(
            "<rss version=\"2.0\"><channel><item><title>ICE raids</title><link>{}</link></item>\
         <item><title>Storm</title><link>{}</link></item></channel></rss>",
            s.url("/news/ice-agents-arrest-dozens-in-denver-raids"),
            s.url("/news/ice-storm-closes-schools-across-region")
        ))],
    );
    s.route("/news/ice-agents-arrest-dozens-in-denver-raids", vec![Reply::html(article_html(
        "ICE agents arrest dozens in Denver raids",
        "DENVER — Federal immigration agents arrested dozens of people in Denver on Tuesday in raids targeting immigrants with deportation orders, ICE said.",
    ))]);
    s.route("/news/ice-storm-closes-schools-across-region", vec![Reply::html(article_html(
        "Ice storm closes schools across the region",
        "A winter ice storm coated roads and power lines on Tuesday, and districts closed schools while crews salted highways.",
    ))]);
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), &config_text(&s, &[("rss", "/rss.xml", "feed")]));
    let out = support::beatwatch_cmd(dir.path())
        .arg("crawl")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conn = rusqlite::Connection::open(dir.path().join("beatwatch.db")).unwrap();
    let tagged: Vec<(String, bool, String)> = conn
        .prepare("SELECT a.canonical_url, t.relevant, t.model_version FROM articles a JOIN tags t ON t.article_id = a.id ORDER BY a.id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(tagged.len(), 2, "both articles tagged at ingest");
    let raid = tagged
        .iter()
        .find(|t| t.0.contains("denver-raids"))
        .unwrap();
    let storm = tagged.iter().find(|t| t.0.contains("ice-storm")).unwrap();
    assert!(raid.1, "the raid story is relevant");
    assert!(!storm.1, "the ice storm is not");
    assert!(raid.2.starts_with("clf-"));
    // Retag: a stale model version is replaced; nothing else changes.
    conn.execute("UPDATE tags SET model_version = 'old-model'", [])
        .unwrap();
    let out = support::run_ok(support::beatwatch_cmd(dir.path()).arg("retag"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("retag: 2 articles"));
    let stale: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM tags WHERE model_version = 'old-model'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stale, 0);
}

#[test]
fn missing_or_corrupt_models_give_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let s = TestServer::start();
    write_config(dir.path(), &config_text(&s, &[]));
    let missing = support::beatwatch_cmd(dir.path())
        .args(["crawl", "--models", "no-such-models"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(beatwatch::exit::CONFIG));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(
        err.contains("no-such-models") && err.contains("classifier"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
    // A corrupt model file.
    let models = dir.path().join("models");
    std::fs::create_dir_all(models.join("classifier")).unwrap();
    std::fs::write(models.join("classifier/model.json"), b"{ not a model").unwrap();
    let corrupt = support::beatwatch_cmd(dir.path())
        .args(["crawl", "--models", "models"])
        .output()
        .unwrap();
    assert_eq!(corrupt.status.code(), Some(beatwatch::exit::CONFIG));
    let err = String::from_utf8_lossy(&corrupt.stderr);
    assert!(
        err.contains("model.json") && !err.contains("panicked"),
        "{err}"
    );
    // --no-classify crawls without models.
    let ok = support::beatwatch_cmd(dir.path())
        .args(["crawl", "--models", "no-such-models", "--no-classify"])
        .output()
        .unwrap();
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[test]
fn classify_prints_one_json_line_per_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("in.jsonl"),
        "{\"id\":\"x1\",\"title\":\"Border Patrol apprehensions rise in El Paso\",\"text\":\"EL PASO, Texas — Border Patrol agents apprehended more migrants near El Paso this month, CBP said.\"}\n\
         {\"id\":\"x2\",\"title\":\"Hockey team wins\",\"text\":\"The home team won on the ice last night.\"}\n",
    )
    .unwrap();
    let out = support::run_ok(
        support::beatwatch_cmd(dir.path()).args(["classify", "--input", "in.jsonl"]),
    );
    let rows: Vec<serde_json::Value> = support::json_lines(&out.stdout);
    assert_eq!(rows.len(), 2);
    for key in [
        "id",
        "relevant",
        "relevance_score",
        "themes",
        "cities",
        "states",
        "model",
    ] {
        assert!(rows[0].get(key).is_some(), "{key}");
    }
    assert_eq!(rows[0]["id"], "x1");
    assert_eq!(rows[0]["relevant"], true);
    assert_eq!(rows[1]["relevant"], false);
}

#[test]
fn training_options_are_checked_before_anything_runs() {
    let dir = tempfile::tempdir().unwrap();
    let out = support::beatwatch_cmd(dir.path())
        .args([
            "train",
            "--corpus",
            "none.jsonl",
            "--options",
            r#"{"theme_alpha":[0.1]}"#,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown field `theme_alpha`"), "{err}");
}
