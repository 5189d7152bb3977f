//! Fixture pages for each metadata source.

use beatwatch_extract::extract;
use chrono::{TimeZone, Utc};

const BODY: &str = "<article><p>WASHINGTON (AP) — The first paragraph of a wire story, which is long enough to be prose.</p><p>A second paragraph with more words in it, so that the article has a body.</p></article>";

fn page(head: &str, body: &str) -> String {
    format!("<html><head>{head}</head><body>{body}{BODY}</body></html>")
}

fn url(u: &str) -> url::Url {
    url::Url::parse(u).unwrap()
}

#[test]
fn json_ld_news_article() {
    let head = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
        "headline":"Court blocks rule","datePublished":"2019-11-20T10:30:00-05:00","dateModified":"2019-11-21T08:00:00Z",
        "author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}],
        "publisher":{"@type":"Organization","name":"The Daily"},"inLanguage":"en-US"}</script>"#;
    let a = extract(&page(head, ""), None);
    assert_eq!(a.title.as_deref(), Some("Court blocks rule"));
    assert_eq!(a.authors, ["Jane Roe", "John Doe"]);
    assert_eq!(
        a.published,
        Some(Utc.with_ymd_and_hms(2019, 11, 20, 15, 30, 0).unwrap())
    );
    assert_eq!(
        a.modified,
        Some(Utc.with_ymd_and_hms(2019, 11, 21, 8, 0, 0).unwrap())
    );
    assert_eq!(a.site_name.as_deref(), Some("The Daily"));
    assert_eq!(a.lang.as_deref(), Some("en-US"));
    assert_eq!(a.dateline.as_deref(), Some("Washington"));
}

#[test]
fn json_ld_graph_and_array() {
    let graph = r#"<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Site"},
        {"@type":["BlogPosting"],"headline":"In a graph","datePublished":"2018-03-01","author":{"name":"Ann Lee"}}]}</script>"#;
    let a = extract(&page(graph, ""), None);
    assert_eq!(a.title.as_deref(), Some("In a graph"));
    assert_eq!(a.authors, ["Ann Lee"]);
    assert_eq!(
        a.published,
        Some(Utc.with_ymd_and_hms(2018, 3, 1, 0, 0, 0).unwrap())
    );
    let array = r#"<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"Article","headline":"In an array","author":"By Bo Chen"}]</script>"#;
    let a = extract(&page(array, ""), None);
    assert_eq!(a.title.as_deref(), Some("In an array"));
    assert_eq!(a.authors, ["Bo Chen"]);
}

#[test]
fn open_graph_and_article_meta() {
    let head = r#"<meta property="og:title" content="Shelter opens | The Daily">
        <meta property="og:site_name" content="The Daily">
        <meta property="article:published_time" content="2019-11-20T10:30:00Z">
        <meta property="article:modified_time" content="2019-11-20T12:00:00Z">
        <meta name="author" content="Jane Roe and John Doe">
        <meta property="og:locale" content="en_GB">"#;
    let a = extract(&page(head, ""), None);
    assert_eq!(a.title.as_deref(), Some("Shelter opens"));
    assert_eq!(a.site_name.as_deref(), Some("The Daily"));
    assert_eq!(a.authors, ["Jane Roe", "John Doe"]);
    assert_eq!(
        a.published,
        Some(Utc.with_ymd_and_hms(2019, 11, 20, 10, 30, 0).unwrap())
    );
    assert_eq!(
        a.modified,
        Some(Utc.with_ymd_and_hms(2019, 11, 20, 12, 0, 0).unwrap())
    );
    assert_eq!(a.lang.as_deref(), Some("en-GB"));
}

#[test]
fn time_element_and_byline_markup() {
    let body = r#"<h1>Headline from h1</h1><div class="byline">By <a rel="author" href="/a">Sam Poe</a></div>
        <time datetime="2019-11-20T09:00:00+01:00">Nov. 20, 2019</time>"#;
    let a = extract(
        &page("<title>Headline from h1 - The Daily</title>", body),
        None,
    );
    assert_eq!(a.title.as_deref(), Some("Headline from h1"));
    assert_eq!(a.authors, ["Sam Poe"]);
    assert_eq!(
        a.published,
        Some(Utc.with_ymd_and_hms(2019, 11, 20, 8, 0, 0).unwrap())
    );
}

