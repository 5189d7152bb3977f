//! End-to-end crawl benchmark (issue 7): a local web on 127.0.0.1 serving N feeds
//! that link M article pages built from the real pages in ../shared/extraction/dev
//! (each served under many URLs with a unique marker, so every body is new), a full
//! `crawl` with no politeness delay for that host, then a second pass over the same web.
//!
//! Run: `cargo bench --bench crawl` (both sizes), or
//!      `cargo bench --bench crawl -- --sizes 20x1000` for a quick look.
//! The server and each crawl run in separate processes, so peak RSS and CPU are the
//! crawler's own.

#[path = "../tests/support/server.rs"]
#[allow(dead_code)]
mod server;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use beatwatch::config::Config;
use beatwatch::crawl::{metrics, run_pass, PassOptions};
use beatwatch::store::Store;
use server::{Reply, TestServer};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("run") => run(&args[1..]),
        _ => orchestrate(&args),
    }
}

fn arg<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

/// Pages to serve: the shared benchmark pages, or generated ones when ../shared is absent.
fn load_pages() -> Vec<String> {
    let dir = std::env::var_os("BEATWATCH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("extraction/dev");
    let mut pages = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut dirs: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        dirs.sort();
        for d in dirs {
            if let Ok(bytes) = std::fs::read(d.join("page.html")) {
                pages.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    if pages.is_empty() {
        eprintln!("note: {} not found; serving generated pages", dir.display());
        for i in 0..50 {
            let paras: String = (0..30).map(|j| format!("<p>Paragraph {j} of generated story {i}, with enough words to read as text.</p>")).collect();
            pages.push(format!("<html><head><title>Story {i}</title></head><body><nav>menu</nav><article>{paras}</article></body></html>"));
        }
    }
    pages
}

fn serve(args: &[String]) {
    let feeds: usize = arg(args, "--feeds").unwrap_or(100);
    let articles: usize = arg(args, "--articles").unwrap_or(5000);
    let pages = Arc::new(load_pages());
    let s = TestServer::start();
    let port = s.port;
    s.set_fallback(Arc::new(move |path: &str| {
        if let Some(k) = path.strip_prefix("/feed/").and_then(|p| p.strip_suffix(".xml")).and_then(|k| k.parse::<usize>().ok()) {
            let items: String = (k..articles)
                .step_by(feeds)
                .map(|i| format!("<item><title>Story {i}</title><link>http://127.0.0.1:{port}/news/{i}/story-{i}</link></item>"))
                .collect();
            return Some(Reply::xml(format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>f{k}</title>{items}</channel></rss>")).with_etag("\"v1\""));
        }
        let i: usize = path.strip_prefix("/news/")?.split('/').next()?.parse().ok()?;
        let page = &pages[i % pages.len()];
        // A unique marker makes every served body distinct, as real articles are.
        let body = format!("{page}\n<!-- beatwatch-bench article {i} -->\n");
        Some(Reply::html(body).with_etag(&format!("\"a{i}\"")))
    }));
    println!("{port}");
    loop {
        std::thread::park();
    }
}

fn run(args: &[String]) {
    let port: u16 = arg(args, "--port").expect("--port");
    let feeds: usize = arg(args, "--feeds").unwrap_or(100);
    let db: PathBuf = arg::<String>(args, "--db")
        .map(PathBuf::from)
        .expect("--db");
    let mut cfg = String::from(
        "[settings]\nuser_agent = \"beatwatch-bench/0.1 (+https://example.org/bench)\"\nconcurrency = 64\n\
         per_host_concurrency = 64\nper_host_delay_ms = 0\nallow_hosts = [\"127.0.0.1\"]\n\
         max_articles_per_source = 100000\nhost_delay_ms = { \"127.0.0.1\" = 0 }\n\n",
    );
    for k in 0..feeds {
        cfg.push_str(&format!("[[source]]\nname = \"feed {k}\"\nurl = \"http://127.0.0.1:{port}/feed/{k}.xml\"\nkind = \"feed\"\n\n"));
    }
    let config = Config::parse(Path::new("bench.toml"), &cfg).unwrap();
    let store = Store::open(&db).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let cpu0 = metrics::process_usage().0;
    let started = Instant::now();
    let summary = rt
        .block_on(run_pass(
            &config,
            &store,
            &PassOptions {
                all_sources: true,
                progress: false,
                classifier: Some(Arc::new(
                    beatwatch::classify::ClassifyStage::load(Path::new(concat!(
                        env!("CARGO_MANIFEST_DIR"),
                        "/models"
                    )))
                    .unwrap(),
                )),
            },
        ))
        .unwrap();
    let wall = started.elapsed().as_secs_f64();
    let (cpu, rss) = metrics::process_usage();
    let stages = metrics::stage_seconds();
    let (articles, html, stored): (i64, i64, i64) = store
        .conn()
        .query_row("SELECT COUNT(*), COALESCE(SUM(html_bytes),0), COALESCE(SUM(length(html_zstd)),0) FROM articles", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let db_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "{}",
        serde_json::json!({
            "wall": wall, "new": summary.counts.new_articles, "errors": summary.counts.errors, "cpu": cpu - cpu0,
            "feed_parse": stages[0], "extract": stages[1], "classify": stages[2], "store": stages[3],
            "rss": rss, "articles": articles, "html_bytes": html, "stored_bytes": stored, "db_bytes": db_bytes,
        })
    );
}

fn orchestrate(args: &[String]) {
    let sizes: Vec<(usize, usize)> = match arg::<String>(args, "--sizes") {
        Some(list) => list
            .split(',')
            .filter_map(|s| s.split_once('x'))
            .map(|(a, b)| (a.parse().unwrap(), b.parse().unwrap()))
            .collect(),
        None => vec![(100, 5_000), (1_000, 50_000)],
    };
    let exe = std::env::current_exe().unwrap();
    let mut results = Vec::new();
    for (feeds, articles) in sizes {
        let mut server = Command::new(&exe)
            .args([
                "serve",
                "--feeds",
                &feeds.to_string(),
                "--articles",
                &articles.to_string(),
            ])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(server.stdout.as_mut().unwrap()),
            &mut line,
        )
        .unwrap();
        let port = line.trim().to_string();
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("bench.db");
        let pass = |label: &str| -> serde_json::Value {
            let out = Command::new(&exe)
                .args([
                    "run",
                    "--port",
                    &port,
                    "--feeds",
                    &feeds.to_string(),
                    "--db",
                    db.to_str().unwrap(),
                ])
                .output()
                .unwrap();
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
                panic!("{label} failed: {}", String::from_utf8_lossy(&out.stderr))
            });
            v
        };
        let first = pass("first pass");
        let second = pass("second pass");
        let _ = server.kill();
        let _ = server.wait();
        report(feeds, articles, &first, &second);
        results.push((articles, first));
    }
    if results.len() == 2 {
        let (m0, a) = &results[0];
        let (m1, b) = &results[1];
        let f = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap_or(0.0);
        println!("\nscaling {}x articles: wall time x{:.2}, CPU x{:.2}, peak RSS x{:.2}, DB bytes/article x{:.2}",
            m1 / m0, f(b, "wall") / f(a, "wall"), f(b, "cpu") / f(a, "cpu"), f(b, "rss") / f(a, "rss"),
            (f(b, "db_bytes") / f(b, "articles")) / (f(a, "db_bytes") / f(a, "articles")));
    }
}

