//! Fixture pages in the style of US local news sites (WordPress, Arc,
//! Brightspot and Nexstar layouts), written for these tests and never used
//! to tune the rules: related-story rails, newsletter boxes inside the body,
//! "Read more:" links between paragraphs, captions and credits, embedded
//! tweets, author bios, correction notes and AP datelines. Each checks the
//! body and the metadata.

use beatwatch_extract::{extract, Article};
use chrono::{TimeZone, Utc};

/// Story paragraphs shared by the fixtures.
const S1: &str = "COLUMBUS, Ohio (AP) — The Franklin County school board voted 5-2 on Tuesday night to close three elementary schools at the end of the year, ending months of debate over falling enrollment.";
const S2: &str = "Parents packed the meeting room and spilled into the hallway, and more than forty people signed up to speak during the public comment period, which ran for nearly three hours.";
const S3: &str = "District officials said the closures would save about $4 million a year and that students would be moved to nearby schools with room to spare, with bus routes redrawn over the summer.";
const S4: &str = "Board member Ana Ruiz, who voted against the plan, said the district had not done enough to listen to families in the neighborhoods that will lose their schools.";
const TWEET: &str =
    "Tonight the board voted to close three of our schools. We will keep fighting for our kids.";
const CORRECTION: &str = "Correction: An earlier version of this story misstated the number of schools that will close. It is three.";

