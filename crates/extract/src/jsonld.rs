//! JSON-LD: finds the article object (NewsArticle, BlogPosting...) in any
//! `<script type="application/ld+json">`, also inside `@graph` or arrays, and
//! reads its fields. Authors given as `{"@id": ...}` references (as Yoast
//! writes them) are looked up in the rest of the graph; fields the article
//! object lacks are taken from the page object (WebPage, ClaimReview...).
//! Scripts that are not valid JSON are scanned for the plain string fields.

use serde_json::{Map, Value};
use std::collections::HashMap;

/// The fields of the page's article object that the extractor uses.
#[derive(Default, Debug)]
pub(crate) struct LdArticle {
    pub headline: Option<String>,
    pub authors: LdAuthors,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub publisher: Option<String>,
    pub language: Option<String>,
}

impl LdArticle {
    /// Fills the fields this one lacks from `other`.
    pub fn fill(&mut self, other: LdArticle) {
        self.headline = self.headline.take().or(other.headline);
        self.published = self.published.take().or(other.published);
        self.modified = self.modified.take().or(other.modified);
        self.publisher = self.publisher.take().or(other.publisher);
        self.language = self.language.take().or(other.language);
        if self.authors.names.is_empty() {
            self.authors = other.authors;
        }
    }
}

/// The article's authors.
#[derive(Default, Debug)]
pub(crate) struct LdAuthors {
    pub names: Vec<String>,
    /// They are all organizations.
    pub orgs: bool,
}

/// How many JSON values the search visits at most.
const BUDGET: usize = 10_000;

/// Parses one script's text; broken JSON gives nothing.
pub(crate) fn parse(src: &str) -> Option<Value> {
    let src = src.trim().trim_end_matches(';');
    serde_json::from_str(src).ok().or_else(|| {
        // Raw newlines and tabs inside strings are a common publisher error.
        let cleaned: String = src
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        serde_json::from_str(&cleaned).ok()
    })
}

fn is_article_type(v: &Value) -> bool {
    let is = |s: &str| {
        s.ends_with("Article") || s.ends_with("BlogPosting") || s == "Report" || s == "Review"
    };
    match v {
        Value::String(s) => is(s),
        Value::Array(a) => a.iter().any(|x| x.as_str().is_some_and(is)),
        _ => false,
    }
}

fn has_type(o: &Map<String, Value>, name: &str) -> bool {
    match o.get("@type") {
        Some(Value::String(s)) => s == name,
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(name)),
        _ => false,
    }
}

