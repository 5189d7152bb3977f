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

#[test]
fn labelled_link_lists() {
    // A list of half-linked teasers under a "More ... stories" label.
    let more = r#"<div class="heading">More Great Daily Stories</div><ul>
        <li>The strange life and <a href="/1">mysterious death of a local coder</a></li>
        <li>How the county <a href="/2">gets the zoning rules backward</a></li></ul>"#;
    let t = body(more, "");
    assert_clean(&t, "strange life");
    assert_clean(&t, "More Great");
}

#[test]
fn embedded_posts_are_kept() {
    let tweet = r#"<div class="social-media-embed widget"><blockquote class="twitter-tweet"><p>The shelter opens next month, the mayor says.</p>— City Hall (@cityhall) <a href="https://twitter.com/x">November 18, 2019</a></blockquote></div>"#;
    assert!(body(tweet, "").contains("The shelter opens next month, the mayor says."));
}

#[test]
fn hover_cards_inside_paragraphs() {
    let p = r#"<p>The plan was backed by Mayor <a href="/people/jo">Jo Ro</a><span class="rollover-people-block"><a href="/people/jo">Jo Ro</a> <a href="/t">Mayor backs shelter</a> <a href="/u">Budget passes</a></span> and by most of the council members who spoke.</p>"#;
    let t = body(p, "");
    assert!(t.contains("backed by Mayor Jo Ro and by most"), "{t}");
}

#[test]
fn gallery_counters_stamps_and_bylines() {
    let extra = r#"<p>Image 1 of 5</p><p>Updated at 1:23 p.m.</p><p>By Jane Roe, Staff Writer</p><p>Advert</p>"#;
    let t = body(extra, "");
    for unwanted in ["Image 1", "Updated", "Jane Roe", "Advert"] {
        assert_clean(&t, unwanted);
    }
    let caption = "<p>Workers repair the roof of the warehouse on Monday. (AP Photo/Jane Roe)</p>";
    assert_clean(&body(caption, ""), "Workers repair");
}

/// The body split in two containers of the same class, far apart in the
/// tree (around a figure and an ad).
#[test]
fn split_bodies_are_joined() {
    let html = format!(
        r#"<html><body><div class="post"><div class="chunk"><section><div class="wrap"><div class="story-text"><p>{P1}</p><p>{P2}</p></div></div></section></div>
        <figure><figcaption>A caption about the warehouse and the river and the people nearby.</figcaption></figure>
        <div class="chunk"><section><div class="wrap"><div class="story-text"><p>{P3}</p></div></div></section></div></div>
        <div class="footer-links"><a href="/a">About us</a></div></body></html>"#
    );
    let t = extract(&html, None).text;
    assert_eq!(t, format!("{P1}\n\n{P2}\n\n{P3}"));
}

/// Classes that mark paywalled text do not hide the story when the text is
/// in the page; a teaser list cut off with ellipses is not the story; a list
/// of `<article>`s is not the story.
#[test]
fn paywall_teasers_and_feeds() {
    let open = format!("<p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P1} More.</p><p>{P2} More.</p>");
    let gated =
        "<p>Behind the paywall, a sixth paragraph of the story goes on about the shelter plan, the money behind it and the people who will live there next year.</p>"
            .repeat(5);
    let html = format!(
        "<html><body><div class=\"article__body\">{open}<div class=\"paywall\">{gated}</div></div></body></html>"
    );
    assert!(extract(&html, None).text.contains("sixth paragraph"));
    let teaser = |n: u32| {
        format!(
            r#"<li><a href="/{n}">Story {n} headline here</a> <span>SPRINGFIELD: A summary of story {n} that runs long enough to look like prose to a reader, and then stops...</span></li>"#
        )
    };
    let list: String = (0..8).map(teaser).collect();
    let html = format!(
        "<html><body><div class=\"breaking\"><ul>{list}</ul></div><div class=\"main\"><div><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div></body></html>"
    );
    let t = extract(&html, None).text;
    assert!(t.contains(P1) && !t.contains("summary of story"), "{t}");
    let card = |n: u32| {
        format!("<article class=\"card\"><p>Another post number {n}, with a paragraph of text that is long enough to count as prose here.</p></article>")
    };
    let feed: String = (0..6).map(card).collect();
    let html = format!(
        "<html><body><main><article class=\"entry\"><p>{P1}</p></article><section>{feed}</section></main></body></html>"
    );
    let t = extract(&html, None).text;
    assert!(t.contains(P1) && !t.contains("Another post"), "{t}");
}
