//! Article metadata: title, authors, dates, canonical URL, site name and
//! language, each taken from the first source that has it, in order of
//! trust: JSON-LD, `<meta>` (Open Graph, `article:*`, Dublin Core...),
//! the markup (`<time>`, bylines, `<h1>`, `<title>`), then the URL.

use crate::authors;
use crate::body::BodyHints;
use crate::dates;
use crate::dom::Table;
use crate::jsonld::{self, LdArticle};
use crate::text::{fold, key};
use chrono::{DateTime, Utc};
use scraper::ElementRef;

/// What was found; see [`crate::Article`] for the fields.
#[derive(Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<DateTime<Utc>>,
    pub modified: Option<DateTime<Utc>>,
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    /// Every headline variant seen, to drop it from the body.
    headlines: Vec<String>,
}

/// `<meta>` values keyed by lower-cased property/name/itemprop/http-equiv.
struct MetaTags<'a>(Vec<(String, &'a str)>);

impl<'a> MetaTags<'a> {
    fn new(t: &Table<'a>) -> Self {
        let mut v = Vec::with_capacity(t.metas.len());
        for m in &t.metas {
            let e = m.value();
            let Some(content) = e.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
                continue;
            };
            for k in ["property", "name", "itemprop", "http-equiv"] {
                // itemprop="datePublished dateCreated" names two properties.
                for name in e.attr(k).into_iter().flat_map(str::split_ascii_whitespace) {
                    v.push((name.to_ascii_lowercase(), content));
                }
            }
        }
        MetaTags(v)
    }

    /// The first value for any of `keys`, in the order of `keys`.
    fn get(&self, keys: &[&str]) -> Option<&'a str> {
        keys.iter()
            .find_map(|k| self.0.iter().find(|(n, _)| n == k).map(|(_, c)| *c))
    }

    fn all<'s>(&'s self, k: &'s str) -> impl Iterator<Item = &'a str> + 's {
        self.0.iter().filter(move |(n, _)| n == k).map(|(_, c)| *c)
    }
}

const PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
    "article.published",
    "og:pubdate",
];
const MODIFIED: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
    "article.updated",
];
const AUTHOR: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
];

/// Section labels that open some titles ("Opinion | Headline").
const SECTIONS: &[&str] = &[
    "opinion",
    "analysis",
    "editorial",
    "commentary",
    "column",
    "review",
    "perspective",
    "exclusive",
    "breaking",
    "breaking news",
    "live",
    "video",
    "watch",
    "photos",
];

impl Meta {
    pub fn gather(t: &Table, url: Option<&url::Url>) -> Meta {
        let tags = MetaTags::new(t);
        let mut ld_docs = Vec::new();
        let mut broken = None;
        for script in &t.scripts_ld {
            let src = inner(*script);
            match jsonld::parse(&src) {
                Some(v) => ld_docs.push(v),
                None if broken.is_none() => broken = jsonld::scan(&src),
                None => {}
            }
        }
        let mut ld = jsonld::find_article(&ld_docs).unwrap_or_default();
        if let Some(b) = broken {
            ld.fill(b);
        }
        let mut m = Meta {
            site_name: tags
                .get(&["og:site_name", "application-name"])
                .map(fold)
                .or(ld.publisher.clone()),
            ..Meta::default()
        };
        m.read_title(t, &tags, &ld);
        let meta_authors: Vec<&str> = AUTHOR.iter().flat_map(|k| tags.all(k)).collect();
        m.authors = authors::authors(t, &ld.authors, &meta_authors, m.site_name.as_deref());
        let from_url = url.and_then(|u| dates::from_url(u.as_str()));
        let sources: [&dyn Fn() -> Option<DateTime<Utc>>; 6] = [
            &|| ld.published.as_deref().and_then(dates::parse),
            &|| tags.get(PUBLISHED).and_then(dates::parse),
            &|| marked_date(t),
            &|| time_element(t),
            &|| class_date(t, from_url),
            &|| from_url,
        ];
        m.published = dates::most_precise(&sources);
        m.modified = ld
            .modified
            .as_deref()
            .and_then(dates::parse)
            .or_else(|| tags.get(MODIFIED).and_then(dates::parse));
        m.canonical_url = canonical(t, &tags, url);
        m.lang = language(t, &tags, &ld);
        m
    }

    fn read_title(&mut self, t: &Table, tags: &MetaTags, ld: &LdArticle) {
        let h1 =
            t.h1.iter()
                .map(|h| fold(&inner(*h)))
                .find(|s| !s.is_empty());
        let doc_title = t.title.map(|e| fold(&inner(e))).filter(|s| !s.is_empty());
        let og = tags.get(&["og:title", "twitter:title"]).map(fold);
        let candidates = [og, ld.headline.as_deref().map(fold), h1.clone(), doc_title];
        let strip = |c: &str| self.strip_site(c, h1.as_deref());
        let mut headlines = Vec::new();
        for c in candidates.iter().flatten() {
            headlines.push(key(c));
            if let Some(short) = strip(c) {
                headlines.push(key(&short));
            }
        }
        self.title = candidates
            .into_iter()
            .flatten()
            // The site's name is not a headline.
            .find(|c| self.site_name.as_deref().is_none_or(|s| key(s) != key(c)))
            .map(|c| strip(&c).unwrap_or(c));
        self.headlines = headlines;
    }