/// Every object of the parsed scripts, in document order, visited
/// iteratively with a fixed budget.
fn objects(docs: &[Value]) -> Vec<&Map<String, Value>> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = docs.iter().rev().collect();
    let mut budget = BUDGET;
    while let Some(v) = stack.pop() {
        budget -= 1;
        if budget == 0 {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                out.push(o);
                for key in [
                    "itemListElement",
                    "mainEntityOfPage",
                    "mainEntity",
                    "@graph",
                ] {
                    if let Some(x) = o.get(key) {
                        stack.push(x);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Finds the article object among the parsed scripts and reads it.
pub(crate) fn find_article(docs: &[Value]) -> Option<LdArticle> {
    let objs = objects(docs);
    let ids: HashMap<&str, &Map<String, Value>> = objs
        .iter()
        .filter_map(|o| Some((o.get("@id")?.as_str()?, *o)))
        .filter(|(_, o)| o.len() > 1)
        .collect();
    let article = objs
        .iter()
        .find(|o| o.get("@type").is_some_and(is_article_type));
    // A page object with a date stands in for a missing article object or
    // fills the fields it lacks.
    let page = objs
        .iter()
        .find(|o| o.contains_key("datePublished") && o.contains_key("@type"));
    let mut found = article.or(page).map(|o| read(o, &ids))?;
    if let Some(p) = page.filter(|_| article.is_some()) {
        let headline = found.headline.take();
        found.fill(read(p, &ids));
        found.headline = headline;
    }
    Some(found)
}

fn read(o: &Map<String, Value>, ids: &HashMap<&str, &Map<String, Value>>) -> LdArticle {
    let s = |k: &str| o.get(k).and_then(text);
    LdArticle {
        headline: s("headline").or_else(|| s("name")),
        authors: o
            .get("author")
            .or_else(|| o.get("creator"))
            .map(|v| authors(v, ids))
            .unwrap_or_default(),
        published: s("datePublished").or_else(|| s("dateCreated")),
        modified: s("dateModified"),
        publisher: o
            .get("publisher")
            .and_then(|p| names(p, ids).into_iter().next())
            .map(|(n, _)| n),
        language: s("inLanguage"),
    }
}

/// A string, or the first string of an array, or an object's "@value".
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(crate::text::unescape(s.trim())).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(text),
        Value::Object(o) => o.get("@value").and_then(text),
        _ => None,
    }
}

/// Names of a Person/Organization value, a string or a list of either, with
/// whether each is an organization. `{"@id": ...}` references are resolved.
fn names(v: &Value, ids: &HashMap<&str, &Map<String, Value>>) -> Vec<(String, bool)> {
    let one = |x: &Value| match x {
        Value::Object(o) => {
            let o = match (o.get("name"), o.get("@id").and_then(Value::as_str)) {
                (None, Some(id)) => ids.get(id).copied().unwrap_or(o),
                _ => o,
            };
            Some((o.get("name").and_then(text)?, has_type(o, "Organization")))
        }
        _ => text(x).map(|n| (n, false)),
    };
    match v {
        Value::Array(a) => a.iter().filter_map(one).collect(),
        _ => one(v).into_iter().collect(),
    }
}

/// Author names; organizations only when no person is named.
fn authors(v: &Value, ids: &HashMap<&str, &Map<String, Value>>) -> LdAuthors {
    let all = names(v, ids);
    let people = all.iter().any(|(_, org)| !org);
    LdAuthors {
        names: all
            .into_iter()
            .filter(|(_, org)| !(people && *org))
            .map(|(n, _)| n)
            .collect(),
        orgs: !people,
    }
}

/// The string fields of a script that is not valid JSON (an unescaped
/// quote in a description is common), found by a plain scan.
pub(crate) fn scan(src: &str) -> Option<LdArticle> {
    if !src.contains("datePublished") && !src.contains("headline") {
        return None;
    }
    let author = field(src, "author").or_else(|| {
        let i = src.find("\"author\"")?;
        let mut end = src.len().min(i + 300);
        while !src.is_char_boundary(end) {
            end -= 1;
        }
        field(&src[i..end], "name")
    });
    Some(LdArticle {
        headline: field(src, "headline"),
        authors: LdAuthors {
            names: author.into_iter().collect(),
            orgs: false,
        },
        published: field(src, "datePublished"),
        modified: field(src, "dateModified"),
        ..LdArticle::default()
    })
}

/// The string value of the first `"key": "value"` in `src`.
fn field(src: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\"");
    let mut rest = src;
    while let Some(i) = rest.find(&pat) {
        rest = &rest[i + pat.len()..];
        let Some(v) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let Some(v) = v.trim_start().strip_prefix('"') else {
            continue;
        };
        let end = v.find('"')?;
        let value = v[..end].trim();
        return (!value.is_empty()).then(|| value.to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_and_authors() {
        let v = parse(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
            {"@type":["NewsArticle"],"headline":"H","author":[{"@type":"Person","name":"A B"},"C D"],
             "datePublished":"2019-11-20","publisher":{"@type":"Organization","name":"Pub"}}]}"#,
        )
        .unwrap();
        let a = find_article(&[v]).unwrap();
        assert_eq!(a.headline.as_deref(), Some("H"));
        assert_eq!(a.authors.names, ["A B", "C D"]);
        assert_eq!(a.publisher.as_deref(), Some("Pub"));
    }

    #[test]
    fn references_and_page_objects() {
        let v = parse(
            r#"{"@graph":[{"@type":"WebPage","@id":"p","datePublished":"2019-11-20T10:00:00Z"},
            {"@type":"Article","headline":"H","author":{"@id":"https://x.org/me"},"isPartOf":{"@id":"p"}},
            {"@type":"Person","@id":"https://x.org/me","name":"Ann Lee"}]}"#,
        )
        .unwrap();
        let a = find_article(&[v]).unwrap();
        assert_eq!(a.authors.names, ["Ann Lee"]);
        assert_eq!(a.published.as_deref(), Some("2019-11-20T10:00:00Z"));
        let claim = parse(r#"{"@type":"ClaimReview","datePublished":"2019-11-18"}"#).unwrap();
        assert_eq!(
            find_article(&[claim]).unwrap().published.as_deref(),
            Some("2019-11-18")
        );
    }

    #[test]
    fn organizations_only_without_people() {
        let v = parse(
            r#"{"@type":"NewsArticle","author":[{"@type":"Person","name":"Jo Ro"},{"@type":"Organization","name":"CNN"}]}"#,
        )
        .unwrap();
        assert_eq!(find_article(&[v]).unwrap().authors.names, ["Jo Ro"]);
    }

    #[test]
    fn broken_json_is_scanned() {
        let src = r#"{"@type": "Article", "description": "a "quoted" word",
            "headline": "H", "datePublished": "2018-04-18", "author": {"@type": "Person", "name": "Ann Lee"}}"#;
        assert!(parse(src).is_none());
        let a = scan(src).unwrap();
        assert_eq!(a.published.as_deref(), Some("2018-04-18"));
        assert_eq!(a.authors.names, ["Ann Lee"]);
        assert_eq!(a.headline.as_deref(), Some("H"));
    }

    #[test]
    fn raw_newline_in_string() {
        assert!(parse("{\"@type\":\"Article\",\"headline\":\"a\nb\"}").is_some());
    }
}