fn url(u: &str) -> url::Url {
    url::Url::parse(u).unwrap()
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Option<chrono::DateTime<Utc>> {
    Some(Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap())
}

/// The body holds every `wanted` paragraph, in order, and none of `unwanted`.
fn check_body(a: &Article, wanted: &[&str], unwanted: &[&str]) {
    let mut from = 0;
    for w in wanted {
        match a.text[from..].find(w) {
            Some(i) => from += i + w.len(),
            None => panic!("missing or out of order {w:?} in {:?}", a.text),
        }
    }
    for u in unwanted {
        assert!(!a.text.contains(u), "kept {u:?} in {:?}", a.text);
    }
}

const NAV: &str = r#"<header class="site-header"><a class="logo" href="/">WXYZ 7 News</a>
    <nav><ul><li><a href="/news">News</a></li><li><a href="/weather">Weather</a></li>
    <li><a href="/sports">Sports</a></li><li><a href="/contests">Contests</a></li></ul></nav></header>"#;

const FOOTER: &str = r#"<footer class="site-footer"><p>Copyright 2024 Nexstar Media Inc. All rights reserved. This material may not be published, broadcast, rewritten, or redistributed.</p>
    <ul><li><a href="/privacy">Privacy Policy</a></li><li><a href="/terms">Terms of Use</a></li></ul></footer>"#;

/// A WordPress (Nexstar-style) story page with a Yoast JSON-LD graph.
fn wordpress_page() -> String {
    format!(
        r#"<!doctype html><html lang="en-US"><head>
<title>Franklin County board votes to close three schools | WXYZ 7 News</title>
<meta property="og:site_name" content="WXYZ 7 News">
<meta property="og:title" content="Franklin County board votes to close three schools | WXYZ 7 News">
<meta property="article:published_time" content="2024-03-05T23:40:00+00:00">
<script type="application/ld+json">{{"@context":"https://schema.org","@graph":[
 {{"@type":"WebPage","@id":"https://wxyz.example/news/schools/#webpage","datePublished":"2024-03-05T23:40:00+00:00"}},
 {{"@type":"NewsArticle","@id":"https://wxyz.example/news/schools/#article","headline":"Franklin County board votes to close three schools",
   "datePublished":"2024-03-05T18:40:00-05:00","dateModified":"2024-03-06T09:15:00-05:00",
   "author":[{{"@id":"https://wxyz.example/#/schema/person/1"}},{{"@id":"https://wxyz.example/#/schema/person/2"}}],
   "publisher":{{"@id":"https://wxyz.example/#organization"}}}},
 {{"@type":"Person","@id":"https://wxyz.example/#/schema/person/1","name":"Jane Roe"}},
 {{"@type":"Person","@id":"https://wxyz.example/#/schema/person/2","name":"John Doe"}},
 {{"@type":"Organization","@id":"https://wxyz.example/#organization","name":"WXYZ 7 News"}}]}}</script>
</head><body class="post-template-default single single-post">{NAV}
<main id="main"><article class="post type-post">
<h1 class="entry-title">Franklin County board votes to close three schools</h1>
<div class="entry-meta"><span class="byline">By <a rel="author" href="/author/jane-roe/">Jane Roe</a> and <a rel="author" href="/author/john-doe/">John Doe</a></span>
 <time class="entry-date published" datetime="2024-03-05T18:40:00-05:00">March 5, 2024 / 06:40 PM EST</time>
 <span class="updated">Updated: March 6, 2024 / 09:15 AM EST</span></div>
<div class="share-tools"><a href="https://facebook.com/sharer">Share on Facebook</a> <a href="https://twitter.com/intent">Share on X</a> <a href="mailto:">Email</a></div>
<figure class="wp-block-image"><img src="/board.jpg" alt=""><figcaption>Parents wait to speak at the Franklin County school board meeting on Tuesday. (Photo: Jane Roe/WXYZ)</figcaption></figure>
<div class="entry-content">
<p>{S1}</p>
<p>{S2}</p>
<p><strong>Read more:</strong> <a href="/news/schools-budget/">District faces $12 million budget gap as enrollment falls</a></p>
<div class="newsletter-signup inline"><h3>Get the morning headlines</h3><p>Sign up for the WXYZ 7 News daily newsletter and get local news in your inbox every morning.</p><form><input type="email"><button>Subscribe</button></form></div>
<p>{S3}</p>
<blockquote class="twitter-tweet"><p lang="en" dir="ltr">{TWEET}</p>&mdash; Parents for Franklin Schools (@FranklinParents) <a href="https://twitter.com/FranklinParents/status/1">March 6, 2024</a></blockquote>
<p>{S4}</p>
<p><em>{CORRECTION}</em></p>
<p>Copyright 2024 Nexstar Media Inc. All rights reserved. This material may not be published, broadcast, rewritten, or redistributed.</p>
</div>
<div class="author-bio"><h4>About the author</h4><p>Jane Roe covers education for WXYZ 7 News. She joined the station in 2019 after six years at newspapers in Ohio and Indiana.</p></div>
<div class="related-posts"><h3>Related Stories</h3><ul>
<li><a href="/1">School board delays vote on closures after heated meeting</a> <span class="byline">by <a rel="author" href="/author/pat-kim/">Pat Kim</a></span> <span class="entry-date">Feb. 2, 2024</span></li>
<li><a href="/2">What to know about the district's plan to consolidate elementary schools</a></li>
<li><a href="/3">Teachers union rallies outside district headquarters over contract talks</a></li></ul></div>
</article>
<aside class="sidebar"><section class="widget trending"><h3>Trending Now</h3><ol>
<li><a href="/t1">Police investigate shooting near downtown bar early Sunday morning</a></li>
<li><a href="/t2">Weekend forecast: warm temperatures and a chance of storms on Sunday</a></li></ol></section></aside>
<div id="comments" class="comments-area"><h2>2 thoughts on this story</h2><p>This is a terrible decision for our neighborhood and for the kids who walk to school every day.</p></div>
</main>{FOOTER}</body></html>"#
    )
}

#[test]
fn wordpress_story() {
    let u = url("https://wxyz.example/news/local/2024/03/05/schools/");
    let a = extract(&wordpress_page(), Some(&u));
    check_body(
        &a,
        &[S1, S2, S3, TWEET, S4, CORRECTION],
        &[
            "Read more",
            "budget gap",
            "Sign up",
            "inbox",
            "Parents wait to speak",
            "Photo:",
            "About the author",
            "covers education",
            "Related Stories",
            "heated meeting",
            "Trending",
            "terrible decision",
            "Share on",
            "Nexstar",
            "Franklin County board votes",
            "Privacy Policy",
        ],
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Franklin County board votes to close three schools")
    );
    assert_eq!(a.authors, ["Jane Roe", "John Doe"]);
    assert_eq!(a.published, utc(2024, 3, 5, 23, 40));
    assert_eq!(a.modified, utc(2024, 3, 6, 14, 15));
    assert_eq!(a.site_name.as_deref(), Some("WXYZ 7 News"));
    assert_eq!(a.dateline.as_deref(), Some("Columbus"));
    assert_eq!(a.lang.as_deref(), Some("en-US"));
}

/// An Arc-style page: the body in many `article-body__paragraph` blocks,
/// interstitial links, a gallery counter and a Fusion-style JSON-LD.
fn arc_page() -> String {
    let para = |s: &str| format!(r#"<p class="article-body__paragraph b-text">{s}</p>"#);
    format!(
        r#"<html lang="en"><head><title>Three Franklin County schools to close – The Dispatch</title>
<meta property="og:title" content="Three Franklin County schools to close">
<meta property="og:site_name" content="The Dispatch">
<script type="application/ld+json">{{"@context":"http://schema.org","@type":"NewsArticle",
 "headline":"Three Franklin County schools to close","datePublished":"2024-03-06T01:12:00Z",
 "author":[{{"@type":"Person","name":"By Maria Lopez"}},{{"@type":"Organization","name":"The Dispatch"}}],
 "publisher":{{"@type":"Organization","name":"The Dispatch"}}}}</script></head>
<body><div id="fusion-app"><header class="nav-sections"><a href="/local">Local</a> <a href="/sports">Sports</a> <a href="/subscribe">Subscribe for $1</a></header>
<article class="article-body-wrapper">
<div class="headline"><h1>Three Franklin County schools to close</h1></div>
<div class="byline-block">By <a href="/people/maria-lopez/">Maria Lopez</a> | The Dispatch</div>
<div class="gallery-counter">1 of 12</div>
<div class="article-body">
{p1}{p2}
<div class="interstitial-link"><span>Read more: </span><a href="/story/1">Franklin County superintendent announces retirement</a></div>
{p3}
<div class="ad-container"><div class="advertisement">Advertisement</div></div>
{p4}
<div class="article-body__paragraph b-text"><p>Maria Lopez covers schools for The Dispatch. Reach her at mlopez@dispatch.example or follow her on X @mlopez.</p></div>
</div></article>
<section class="recirc-list"><h2>Most Read</h2>
<div class="card"><a href="/a">Suspect arrested in weekend shooting near campus</a><p>Police said the man was taken into custody Monday after a brief chase through the east side...</p></div>
<div class="card"><a href="/b">New restaurant opens in the old bank building downtown</a><p>The owners say the menu will change with the seasons and feature local farms and growers...</p></div>
</section></div></body></html>"#,
        p1 = para(S1),
        p2 = para(S2),
        p3 = para(S3),
        p4 = para(S4),
    )
}

#[test]
fn arc_story() {
    let a = extract(&arc_page(), None);
    check_body(
        &a,
        &[S1, S2, S3, S4],
        &[
            "Read more",
            "superintendent",
            "Advertisement",
            "1 of 12",
            "mlopez",
            "Most Read",
            "Suspect arrested",
            "Subscribe",
        ],
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Three Franklin County schools to close")
    );
    assert_eq!(a.authors, ["Maria Lopez"]);
    assert_eq!(a.published, utc(2024, 3, 6, 1, 12));
    assert_eq!(a.dateline.as_deref(), Some("Columbus"));
}

/// A Brightspot-style page: the body split by an ad into two
/// `RichTextArticleBody` chunks, a string author with "By ... and ...", and
/// the date only in the markup.
fn brightspot_page() -> String {
    format!(
        r#"<html><head><title>Board votes to close 3 schools - WCBX</title>
<meta property="og:site_name" content="WCBX">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Board votes to close 3 schools","author":"By Sam Park and Lee Chen"}}</script></head>
<body><div class="Page-header"><nav class="Navigation"><a href="/weather">Weather</a> <a href="/traffic">Traffic</a></nav></div>
<main class="Page-main"><div class="ArticlePage-headline"><h1>Board votes to close 3 schools</h1></div>
<div class="ArticlePage-datePublished">Published: March 5, 2024 6:40 PM EST</div>
<div class="RichTextArticleBody RichTextBody"><p>{S1}</p><p>{S2}</p></div>
<div class="GoogleDfpAd-wrapper"><span>Advertisement</span></div>
<div class="RichTextArticleBody RichTextBody"><p>{S3}</p>
<div class="Enhancement"><div class="Quote"><p>“We will keep fighting for our kids,” said one parent after the vote, holding a sign.</p></div></div>
<p>{S4}</p></div>
<div class="ArticlePage-tags"><span>Tags:</span> <a href="/tag/schools">Schools</a> <a href="/tag/franklin">Franklin County</a></div>
</main>
<div class="PromoList"><h2>More Stories</h2><ul><li><a href="/x">Crews battle brush fire along the interstate for second day</a></li>
<li><a href="/y">City council approves new bike lanes on Main Street after long debate</a></li></ul></div>
</body></html>"#
    )
}

#[test]
fn brightspot_story() {
    let a = extract(&brightspot_page(), None);
    check_body(
        &a,
        &[S1, S2, S3, "We will keep fighting", S4],
        &["Advertisement", "Tags", "More Stories", "brush fire"],
    );
    assert_eq!(a.title.as_deref(), Some("Board votes to close 3 schools"));
    assert_eq!(a.authors, ["Sam Park", "Lee Chen"]);
    assert_eq!(a.published, utc(2024, 3, 5, 23, 40));
}

/// A page with no JSON-LD: the byline, the date and the credits are only in
/// the markup, and the URL carries the day.
fn plain_page() -> String {
    format!(
        r#"<html><head><title>County closes three schools :: The Courier</title>
<meta name="author" content="The Courier"><meta property="og:site_name" content="The Courier"></head>
<body><div id="masthead"><span class="date">Friday, March 8, 2024</span></div>
<div id="story"><h1>County closes three schools</h1>
<div class="story-byline">By JANE ROE, Staff Writer<br><span class="timestamp">Updated 9:15 a.m.</span></div>
<div class="story-date">Mar. 5, 2024 6:40 p.m. EST</div>
<div class="story-text"><p>{S2}</p><p>{S3}</p>
<div class="photo-credit">Photo by Jane Roe / The Courier</div>
<p>{S4}</p>
<p>Jane Roe contributed to this report. Reach the reporter at jroe@courier.example.</p></div></div>
<div class="popular"><h3>Popular</h3><p><a href="/p1">Restaurant inspections: 12 places cited for violations this week</a></p></div>
</body></html>"#
    )
}

#[test]
fn markup_only_story() {
    let u = url("https://courier.example/2024/03/05/county-closes-schools.html");
    let a = extract(&plain_page(), Some(&u));
    check_body(
        &a,
        &[S2, S3, S4],
        &[
            "Photo by",
            "contributed",
            "Popular",
            "Restaurant",
            "Updated",
        ],
    );
    assert_eq!(a.title.as_deref(), Some("County closes three schools"));
    assert_eq!(a.authors, ["JANE ROE"]);
    // The masthead's date (today's) is not the story's; the story's is.
    assert_eq!(a.published, utc(2024, 3, 5, 23, 40));
    assert_eq!(a.dateline, None);
}

#[test]
fn byline_forms() {
    let page = |byline: &str| {
        format!(
            r#"<html><head><title>T</title></head><body><article><h1>Headline of the story here</h1>{byline}
            <div class="article-body"><p>{S1}</p><p>{S2}</p></div></article></body></html>"#
        )
    };
    let cases: &[(&str, &[&str])] = &[
        (
            r#"<span class="byline">By <a href="/a">Jane Roe</a>, <a href="/b">John Doe</a> and <a href="/c">Ann Lee</a></span>"#,
            &["Jane Roe", "John Doe", "Ann Lee"],
        ),
        (
            r#"<p class="byline">Posted by <span class="author vcard"><span class="fn">Sam Park</span></span> on March 5, 2024</p>"#,
            &["Sam Park"],
        ),
        (
            r#"<div class="byline"><span class="author">Lisa Kay and Trevor J. Mitchell</span> <span class="publication">Sioux Falls Argus Leader</span></div>"#,
            &["Lisa Kay", "Trevor J. Mitchell"],
        ),
        (
            r#"<div itemprop="author" itemscope><span itemprop="name">Ilana Roe, MS, RDN</span></div>"#,
            &["Ilana Roe"],
        ),
        (
            r#"<div class="byline">By The Associated Press</div>"#,
            &["The Associated Press"],
        ),
        (
            r#"<div class="byline">By <a href="/x">Ann Lee</a> <button>Follow</button> <time datetime="2024-03-05">March 5</time></div>"#,
            &["Ann Lee"],
        ),
    ];
    for (byline, want) in cases {
        assert_eq!(extract(&page(byline), None).authors, *want, "{byline}");
    }
    // A comment form's "Name (required)" field is not a byline.
    let form = r#"<div id="respond"><form><p class="comment-form-author"><label>Name (required)</label><input name="author"></p></form></div>"#;
    assert!(extract(&page(form), None).authors.is_empty());
}

#[test]
fn date_forms() {
    let page = |head: &str, body: &str| {
        format!(
            r#"<html><head>{head}</head><body><article><h1>Headline of the story here</h1>{body}
            <div class="article-body"><p>{S1}</p><p>{S2}</p></div></article></body></html>"#
        )
    };
    let cases = [
        (
            r#"<meta itemprop="datePublished dateCreated" content="2024-03-05T18:40:00-05:00">"#,
            "",
        ),
        (
            "",
            r#"<span itemprop="datePublished" content="2024-03-05T23:40:00Z">March 5</span>"#,
        ),
        (
            "",
            r#"<p class="publish-date">Published 6:40 PM EST Mar 5, 2024</p>"#,
        ),
        (
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-05","description":"a "broken" string"}</script>
               <meta property="article:published_time" content="2024-03-05T23:40:00Z">"#,
            "",
        ),
    ];
    for (head, body) in cases {
        let a = extract(&page(head, body), None);
        assert_eq!(a.published, utc(2024, 3, 5, 23, 40), "{head}{body}");
    }
}

/// A Nexstar-style page: "RELATED:" and "WATCH:" lines between paragraphs,
/// an app promo and a newsletter line with no telling class, a WordPress
/// caption, and a byline with only a class.
fn nexstar_page() -> String {
    format!(
        r#"<html><head><title>3 schools to close after board vote</title></head><body>
<div class="article-wrapper"><h1 class="article-title">3 schools to close after board vote</h1>
<div class="article-meta"><p class="article-author">by: <a href="/author/ann-lee/">Ann Lee</a></p>
<p class="article-date"><time datetime="2024-03-05T18:40:00-05:00">Posted: Mar 5, 2024 / 06:40 PM EST</time></p></div>
<div class="article-content">
<p>{S1}</p>
<p><strong>RELATED:</strong> <a href="/r1">Franklin County schools face budget shortfall</a></p>
<div class="wp-caption"><img src="/a.jpg"><p class="wp-caption-text">Parents hold signs outside the district office before the vote on Tuesday evening. (WXYZ Photo/Ann Lee)</p></div>
<p>{S2}</p>
<p><strong>WATCH: </strong><a href="/v1">Parents react to the board's vote</a></p>
<p>Download the WXYZ 7 News app for breaking news alerts on your phone.</p>
<p>{S3}</p>
<p>Sign up for our newsletters to get the top local stories delivered to your inbox.</p>
<p>{S4}</p>
<p>Copyright 2024 Nexstar Media Inc. All rights reserved. This material may not be published, broadcast, rewritten, or redistributed.</p>
</div></div></body></html>"#
    )
}

#[test]
fn nexstar_story() {
    let a = extract(&nexstar_page(), None);
    check_body(
        &a,
        &[S1, S2, S3, S4],
        &[
            "RELATED",
            "budget shortfall",
            "Parents hold signs",
            "WATCH",
            "react",
            "Download",
            "newsletters",
            "Nexstar",
        ],
    );
    assert_eq!(a.authors, ["Ann Lee"]);
    assert_eq!(a.published, utc(2024, 3, 5, 23, 40));
    assert_eq!(
        a.title.as_deref(),
        Some("3 schools to close after board vote")
    );
}