    /// The headline without the site or section name that a title adds:
    /// "Headline | Site", "Headline - Site", "Opinion | Headline", or the
    /// page's `<h1>` when the title is the `<h1>` plus such a part.
    fn strip_site(&self, title: &str, h1: Option<&str>) -> Option<String> {
        const SEPARATORS: [&str; 6] =
            [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: ", " \u{b7} "];
        let site = self.site_name.as_deref().map(key);
        let is_site = |part: &str| site.as_deref().is_some_and(|s| s == key(part));
        let h1 = h1.map(key).filter(|h| h.chars().count() >= 12);
        let is_h1 = |part: &str| h1.as_deref().is_some_and(|h| h == key(part));
        for sep in SEPARATORS {
            if let Some((head, tail)) = title.rsplit_once(sep) {
                if is_site(tail)
                    || is_h1(head)
                    || (tail.split_whitespace().count() <= 4 && head.len() > 2 * tail.len())
                {
                    return Some(head.trim().to_string());
                }
            }
            if let Some((head, tail)) = title.split_once(sep) {
                let label = head.split_whitespace().count() <= 2
                    && SECTIONS.contains(&head.trim().to_lowercase().as_str());
                if is_site(head) || is_h1(tail) || label {
                    return Some(tail.trim().to_string());
                }
            }
        }
        None
    }

    pub fn body_hints(&self) -> BodyHints {
        BodyHints {
            titles: self.headlines.clone(),
        }
    }
}

/// The text of an element (for `<title>`, `<h1>`, scripts).
fn inner(e: ElementRef) -> String {
    e.text().collect()
}

/// A date in an element's machine-readable attribute or, failing that, in
/// its text (short texts only).
fn element_date(e: ElementRef) -> Option<DateTime<Utc>> {
    let v = e.value();
    let attr = ["datetime", "content", "data-timestamp", "title"]
        .iter()
        .filter_map(|a| v.attr(a))
        .find_map(dates::parse);
    attr.or_else(|| {
        let text: String = e.text().take(20).collect();
        (text.len() < 120).then(|| dates::parse(&text)).flatten()
    })
}

/// The first element marked `itemprop=datePublished` that holds a date.
fn marked_date(t: &Table) -> Option<DateTime<Utc>> {
    t.dates
        .iter()
        .filter(|d| d.marked)
        .find_map(|d| element_date(d.el))
}

/// The first date in an element whose class says "publish date", those
/// after the headline first. It must agree with the URL's date, when the
/// URL has one (a class date may be another story's, or today's).
fn class_date(t: &Table, from_url: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    let found = [true, false].iter().find_map(|&after| {
        t.dates
            .iter()
            .filter(|d| !d.marked && d.after_h1 == after)
            .find_map(|d| element_date(d.el))
    })?;
    match from_url {
        Some(u) if (found - u).num_hours().abs() > 48 => None,
        _ => Some(found),
    }
}

/// The first `<time>` with a machine-readable date, preferring one marked as
/// the publication date.
fn time_element(t: &Table) -> Option<DateTime<Utc>> {
    let marked = |e: &ElementRef| {
        let v = e.value();
        v.attr("pubdate").is_some()
            || v.attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
    };
    let parse = |e: &ElementRef| {
        e.value()
            .attr("datetime")
            .and_then(dates::parse)
            .or_else(|| dates::parse(&inner(*e)))
    };
    t.times
        .iter()
        .filter(|e| marked(e))
        .find_map(parse)
        .or_else(|| t.times.iter().take(3).find_map(parse))
}

fn canonical(t: &Table, tags: &MetaTags, url: Option<&url::Url>) -> Option<String> {
    let link = t.links.iter().find_map(|l| {
        let e = l.value();
        let rel = e.attr("rel")?;
        rel.split_ascii_whitespace()
            .any(|r| r.eq_ignore_ascii_case("canonical"))
            .then(|| e.attr("href"))
            .flatten()
    });
    let href = link.or_else(|| tags.get(&["og:url"]))?.trim();
    if href.is_empty() {
        return None;
    }
    match url {
        Some(base) => base.join(href).ok().map(String::from),
        None => url::Url::parse(href).ok().map(String::from),
    }
}

fn language(t: &Table, tags: &MetaTags, ld: &LdArticle) -> Option<String> {
    let html = t.html.and_then(|h| {
        h.value()
            .attr("lang")
            .or_else(|| h.value().attr("xml:lang"))
    });
    let raw = html
        .or_else(|| tags.get(&["content-language", "language", "dc.language", "og:locale"]))
        .or(ld.language.as_deref())?;
    let first = raw.split([',', ';']).next()?.trim().replace('_', "-");
    let ok = !first.is_empty()
        && first.len() <= 20
        && first.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then_some(first)
}
