//! Article metadata: title, authors, dates, canonical URL, site name and
//! language, each taken from the first source that has it, in order of
//! trust: JSON-LD, `<meta>` (Open Graph, `article:*`, Dublin Core...),
//! the markup (`<time>`, bylines, `<h1>`, `<title>`), then the URL.

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
                if let Some(name) = e.attr(k) {
                    v.push((name.trim().to_ascii_lowercase(), content));
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

impl Meta {
    pub fn gather(t: &Table, url: Option<&url::Url>) -> Meta {
        let tags = MetaTags::new(t);
        let ld_docs: Vec<_> = t
            .scripts_ld
            .iter()
            .filter_map(|s| jsonld::parse(&inner(*s)))
            .collect();
        let ld = jsonld::find_article(&ld_docs).unwrap_or_default();
        let mut m = Meta {
            site_name: tags
                .get(&["og:site_name", "application-name"])
                .map(fold)
                .or(ld.publisher.clone()),
            ..Meta::default()
        };
        m.read_title(t, &tags, &ld);
        m.authors = authors(t, &tags, &ld);
        m.published = ld
            .published
            .as_deref()
            .and_then(dates::parse)
            .or_else(|| tags.get(PUBLISHED).and_then(dates::parse))
            .or_else(|| time_element(t))
            .or_else(|| url.and_then(|u| dates::from_url(u.as_str())));
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
        let candidates = [og, ld.headline.as_deref().map(fold), h1, doc_title];
        for c in candidates.iter().flatten() {
            self.headlines.push(key(c));
            if let Some(short) = self.strip_site(c) {
                self.headlines.push(key(&short));
            }
        }
        self.title = candidates
            .into_iter()
            .flatten()
            .next()
            .map(|c| self.strip_site(&c).unwrap_or(c));
    }

    /// "Headline | Site" or "Headline - Site" without the site part.
    fn strip_site(&self, title: &str) -> Option<String> {
        for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
            if let Some((head, tail)) = title.rsplit_once(sep) {
                let site_matches = self
                    .site_name
                    .as_deref()
                    .is_some_and(|s| key(s) == key(tail));
                if site_matches
                    || (tail.split_whitespace().count() <= 4 && head.len() > 2 * tail.len())
                {
                    return Some(head.trim().to_string());
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

fn authors(t: &Table, tags: &MetaTags, ld: &LdArticle) -> Vec<String> {
    let mut raw: Vec<String> = ld.authors.clone();
    if raw.is_empty() {
        raw = AUTHOR
            .iter()
            .flat_map(|k| tags.all(k))
            .map(str::to_string)
            .collect();
    }
    if raw.is_empty() {
        raw = t.bylines.iter().take(5).map(|e| inner(*e)).collect();
    }
    let mut out: Vec<String> = Vec::new();
    for r in raw {
        for name in split_names(&r) {
            if !out.iter().any(|o| key(o) == key(&name)) {
                out.push(name);
            }
        }
    }
    out
}

/// "By Jane Roe and John Doe, Associated Press" gives the two names;
/// URLs, e-mail addresses and long phrases give nothing.
fn split_names(s: &str) -> Vec<String> {
    let s = fold(s);
    if s.contains("://") || s.contains('@') || s.starts_with('/') || s.len() > 200 {
        return Vec::new();
    }
    let lower = s.to_lowercase();
    let s = if lower.starts_with("by ") {
        &s[3..]
    } else {
        &s[..]
    };
    s.split([',', ';', '|', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().trim_end_matches(['.', ':']).trim())
        .filter(|p| {
            let words = p.split_whitespace().count();
            (1..=5).contains(&words)
                && p.chars().next().is_some_and(char::is_uppercase)
                && !p.chars().any(|c| c.is_ascii_digit())
        })
        .filter(|p| !is_role(p))
        .map(str::to_string)
        .collect()
}

/// Affiliations that follow a byline's names.
fn is_role(p: &str) -> bool {
    let l = p.to_lowercase();
    [
        "associated press",
        "reuters",
        "staff",
        "writer",
        "correspondent",
        "editor",
        "reporter",
    ]
    .iter()
    .any(|r| l.contains(r))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            split_names("By Jane Roe and John Doe, Associated Press"),
            ["Jane Roe", "John Doe"]
        );
        assert!(split_names("https://facebook.com/someone").is_empty());
    }
}
