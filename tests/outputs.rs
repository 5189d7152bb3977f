//! Digest, Atom feeds, exports and search over fixture databases (issue 5).

mod support;

use beatwatch::outputs::digest;
use beatwatch::outputs::query::StoryFilter;
use beatwatch::outputs::render::{render, Format};
use beatwatch::store::{ArticleRecord, Store, StoredArticle, TagRecord};
use chrono::{TimeZone, Utc};

const WIRE: &str = "Federal immigration agents arrested more than 40 people on Tuesday in a series of raids across \
    Denver, officials said. The operation targeted people with prior removal orders, according to a statement \
    from the agency. Advocates said families were left without support and that children did not go to school \
    the following morning. The mayor criticized the operation and said the city would not help.";

struct Fixture {
    dir: tempfile::TempDir,
    store: Store,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("beatwatch.db")).unwrap();
        Fixture { dir, store }
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &self,
        url: &str,
        outlet: &str,
        title: &str,
        text: &str,
        day: u32,
        relevant: bool,
        themes: &[&str],
        cities: &[(&str, &str)],
        states: &[&str],
    ) -> i64 {
        let rec = ArticleRecord {
            urls: vec![url.to_string()],
            canonical_url: url.to_string(),
            outlet: Some(outlet.to_string()),
            feed_title: Some(title.to_string()),
            feed_published_at: Some(Utc.with_ymd_and_hms(2025, 6, day, 12, 0, 0).unwrap()),
            http_status: 200,
            body_hash: format!("hash-{url}"),
            extracted: Some(beatwatch_extract::Article {
                title: Some(title.to_string()),
                text: text.to_string(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let StoredArticle::Inserted(id) = self.store.insert_article(&rec).unwrap() else {
            panic!("not inserted")
        };
        let tags = TagRecord {
            model_version: "test-model".into(),
            relevant,
            relevance_score: if relevant { 0.93 } else { 0.1 },
            themes: themes.iter().map(|t| (t.to_string(), 0.8)).collect(),
            cities: cities
                .iter()
                .map(|(n, s)| (n.to_string(), s.to_string(), Some(1), 0.9))
                .collect(),
            states: states.iter().map(|s| (s.to_string(), 0.9)).collect(),
        };
        self.store.save_tags(id, &tags).unwrap();
        id
    }

    fn standard() -> Fixture {
        let f = Fixture::new();
        f.add(
            "https://a.example/denver-raids",
            "Outlet A",
            "ICE raids in Denver",
            WIRE,
            3,
            true,
            &["arrests-raids"],
            &[("Denver", "CO")],
            &["CO"],
        );
        f.add(
            "https://b.example/ap-denver",
            "Outlet B",
            "Agents arrest 40 in Denver raids",
            &format!("DENVER (AP) — {WIRE}"),
            3,
            true,
            &["arrests-raids"],
            &[("Denver", "CO")],
            &["CO"],
        );
        f.add("https://c.example/texas-law", "Outlet C", "Texas law on ICE cooperation takes effect", "Texas began enforcing a state law that requires sheriffs to honor detainers. Sheriffs said they were ready. Critics sued.", 3, true, &["sanctuary-cooperation"], &[], &["TX"]);
        f.add("https://d.example/congress", "Outlet D", "Congress fights over ICE budget", "Lawmakers clashed over funding for immigration detention. The bill stalled. Talks go on.", 3, true, &["policy-politics", "detention"], &[], &[]);
        f.add(
            "https://e.example/ice-storm",
            "Outlet E",
            "Ice storm closes schools",
            "An ice storm closed schools across the region on Tuesday. Roads were slick.",
            3,
            false,
            &[],
            &[],
            &[],
        );
        f.add(
            "https://f.example/old",
            "Outlet F",
            "Older deportation story",
            "A deportation flight left on Monday. It carried 100 people.",
            1,
            true,
            &["deportation"],
            &[("Phoenix", "AZ")],
            &["AZ"],
        );
        f
    }
}

fn day(d: u32) -> (chrono::DateTime<Utc>, chrono::DateTime<Utc>) {
    (
        Utc.with_ymd_and_hms(2025, 6, d, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2025, 6, d + 1, 0, 0, 0).unwrap(),
    )
}

#[test]
fn digest_groups_by_city_then_state_then_national_and_folds_wire_copies() {
    let f = Fixture::standard();
    let (from, to) = day(3);
    let d = digest::build(&f.store, from, to).unwrap();
    assert_eq!(
        (d.articles, d.stories),
        (4, 3),
        "ice storm excluded, wire copy folded"
    );
    let headings: Vec<String> = d.sections.iter().map(|s| s.place.heading()).collect();
    assert_eq!(headings, ["Denver, CO", "TX (statewide)", "National"]);
    let denver = &d.sections[0].entries;
    assert_eq!(denver.len(), 1);
    assert_eq!(denver[0].also_in.len(), 1);
    let md = render(&d, Format::Md);
    assert!(md.contains("also in: Outlet B"), "{md}");
    assert!(
        md.contains("arrests-raids") && md.contains("\\[high\\]"),
        "{md}"
    );
    assert!(md.contains("By city: Denver, CO"), "{md}");
    assert!(md.contains("Federal immigration agents arrested more than 40 people on Tuesday in a series of raids across Denver, officials said. The operation"), "two-sentence lead: {md}");
    let txt = render(&d, Format::Txt);
    assert!(txt.contains("DENVER, CO") && txt.contains("https://a.example/denver-raids"));
    // A second digest of the same day knows nothing is new.
    digest::record(&f.store, &d, "md").unwrap();
    let again = digest::build(&f.store, from, to).unwrap();
    assert_eq!(again.new_since_previous.as_ref().map(|x| x.0), Some(0));
}

#[test]
fn html_digest_escapes_hostile_fields_and_is_self_contained() {
    let f = Fixture::new();
    f.add(
        "https://x.example/a?q=<script>",
        "Evil <b>Outlet</b>",
        "<script>alert('x')</script> & \"ICE\" <img src=x onerror=alert(1)>",
        "<iframe src=javascript:alert(1)></iframe> Agents detained people. Then more.",
        3,
        true,
        &["detention\"><script>"],
        &[("<Denver>", "CO")],
        &["CO"],
    );
    let (from, to) = day(3);
    let html = render(&digest::build(&f.store, from, to).unwrap(), Format::Html);
    for bad in ["<script", "<img", "<iframe", "<b>", "onerror=alert(1)>"] {
        assert!(!html.contains(bad), "{bad} leaked: {html}");
    }
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;ICE&quot;"));
    assert!(!html.contains("http://") || html.contains("https://x.example"));
    assert!(
        !html.contains("<link") && !html.contains("<img") && !html.contains("<style"),
        "no remote resources"
    );
}

#[test]
fn an_empty_day_says_so() {
    let f = Fixture::standard();
    let (from, to) = day(20);
    let d = digest::build(&f.store, from, to).unwrap();
    assert!(d.is_empty());
    for format in [Format::Md, Format::Txt, Format::Html] {
        assert!(
            render(&d, format).contains("No immigration-enforcement stories from 2025-06-20"),
            "{format:?}"
        );
    }
}

#[test]
fn atom_feeds_parse_back_with_feed_rs() {
    let f = Fixture::standard();
    let filter = StoryFilter {
        city: Some(("Denver".into(), "CO".into())),
        relevant_only: true,
        ..Default::default()
    };
    let xml = beatwatch::outputs::atom::atom_feed(
        &f.store,
        &filter,
        "Denver & <co>",
        "urn:beatwatch:feed:denver",
        50,
    )
    .unwrap();
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("valid Atom");
    assert_eq!(feed.title.unwrap().content, "Denver & <co>");
    assert_eq!(feed.entries.len(), 2);
    assert!(feed
        .entries
        .iter()
        .all(|e| e.links[0].href.contains("denver") || e.links[0].href.contains("ap-denver")));
    let theme = StoryFilter {
        theme: Some("detention".into()),
        relevant_only: true,
        ..Default::default()
    };
    let xml =
        beatwatch::outputs::atom::atom_feed(&f.store, &theme, "detention", "urn:x", 50).unwrap();
    let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(
        feed.entries[0].title.as_ref().unwrap().content,
        "Congress fights over ICE budget"
    );
}

#[test]
fn export_filters_and_round_trips_in_three_formats() {
    use beatwatch::outputs::export::{export, ExportFormat};
    let f = Fixture::standard();
    f.add(
        "https://g.example/formula",
        "Outlet G",
        "=HYPERLINK(\"http://evil\")",
        "-2+3 @SUM(A1) ICE detained people. More.",
        2,
        true,
        &["detention"],
        &[],
        &[],
    );
    let relevant = StoryFilter {
        relevant_only: true,
        ..Default::default()
    };
    let p = f.dir.path();
    assert_eq!(
        export(
            &f.store,
            &relevant,
            ExportFormat::Jsonl,
            &p.join("a.jsonl"),
            true,
            false
        )
        .unwrap(),
        6
    );
    let rows: Vec<serde_json::Value> = std::fs::read_to_string(p.join("a.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0]["schema_version"], 1);
    assert_eq!(rows[0]["cities"][0]["name"], "Denver");
    assert_eq!(rows[0]["model_version"], "test-model");
    assert!(rows[0]["text"]
        .as_str()
        .unwrap()
        .contains("Federal immigration agents"));
    assert!(rows[0]["content_hash"].is_string() && rows[0]["fetched_at"].is_string());
    // Filters.
    let denver = StoryFilter {
        city: Some(("denver".into(), "co".into())),
        ..Default::default()
    };
    assert_eq!(
        export(
            &f.store,
            &denver,
            ExportFormat::Jsonl,
            &p.join("d.jsonl"),
            false,
            false
        )
        .unwrap(),
        2
    );
    let (from, to) = day(1);
    let dated = StoryFilter {
        from: Some(from),
        to: Some(to),
        ..Default::default()
    };
    assert_eq!(
        export(
            &f.store,
            &dated,
            ExportFormat::Jsonl,
            &p.join("o.jsonl"),
            false,
            false
        )
        .unwrap(),
        1
    );
    let themed = StoryFilter {
        theme: Some("detention".into()),
        state: None,
        min_score: Some(0.9),
        ..Default::default()
    };
    assert_eq!(
        export(
            &f.store,
            &themed,
            ExportFormat::Jsonl,
            &p.join("t.jsonl"),
            false,
            false
        )
        .unwrap(),
        2
    );
    let tx = StoryFilter {
        state: Some("TX".into()),
        ..Default::default()
    };
    assert_eq!(
        export(
            &f.store,
            &tx,
            ExportFormat::Jsonl,
            &p.join("tx.jsonl"),
            false,
            false
        )
        .unwrap(),
        1
    );
    // CSV: formula cells neutralized, text column only with --with-text.
    export(
        &f.store,
        &relevant,
        ExportFormat::Csv,
        &p.join("a.csv"),
        false,
        false,
    )
    .unwrap();
    let mut rdr = csv::Reader::from_path(p.join("a.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    assert!(!headers.iter().any(|h| h == "text"));
    let title_col = headers.iter().position(|h| h == "title").unwrap();
    let titles: Vec<String> = rdr
        .records()
        .map(|r| r.unwrap()[title_col].to_string())
        .collect();
    assert!(
        titles.contains(&"'=HYPERLINK(\"http://evil\")".to_string()),
        "{titles:?}"
    );
    // Parquet read back with the parquet crate.
    export(
        &f.store,
        &relevant,
        ExportFormat::Parquet,
        &p.join("a.parquet"),
        true,
        false,
    )
    .unwrap();
    let file = std::fs::File::open(p.join("a.parquet")).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let mut n = 0;
    for batch in reader {
        let batch = batch.unwrap();
        n += batch.num_rows();
        assert!(batch.schema().field_with_name("relevance_score").is_ok());
        assert!(batch.schema().field_with_name("text").is_ok());
    }
    assert_eq!(n, 6);
    // Never overwrite without --force.
    let err = export(
        &f.store,
        &relevant,
        ExportFormat::Csv,
        &p.join("a.csv"),
        false,
        false,
    )
    .unwrap_err();
    assert!(err.to_string().contains("--force"));
    assert!(export(
        &f.store,
        &relevant,
        ExportFormat::Csv,
        &p.join("a.csv"),
        false,
        true
    )
    .is_ok());
    // The CLI path, too.
    let out = support::beatwatch_cmd(p)
        .args(["export", "--format", "jsonl", "--out", "a.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
}

#[test]
fn fts_search_supports_phrases_boolean_and_prefix_with_filters() {
    let f = Fixture::standard();
    let s = |q: &str, filter: &StoryFilter| -> Vec<String> {
        beatwatch::outputs::search::search(&f.store, q, filter, 20)
            .unwrap()
            .into_iter()
            .map(|h| h.story.canonical_url)
            .collect()
    };
    let all = StoryFilter::default();
    assert_eq!(s("\"ice storm\"", &all), ["https://e.example/ice-storm"]);
    assert_eq!(s("deportation AND flight", &all), ["https://f.example/old"]);
    assert_eq!(s("detainers OR \"deportation flight\"", &all).len(), 2);
    assert!(s("sherif*", &all).contains(&"https://c.example/texas-law".to_string()));
    let relevant = StoryFilter {
        relevant_only: true,
        ..Default::default()
    };
    assert!(s("storm", &relevant).is_empty());
    let hits = beatwatch::outputs::search::search(&f.store, "Denver", &all, 20).unwrap();
    assert_eq!(hits.len(), 2);
    assert!(hits[0].snippet.contains("[Denver]"), "{}", hits[0].snippet);
    assert!(beatwatch::outputs::search::search(&f.store, "\"unbalanced", &all, 20).is_err());
}

#[test]
fn digest_cli_writes_files_refuses_overwrite_and_emails() {
    let f = Fixture::standard();
    let smtp = support::smtp::FakeSmtp::start();
    let p = f.dir.path();
    support::run_ok(
        support::beatwatch_cmd(p)
            .args([
                "digest",
                "--date",
                "2025-06-03",
                "--format",
                "html",
                "--out",
                "d.html",
                "--email",
            ])
            .env("BEATWATCH_SMTP_HOST", "127.0.0.1")
            .env("BEATWATCH_SMTP_PORT", smtp.port.to_string())
            .env("BEATWATCH_SMTP_STARTTLS", "false")
            .env("BEATWATCH_MAIL_FROM", "beatwatch@example.org")
            .env("BEATWATCH_MAIL_TO", "desk@example.org"),
    );
    assert!(std::fs::read_to_string(p.join("d.html"))
        .unwrap()
        .contains("Denver, CO"));
    let mail = smtp.received();
    assert!(
        mail.contains("desk@example.org")
            && mail.contains("text/html")
            && mail.contains("text/plain"),
        "{mail}"
    );
    let again = support::beatwatch_cmd(p)
        .args(["digest", "--date", "2025-06-03", "--out", "d.html"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    let empty = support::beatwatch_cmd(p)
        .args(["digest", "--date", "2025-06-21", "--format", "txt"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&empty.stdout).contains("No immigration-enforcement stories"));
}