fn report(feeds: usize, articles: usize, first: &serde_json::Value, second: &serde_json::Value) {
    let f = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap_or(0.0);
    let n = f(first, "new").max(1.0);
    let per_k = |k: &str| f(first, k) / n * 1000.0;
    let stages_sum =
        f(first, "feed_parse") + f(first, "extract") + f(first, "classify") + f(first, "store");
    let fetch = (f(first, "cpu") - stages_sum).max(0.0) / n * 1000.0;
    println!("\n== N={feeds} feeds, M={articles} articles ==");
    println!(
        "first pass: {:.0} new articles in {:.1} s = {:.0} articles/s end to end ({} errors)",
        f(first, "new"),
        f(first, "wall"),
        f(first, "new") / f(first, "wall"),
        f(first, "errors")
    );
    println!("CPU s per 1,000 articles: total {:.2} = fetch {:.2} + feed parse {:.2} + extract {:.2} + classify {:.2} + store {:.2}",
        f(first, "cpu") / n * 1000.0, fetch, per_k("feed_parse"), per_k("extract"), per_k("classify"), per_k("store"));
    println!("peak RSS {:.0} MB; database {:.1} KB per article; raw HTML stored at {:.1}% of page bytes ({:.0} MB -> {:.0} MB)",
        f(first, "rss") / 1e6, f(first, "db_bytes") / f(first, "articles").max(1.0) / 1e3,
        100.0 * f(first, "stored_bytes") / f(first, "html_bytes").max(1.0), f(first, "html_bytes") / 1e6, f(first, "stored_bytes") / 1e6);
    println!(
        "second pass: {} new articles in {:.2} s ({:.1}x faster than the first)",
        f(second, "new"),
        f(second, "wall"),
        f(first, "wall") / f(second, "wall").max(1e-6)
    );
}
