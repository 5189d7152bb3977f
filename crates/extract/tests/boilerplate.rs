//! Fixture pages for each kind of page furniture the body must leave out.

use beatwatch_extract::extract;

const P1: &str = "Officials in the county said on Tuesday that the new shelter would open next month, after years of delays and a long fight over funding.";
const P2: &str = "The building, a former warehouse near the river, will hold up to two hundred people and will be run by a nonprofit group with state money.";
const P3: &str = "Residents who opposed the plan said they had not been consulted, while supporters said the need had grown sharply over the past winter.";

/// A page whose article holds P1..P3, with `extra` inside the article and
/// `outside` elsewhere on the page.
fn page(extra: &str, outside: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><title>Shelter to open next month | The Daily</title>
        <meta property="og:title" content="Shelter to open next month"></head>
        <body>{outside}<main><article><h1>Shelter to open next month</h1>
        <div class="article-body"><p>{P1}</p>{extra}<p>{P2}</p><p>{P3}</p></div></article></main></body></html>"#
    )
}

fn body(extra: &str, outside: &str) -> String {
    extract(&page(extra, outside), None).text
}

fn assert_clean(text: &str, unwanted: &str) {
    assert!(
        text.contains(P1) && text.contains(P2) && text.contains(P3),
        "article lost: {text:?}"
    );
    assert!(!text.contains(unwanted), "kept {unwanted:?} in {text:?}");
}

#[test]
fn paragraphs_are_kept_apart_and_headline_dropped() {
    let t = body("", "");
    assert_eq!(t, format!("{P1}\n\n{P2}\n\n{P3}"));
}

#[test]
fn menus() {
    let nav = r#"<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
        <li><a href="/sports">Sports</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>"#;
    assert_clean(&body("", nav), "Sports");
    let menu = r#"<div class="main-menu"><a href="/a">Local politics and government</a> <a href="/b">Business</a></div>"#;
    assert_clean(&body("", menu), "Local politics");
}

#[test]
fn share_bars() {
    let share = r#"<div class="share-tools"><a href="/s">Share on Facebook</a><a href="/t">Tweet</a><span>Email this story to a friend</span></div>"#;
    assert_clean(&body(share, ""), "Facebook");
    assert_clean(&body("<p>Share this:</p>", ""), "Share this");
}

#[test]
fn captions() {
    let fig = r#"<figure><img src="x.jpg"><figcaption>The warehouse near the river that will become the shelter. (Photo: Jane Roe)</figcaption></figure>"#;
    assert_clean(&body(fig, ""), "warehouse near the river that");
    let cap = r#"<div class="image-caption">A long caption describing the people standing in front of the building.</div>"#;
    assert_clean(&body(cap, ""), "standing in front");
}

#[test]
fn related_links() {
    let rel = r#"<div class="related-stories"><h3>Related</h3><ul>
        <li><a href="/1">County approves budget after a long night of debate over the shelter plan</a></li>
        <li><a href="/2">Nonprofit group wins contract to run the city's services for the homeless</a></li></ul></div>"#;
    assert_clean(&body(rel, ""), "County approves");
    let inline =
        r#"<p><strong>Related:</strong> <a href="/3">Mayor defends the shelter plan</a></p>"#;
    assert_clean(&body(inline, ""), "Mayor defends");
}

#[test]
fn comment_forms() {
    let comments = format!(
        r#"<div id="comments"><h3>2 comments</h3><div class="comment"><p>{}</p></div>
        <div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea><button>Post Comment</button></form></div></div>"#,
        "I live near the warehouse and I think this plan is a terrible idea for the neighborhood and the schools."
    );
    assert_clean(&body("", &comments), "terrible idea");
    assert_clean(&body("", &comments), "Leave a Reply");
}

#[test]
fn cookie_and_subscription_banners() {
    let cookie = r#"<div class="cookie-consent"><p>We use cookies to give you the best experience on our website. By continuing you agree to our use of cookies.</p><button>Accept</button></div>"#;
    assert_clean(&body("", cookie), "cookies");
    let sub = r#"<div class="newsletter-signup"><p>Get the day's top headlines delivered to your inbox every morning by subscribing to our newsletter.</p></div>"#;
    assert_clean(&body(sub, ""), "inbox");
    let paywall =
        "<p>Sign up for our free newsletter to get the latest news in your inbox every day.</p>";
    assert_clean(&body(paywall, ""), "newsletter");
}

#[test]
fn reply_and_print_widgets() {
    let widgets = r#"<div class="print-button"><a href="javascript:print()">Print</a></div><p>Leave a reply</p><p>Print</p>"#;
    let t = body(widgets, "");
    assert_clean(&t, "Print");
    assert_clean(&t, "Leave a reply");
}

#[test]
fn scripts_styles_and_hidden_text() {
    let hidden = r#"<script>var x = "script text";</script><style>.a{}</style>
        <div style="display: none">hidden text that should never show up in the body</div>
        <span class="sr-only">Screen reader text</span>"#;
    let t = body(hidden, "");
    assert_clean(&t, "script text");
    assert_clean(&t, "hidden text");
    assert_clean(&t, "Screen reader");
}

#[test]
fn ads_and_bylines() {
    let ad = r#"<div class="ad-slot"><p>Advertisement</p></div><div class="byline">By Jane Roe, Staff Writer</div>"#;
    let t = body(ad, "");
    assert_clean(&t, "Advertisement");
    assert_clean(&t, "Jane Roe");
}

#[test]
fn teaser_lists_are_not_body() {
    let card = |n: u32| {
        format!(
            r#"<li class="card"><h3><a href="/s{n}">Story number {n} about something else entirely</a></h3>
            <p>A summary of story number {n}, long enough to look like a paragraph of prose to a naive reader.</p></li>"#
        )
    };
    let list: String = (0..8).map(card).collect();
    let outside =
        format!("<aside><ul>{list}</ul></aside><section class=\"more\"><ul>{list}</ul></section>");
    assert_clean(&body("", &outside), "summary of story");
}