#[test]
fn meta_name_date() {
    let a = extract(
        &page(r#"<meta name="date" content="November 20, 2019">"#, ""),
        None,
    );
    assert_eq!(
        a.published,
        Some(Utc.with_ymd_and_hms(2019, 11, 20, 0, 0, 0).unwrap())
    );
}

#[test]
fn url_date_is_the_last_resort() {
    let u = url("https://news.example/2019/11/20/story.html");
    let a = extract(&page("", ""), Some(&u));
    assert_eq!(
        a.published,
        Some(Utc.with_ymd_and_hms(2019, 11, 20, 0, 0, 0).unwrap())
    );
    let meta = r#"<meta property="article:published_time" content="2019-11-19T23:00:00Z">"#;
    let a = extract(&page(meta, ""), Some(&u));
    assert_eq!(
        a.published,
        Some(Utc.with_ymd_and_hms(2019, 11, 19, 23, 0, 0).unwrap())
    );
}

#[test]
fn implausible_dates_are_rejected() {
    let future = r#"<meta property="article:published_time" content="2999-01-01T00:00:00Z">"#;
    assert_eq!(extract(&page(future, ""), None).published, None);
    let old = r#"<meta property="article:published_time" content="1989-12-31">"#;
    assert_eq!(extract(&page(old, ""), None).published, None);
    let u = url("https://news.example/1985/01/02/story.html");
    assert_eq!(extract(&page("", ""), Some(&u)).published, None);
}

#[test]
fn canonical_is_resolved() {
    let head = r#"<link rel="canonical" href="/news/story-1?x=1">"#;
    let u = url("https://www.example.com/amp/story-1");
    let a = extract(&page(head, ""), Some(&u));
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://www.example.com/news/story-1?x=1")
    );
    assert_eq!(extract(&page(head, ""), None).canonical_url, None);
    let og = r#"<meta property="og:url" content="https://www.example.com/og">"#;
    assert_eq!(
        extract(&page(og, ""), None).canonical_url.as_deref(),
        Some("https://www.example.com/og")
    );
}

#[test]
fn lang_from_html_attribute() {
    let html = format!("<html lang=\"pt-BR\"><body>{BODY}</body></html>");
    assert_eq!(extract(&html, None).lang.as_deref(), Some("pt-BR"));
}

#[test]
fn no_dateline_when_the_story_has_none() {
    let html =
        "<p>The first paragraph of a story — with a dash in it — that has no dateline at all.</p>";
    assert_eq!(extract(html, None).dateline, None);
}

#[test]
fn article_round_trips_through_json() {
    let a = extract(&page(r#"<meta property="og:title" content="T">"#, ""), None);
    let json = serde_json::to_string(&a).unwrap();
    let back: beatwatch_extract::Article = serde_json::from_str(&json).unwrap();
    assert_eq!(a, back);
}

#[test]
fn title_forms() {
    let title = |head: &str, body: &str| extract(&page(head, body), None).title;
    let site = r#"<meta property="og:site_name" content="The Daily">"#;
    // A section label before the headline, a site name before or after it.
    assert_eq!(
        title(
            r#"<meta property="og:title" content="Opinion | The shelter is a good idea">"#,
            ""
        )
        .as_deref(),
        Some("The shelter is a good idea")
    );
    assert_eq!(
        title(
            &format!("{site}<title>The Daily | The shelter opens next month</title>"),
            ""
        )
        .as_deref(),
        Some("The shelter opens next month")
    );
    assert_eq!(
        title(
            &format!("{site}<title>The shelter opens next month – The Daily</title>"),
            ""
        )
        .as_deref(),
        Some("The shelter opens next month")
    );
    // The <h1> inside a longer title, whatever wraps it.
    assert_eq!(
        title(
            r#"<meta property="og:title" content="Springfield News | The shelter opens next month">"#,
            "<h1>The shelter opens next month</h1>"
        )
        .as_deref(),
        Some("The shelter opens next month")
    );
    // A title that is only the site's name is not the headline.
    assert_eq!(
        title(
            &format!("{site}<meta property=\"og:title\" content=\"The Daily\">"),
            "<h1>Shelter opens</h1>"
        )
        .as_deref(),
        Some("Shelter opens")
    );
    // Character references left in JSON-LD strings.
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Mayor&#8217;s plan &amp; the shelter"}</script>"#;
    assert_eq!(
        title(ld, "").as_deref(),
        Some("Mayor\u{2019}s plan & the shelter")
    );
}

#[test]
fn json_ld_author_forms() {
    let ld = |author: &str| {
        let head = format!(
            r#"<script type="application/ld+json">{{"@type":"NewsArticle","headline":"H","author":{author}}}</script>"#
        );
        extract(&page(&head, ""), None).authors
    };
    assert_eq!(
        ld(r#""By Jane Roe and John Doe""#),
        ["Jane Roe", "John Doe"]
    );
    assert_eq!(
        ld(r#"{"@type":"Person","name":"BY JANE ROE"}"#),
        ["JANE ROE"]
    );
    assert_eq!(
        ld(r#"[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}]"#),
        ["Jane Roe", "John Doe"]
    );
    assert_eq!(ld(r#"["Jane Roe","John Doe"]"#), ["Jane Roe", "John Doe"]);
    // An organization as author gives way to a person named in the byline.
    let head = r#"<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"The Daily"}}</script>"#;
    let body = r#"<div class="byline">By Sam Poe</div>"#;
    assert_eq!(extract(&page(head, body), None).authors, ["Sam Poe"]);
    assert_eq!(extract(&page(head, ""), None).authors, ["The Daily"]);
}
