//! Test support: an in-process HTTP/1.1 server on 127.0.0.1 that serves
//! fixtures and plays the hostile web, and helpers to build configs.

#![allow(dead_code, unused_imports)]

pub mod server;
pub mod smtp;

use std::path::{Path, PathBuf};

pub use server::{Reply, TestServer};

/// A feeds.toml for the test server: 127.0.0.1 allowed, no politeness delay, quick retries.
pub fn config_text(server: &TestServer, sources: &[(&str, &str, &str)]) -> String {
    let mut s = String::from(
        "[settings]\nuser_agent = \"beatwatch-test/0.1 (+https://example.org/bot)\"\nconcurrency = 8\n\
         per_host_concurrency = 4\nper_host_delay_ms = 0\nallow_hosts = [\"127.0.0.1\"]\n\
         max_retries = 2\nmax_retry_after_secs = 2\ntotal_timeout_secs = 10\nread_timeout_secs = 5\n\n",
    );
    for (name, path, kind) in sources {
        s.push_str(&format!(
            "[[source]]\nname = \"{name}\"\nurl = \"{}\"\nkind = \"{kind}\"\n\n",
            server.url(path)
        ));
    }
    s
}

/// Writes `text` to `dir/feeds.toml` and returns the path.
pub fn write_config(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("feeds.toml");
    std::fs::write(&p, text).unwrap();
    p
}

/// The shared data folder beside the repository, if present.
pub fn shared_dir() -> Option<PathBuf> {
    let p = std::env::var_os("BEATWATCH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    p.is_dir().then_some(p)
}

/// A plain article page with enough paragraphs to be extracted.
pub fn article_html(title: &str, body: &str) -> String {
    let paras: String = (0..4)
        .map(|i| format!("<p>{body} Paragraph {i} adds reporting detail about the case and what officials said about it.</p>"))
        .collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>{paras}</article>\
         <footer>Copyright</footer></body></html>"
    )
}

/// The real binary, run in `dir`, with the environment's beatwatch settings cleared and
/// the repository's models.
pub fn beatwatch_cmd(dir: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_beatwatch"));
    c.current_dir(dir)
        .env_remove("BEATWATCH_DB")
        .env_remove("BEATWATCH_FEEDS")
        .env(
            "BEATWATCH_MODELS",
            concat!(env!("CARGO_MANIFEST_DIR"), "/models"),
        );
    c
}

/// Runs `cmd` and asserts that it succeeded, showing its stderr if not.
pub fn run_ok(cmd: &mut std::process::Command) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Parses JSON Lines output.
pub fn json_lines(bytes: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}
