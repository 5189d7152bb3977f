//! JSON-LD: finds the article object (NewsArticle, BlogPosting...) in any
//! `<script type="application/ld+json">`, also inside `@graph` or arrays, and
//! reads its fields.

use serde_json::Value;

/// The fields of the page's article object that the extractor uses.
#[derive(Default, Debug)]
pub(crate) struct LdArticle {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub publisher: Option<String>,
    pub language: Option<String>,
}

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

/// Finds the first article object among the parsed scripts. The search is
/// iterative and stops after a fixed number of values.
pub(crate) fn find_article(docs: &[Value]) -> Option<LdArticle> {
    let mut stack: Vec<&Value> = docs.iter().rev().collect();
    let mut budget = 10_000;
    while let Some(v) = stack.pop() {
        budget -= 1;
        if budget == 0 {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                if o.get("@type").is_some_and(is_article_type) {
                    return Some(read(o));
                }
                for key in [
                    "@graph",
                    "mainEntity",
                    "mainEntityOfPage",
                    "itemListElement",
                ] {
                    if let Some(x) = o.get(key) {
                        stack.push(x);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

fn read(o: &serde_json::Map<String, Value>) -> LdArticle {
    let s = |k: &str| o.get(k).and_then(text);
    LdArticle {
        headline: s("headline").or_else(|| s("name")),
        authors: o
            .get("author")
            .or_else(|| o.get("creator"))
            .map(names)
            .unwrap_or_default(),
        published: s("datePublished").or_else(|| s("dateCreated")),
        modified: s("dateModified"),
        publisher: o.get("publisher").and_then(|p| names(p).into_iter().next()),
        language: s("inLanguage"),
    }
}

/// A string, or the first string of an array, or an object's "@value".
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(text),
        Value::Object(o) => o.get("@value").and_then(text),
        _ => None,
    }
}

/// Names of a Person/Organization value, a string or a list of either.
fn names(v: &Value) -> Vec<String> {
    let one = |x: &Value| match x {
        Value::Object(o) => o.get("name").and_then(text),
        _ => text(x),
    };
    match v {
        Value::Array(a) => a.iter().filter_map(one).collect(),
        _ => one(v).into_iter().collect(),
    }
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
        assert_eq!(a.authors, ["A B", "C D"]);
        assert_eq!(a.publisher.as_deref(), Some("Pub"));
    }

    #[test]
    fn raw_newline_in_string() {
        assert!(parse("{\"@type\":\"Article\",\"headline\":\"a\nb\"}").is_some());
    }
}
