//! Property tests: nothing from the web panics the parsers (issue 6). CI runs
//! these with proptest's default 256 cases each.

use beatwatch::canon;
use beatwatch::config::SourceKind;
use beatwatch::sources;
use proptest::prelude::*;
use url::Url;

fn base() -> Url {
    Url::parse("https://news.example/section/").unwrap()
}

proptest! {
    #[test]
    fn canonicalization_never_panics_and_is_idempotent(href in ".{0,200}") {
        if let Some(u) = canon::resolve(Some(&base()), &href) {
            let again = canon::canonicalize(&u);
            prop_assert_eq!(again.as_str(), u.as_str());
            prop_assert!(matches!(u.scheme(), "http" | "https"));
            prop_assert!(u.fragment().is_none());
        }
    }

    #[test]
    fn canonicalization_drops_tracking_params_from_any_url(path in "[a-z0-9/-]{0,40}", key in "[a-z]{1,8}", val in "[a-zA-Z0-9]{0,8}") {
        let raw = format!("https://Example.com/{path}?utm_source=x&{key}={val}&fbclid=1#frag");
        let u = canon::resolve(None, &raw).unwrap();
        prop_assert!(!u.as_str().contains("utm_source") && !u.as_str().contains("fbclid") && !u.as_str().contains('#'));
    }

    #[test]
    fn feed_sitemap_and_page_parsing_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        for kind in [SourceKind::Feed, SourceKind::Sitemap, SourceKind::Page] {
            let _ = sources::discover(kind, &base(), &bytes, None);
        }
    }

    #[test]
    fn xmlish_input_never_panics(parts in proptest::collection::vec(prop_oneof![
        Just("<rss>".to_string()), Just("<channel>".to_string()), Just("<item>".to_string()), Just("</item>".to_string()),
        Just("<link>".to_string()), Just("</link>".to_string()), Just("<urlset>".to_string()), Just("<url><loc>".to_string()),
        Just("</loc></url>".to_string()), Just("&amp;".to_string()), Just("&#x0;".to_string()), Just("<![CDATA[".to_string()),
        "[a-z:/.]{0,20}".prop_map(|s| s),
    ], 0..60)) {
        let doc = parts.concat();
        for kind in [SourceKind::Feed, SourceKind::Sitemap, SourceKind::Page] {
            let _ = sources::discover(kind, &base(), doc.as_bytes(), None);
        }
    }

    #[test]
    fn extraction_and_decoding_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..6000)) {
        let html = beatwatch::fetch::decode_html(&bytes, Some("text/html; charset=bogus"));
        let a = beatwatch_extract::extract(&html, Some(&base()));
        prop_assert!(a.text.len() <= html.len() * 4 + 16);
    }

    #[test]
    fn htmlish_input_never_panics(parts in proptest::collection::vec(prop_oneof![
        Just("<div>".to_string()), Just("</div>".to_string()), Just("<p>".to_string()), Just("<article>".to_string()),
        Just("<script>".to_string()), Just("<table><tr><td>".to_string()), Just("<a href='/x'>".to_string()),
        Just("<meta property='article:published_time' content='2099-99-99'>".to_string()),
        Just("<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"author\":".to_string()),
        "[A-Za-z .,—]{0,80}".prop_map(|s| s),
    ], 0..80)) {
        let _ = beatwatch_extract::extract(&parts.concat(), None);
    }
}
