//! Sources: turn a fetched feed, sitemap or section front page into the list
//! of article links it announces ([`Discovered`] items). Pure functions over
//! bytes, so every format is testable without a network.

use chrono::{DateTime, NaiveDate, Utc};
use quick_xml::events::Event;
use scraper::{Html, Selector};
use url::Url;

use crate::canon;
use crate::config::SourceKind;

/// One article link found in a source, with what the source says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Discovered {
    pub url: Url,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub published: Option<DateTime<Utc>>,
}

/// What parsing a source gave.
#[derive(Debug, Default)]
pub struct Discovery {
    pub items: Vec<Discovered>,
    /// Child sitemaps of a sitemap index, to be fetched in turn.
    pub sitemaps: Vec<Url>,
}

/// Parses a source body of the given kind. `base` resolves relative links.
pub fn discover(
    kind: SourceKind,
    base: &Url,
    body: &[u8],
    content_type: Option<&str>,
) -> anyhow::Result<Discovery> {
    match kind {
        SourceKind::Feed => parse_feed(base, body),
        SourceKind::Sitemap => parse_sitemap(base, body),
        SourceKind::Page => Ok(parse_section_page(
            base,
            &crate::fetch::decode_html(body, content_type),
        )),
    }
}

/// RSS 0.9x/1.0/2.0, Atom and JSON Feed, through feed-rs.
pub fn parse_feed(base: &Url, body: &[u8]) -> anyhow::Result<Discovery> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(base.as_str()))
        .build()
        .parse(body)
        .map_err(|e| anyhow::anyhow!("not a valid RSS, Atom or JSON feed: {e}"))?;
    let mut items = Vec::new();
    for entry in feed.entries {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first())
            .map(|l| l.href.clone())
            .or_else(|| entry.id.starts_with("http").then(|| entry.id.clone()));
        let Some(url) = link.and_then(|href| canon::resolve(Some(base), &href)) else {
            continue;
        };
        let summary = entry
            .summary
            .map(|t| t.content)
            .or_else(|| entry.content.and_then(|c| c.body))
            .map(|s| html_to_text(&s))
            .filter(|s| !s.is_empty());
        items.push(Discovered {
            url,
            title: entry
                .title
                .map(|t| html_to_text(&t.content))
                .filter(|s| !s.is_empty()),
            summary,
            published: entry.published.or(entry.updated),
        });
    }
    Ok(Discovery {
        items,
        sitemaps: Vec::new(),
    })
}

