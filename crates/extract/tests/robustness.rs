//! No panic and bounded time on hostile or broken input.

use beatwatch_extract::extract;
use std::time::{Duration, Instant};

/// Extracts with a time limit generous enough for a debug build.
fn timed(html: &str, limit: Duration) -> beatwatch_extract::Article {
    let start = Instant::now();
    let a = extract(html, None);
    let took = start.elapsed();
    assert!(took < limit, "took {took:?} on {} bytes", html.len());
    a
}

/// Deterministic pseudo-random bytes (xorshift), no dependency needed.
fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

#[test]
fn empty_and_blank() {
    for html in [
        "",
        " ",
        "\n\t",
        "<html></html>",
        "<!doctype html>",
        "text without markup",
    ] {
        let a = timed(html, Duration::from_secs(1));
        assert!(a.title.is_none() && a.published.is_none());
    }
}

#[test]
fn binary_garbage_and_invalid_utf8() {
    for seed in 1..6 {
        let bytes = noise(200_000, seed);
        // The caller decodes; invalid UTF-8 arrives here replaced, as the eval does it.
        let html = String::from_utf8_lossy(&bytes);
        timed(&html, Duration::from_secs(10));
    }
    let mut bytes =
        b"<html><body><p>Caf\xe9 au lait \xff\xfe and more words to make a paragraph of text.</p>"
            .to_vec();
    bytes.extend_from_slice(&[0x80, 0xC3, 0x28, 0xF0, 0x28, 0x8C, 0x28, 0]);
    let a = timed(&String::from_utf8_lossy(&bytes), Duration::from_secs(1));
    assert!(a.text.contains("au lait"));
}

#[test]
fn twenty_megabytes() {
    let para = "<p>A paragraph of ordinary prose that repeats many times to make a very large page, with commas, and links <a href=\"/x\">here</a>.</p>\n";
    let mut html = String::from("<html><body><article>");
    while html.len() < 20 << 20 {
        html.push_str(para);
    }
    html.push_str("</article></body></html>");
    let a = timed(&html, Duration::from_secs(120));
    assert!(a.text.len() > 10 << 20);
}

#[test]
fn ten_thousand_deep_nesting() {
    for tag in ["div", "span", "b", "table", "ul"] {
        let depth = 10_000;
        let mut html = String::with_capacity(depth * 12);
        for _ in 0..depth {
            html.push_str(&format!("<{tag}>"));
        }
        html.push_str(
            "<p>Deep text at the bottom of a very deep tree, long enough to be a paragraph.</p>",
        );
        for _ in 0..depth {
            html.push_str(&format!("</{tag}>"));
        }
        timed(&html, Duration::from_secs(60));
    }
    // Unclosed, too.
    let html = "<div><p>text ".repeat(10_000);
    timed(&html, Duration::from_secs(60));
}

#[test]
fn broken_markup() {
    let cases = [
        "<html><body><p>Unclosed paragraph <b>bold <i>italic</p> stray </b></i></div></span>",
        "<<<>>><p>>>>a</p><</p></p><p",
        "<table><tr><td>cell<table><td>nested</tr></tbody></table></td>",
        "<script>never closed <p>not a paragraph",
        "<style>p{}</style><title>Only a title",
        "<a href=\"x\"><a href=\"y\"><a>links inside links</a></a>",
        "<p>\u{0}\u{1}\u{fffd} control characters \u{202e} and bidi</p>",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":[[[[[[</script>",
        "<script type=\"application/ld+json\">[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[</script>",
        "<meta property=\"article:published_time\" content=\"9999-99-99T99:99:99+99:99\">",
        "<time datetime=\"2019-02-30\">Feb 30</time><link rel=canonical href=\"http://[::1\">",
        "<html lang=\"\u{1F600}\"><p>DENVER (AP) \u{2014}</p>",
    ];
    for html in cases {
        timed(html, Duration::from_secs(2));
    }
    let deep_json = format!(
        "<script type=\"application/ld+json\">{}{}</script>",
        "{\"@graph\":[".repeat(5000),
        "]}".repeat(5000)
    );
    timed(&deep_json, Duration::from_secs(10));
}

#[test]
fn many_bylines_dates_and_json_ld_objects() {
    let mut html = String::from("<html><body><div class=\"byline\">");
    for i in 0..10_000 {
        html.push_str(&format!("<span class=\"author\"><a rel=\"author\">Name {i}</a></span><span class=\"date\">no date</span>"));
    }
    html.push_str("</div><script type=\"application/ld+json\">{\"@graph\":[");
    for i in 0..20_000 {
        html.push_str(&format!("{{\"@id\":\"#{i}\",\"name\":\"N\"}},"));
    }
    html.push_str("{}]}</script><p>A paragraph of ordinary prose that is long enough to be the body of this page.</p></body></html>");
    timed(&html, Duration::from_secs(30));
}
