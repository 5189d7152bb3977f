//! Tuning aid: prints the body subtrees the extractor picks for each page
//! given, or with `--json` the extracted article (metadata and text).
//!
//! `cargo run --release -p beatwatch-extract --bin explain-extract -- [--json] PAGE.html...`
fn main() {
    let mut json = false;
    for p in std::env::args().skip(1) {
        if p == "--json" {
            json = true;
            continue;
        }
        let html = String::from_utf8_lossy(&std::fs::read(&p).unwrap_or_default()).into_owned();
        if json {
            let a = beatwatch_extract::extract(&html, None);
            let v = serde_json::json!({"path": p, "article": a});
            println!("{v}");
        } else {
            println!("{p}: {}", beatwatch_extract::explain(&html));
        }
    }
}