/// Sitemaps (`urlset`), sitemap indexes (`sitemapindex`) and Google News sitemaps.
pub fn parse_sitemap(base: &Url, body: &[u8]) -> anyhow::Result<Discovery> {
    let mut reader = quick_xml::Reader::from_reader(body);
    reader.config_mut().trim_text(true);
    let mut out = Discovery::default();
    let (mut in_url, mut in_sitemap) = (false, false);
    let mut text = String::new();
    let mut cur = (None::<String>, None::<String>, None::<String>); // loc, title, date
    let mut seen_root = false;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            anyhow::anyhow!(
                "malformed sitemap XML at byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(e) => {
                match e.local_name().as_ref().to_ascii_lowercase().as_str() {
                    "urlset" | "sitemapindex" => seen_root = true,
                    "url" => (in_url, cur) = (true, (None, None, None)),
                    "sitemap" => (in_sitemap, cur) = (true, (None, None, None)),
                    _ => {}
                }
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t.into_inner()),
            Event::GeneralRef(r) => text.push_str(&resolve_entity(&r)),
            Event::End(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                take_field(&name, text.trim().to_string(), &mut cur);
                text.clear();
                if name == "url" && in_url {
                    in_url = false;
                    if let Some(url) = cur.0.take().and_then(|l| canon::resolve(Some(base), &l)) {
                        out.items.push(Discovered {
                            url,
                            title: cur.1.take(),
                            summary: None,
                            published: cur.2.take().and_then(|d| parse_w3c_date(&d)),
                        });
                    }
                } else if name == "sitemap" && in_sitemap {
                    in_sitemap = false;
                    if let Some(url) = cur.0.take().and_then(|l| canon::resolve(Some(base), &l)) {
                        out.sitemaps.push(url);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !seen_root {
        anyhow::bail!("not a sitemap: no <urlset> or <sitemapindex> element");
    }
    Ok(out)
}

/// `&amp;`, `&#38;` and the other predefined references, which quick-xml reports as events.
fn resolve_entity(r: &quick_xml::events::BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.xml10_content().as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_string()
}

fn take_field(
    field: &str,
    text: String,
    cur: &mut (Option<String>, Option<String>, Option<String>),
) {
    if text.is_empty() {
        return;
    }
    match field {
        "loc" => cur.0 = Some(text),
        "title" => cur.1 = Some(text),
        "publication_date" => cur.2 = Some(text),
        "lastmod" if cur.2.is_none() => cur.2 = Some(text),
        _ => {}
    }
}

/// Dates as sitemaps write them: full RFC 3339, or a bare `YYYY-MM-DD`.
pub fn parse_w3c_date(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            let d = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
            Some(d.and_hms_opt(0, 0, 0)?.and_utc())
        })
}

/// Links on a section front page that look like articles of the same site.
pub fn parse_section_page(base: &Url, html: &str) -> Discovery {
    let doc = Html::parse_document(html);
    let anchors = Selector::parse("a[href]").expect("static selector");
    let mut items: Vec<Discovered> = Vec::new();
    for a in doc.select(&anchors) {
        let Some(url) = a
            .value()
            .attr("href")
            .and_then(|h| canon::resolve(Some(base), h))
        else {
            continue;
        };
        if !canon::same_site(base, &url) || url.path() == base.path() || !looks_like_article(&url) {
            continue;
        }
        let title = collapse_ws(&a.text().collect::<String>());
        match items.iter_mut().find(|d| d.url == url) {
            // The same link often appears as an image and as a headline: keep the longer text.
            Some(prev) if prev.title.as_ref().is_none_or(|t| t.len() < title.len()) => {
                prev.title = Some(title).filter(|t| !t.is_empty())
            }
            Some(_) => {}
            None => items.push(Discovered {
                url,
                title: Some(title).filter(|t| !t.is_empty()),
                summary: None,
                published: None,
            }),
        }
    }
    Discovery {
        items,
        sitemaps: Vec::new(),
    }
}

/// Article URLs have a long slug, a long numeric id or a date in the path;
/// section, tag, author and utility pages usually have none.
pub fn looks_like_article(url: &Url) -> bool {
    const NOT_ARTICLES: &[&str] = &[
        "tag",
        "tags",
        "topic",
        "topics",
        "author",
        "authors",
        "category",
        "section",
        "search",
        "login",
        "subscribe",
        "newsletter",
        "newsletters",
        "about",
        "contact",
        "privacy",
        "terms",
        "account",
        "feed",
        "rss",
        "weather",
        "podcasts",
        "events",
        "jobs",
        "careers",
        "shop",
    ];
    const FILE_EXT: &[&str] = &[
        ".jpg", ".jpeg", ".png", ".gif", ".pdf", ".xml", ".rss", ".css", ".js", ".mp3", ".mp4",
        ".zip", ".svg",
    ];
    let path = url.path().to_ascii_lowercase();
    if FILE_EXT.iter().any(|e| path.ends_with(e)) {
        return false;
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() || segments.iter().any(|s| NOT_ARTICLES.contains(s)) {
        return false;
    }
    let last = segments.last().copied().unwrap_or_default();
    let slug = last.trim_end_matches(".html").trim_end_matches(".htm");
    let words = slug.split(['-', '_']).filter(|w| w.len() > 1).count();
    let long_id = slug.chars().filter(char::is_ascii_digit).count() >= 5;
    let dated = segments.windows(2).any(|w| {
        w[0].len() == 4
            && w[0].starts_with("20")
            && w[0].parse::<u32>().is_ok()
            && w[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
    });
    words >= 4 || (long_id && segments.len() >= 2) || (dated && !slug.is_empty())
}

/// Plain text of a fragment of HTML (feed titles and summaries often carry markup).
pub fn html_to_text(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return collapse_ws(s);
    }
    let frag = Html::parse_fragment(s);
    collapse_ws(&frag.root_element().text().collect::<Vec<_>>().join(" "))
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_url_heuristic() {
        let yes = [
            "https://e.com/news/2025/06/ice-agents-arrest-workers-at-farm",
            "https://e.com/local/ice-raid-in-little-village-leaves-families-afraid",
            "https://e.com/news/story/12345678",
        ];
        let no = [
            "https://e.com/",
            "https://e.com/immigration/",
            "https://e.com/tag/ice-raids-in-the-city",
            "https://e.com/photo.jpg",
        ];
        for u in yes {
            assert!(looks_like_article(&Url::parse(u).unwrap()), "{u}");
        }
        for u in no {
            assert!(!looks_like_article(&Url::parse(u).unwrap()), "{u}");
        }
    }

    #[test]
    fn sitemap_dates() {
        assert!(parse_w3c_date("2025-06-01").is_some());
        assert!(parse_w3c_date("2025-06-01T10:00:00-05:00").is_some());
        assert!(parse_w3c_date("yesterday").is_none());
    }
}
