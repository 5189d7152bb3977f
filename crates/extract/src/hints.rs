//! What an element's tag, class, id, role and itemprop say about it: page
//! furniture (menus, share bars, captions, comments...) or article body.
//!
//! Class and id values are split into lower-case words ("shareTools" and
//! "share-tools" both give "share", "tools") and the words are looked up in
//! short lists, so "ad" matches `class="ad top-ad"` but not "header".

use std::collections::HashMap;
use std::sync::OnceLock;

/// The verdict on one element, before the text statistics are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hint {
    Neutral,
    /// Looks like the article body ("article-body", itemprop=articleBody).
    Good,
    /// Looks like furniture; dropped unless it holds most of the page's text
    /// (some sites put the whole page in a `<form>` or a "main-has-sidebar").
    Bad,
    /// Comments and the like: dropped whatever they hold.
    Strong,
}

/// Attributes of an element that the hints need.
#[derive(Default)]
pub(crate) struct Attrs<'a> {
    pub class: &'a str,
    pub id: &'a str,
    pub role: &'a str,
    pub itemprop: &'a str,
}

/// Words that mark comment sections, whatever else the element holds.
#[rustfmt::skip]
const STRONG: &[&str] = &[
    "comment", "comments", "commentlist", "disqus", "respond", "replies", "reply",
];

/// Words that mark page furniture.
#[rustfmt::skip]
const BAD: &[&str] = &[
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit",
    "dfp", "gpt", "share", "shares", "sharing", "sharebar", "social", "socials", "related",
    "recommended", "recommendations", "recirc", "promo", "promotion", "newsletter", "subscribe",
    "subscription", "signup", "cookie", "cookies", "consent", "gdpr", "banner", "sponsor",
    "sponsored", "sidebar", "footer", "masthead", "nav", "navbar", "navigation", "menu",
    "breadcrumb", "breadcrumbs", "byline", "bylines", "author", "authors", "timestamp",
    "caption", "captions", "credit", "credits", "popup", "modal", "widget",
    "widgets", "outbrain", "taboola", "toolbar", "tools", "tags", "tag", "pagination", "pager",
    "trending", "popular", "meta", "bio", "gallery", "slideshow", "headline", "kicker", "rating",
    "follow", "donate", "paywall", "login", "overlay", "lightbox", "teaser", "skip", "alert",
    "figure", "figcaption", "photo", "image", "img", "hidden", "print", "tooltip", "popover",
    "rollover", "hovercard",
];

/// Words that mark the article body.
#[rustfmt::skip]
const GOOD: &[&str] = &[
    "articlebody", "article", "body", "content", "entry", "post", "story", "text", "prose",
];

/// Words that mark an embedded post (a tweet, a quoted status) that the
/// story quotes: part of the story even when also called a "social" widget.
const EMBED: &[&str] = &["embed", "embedded", "tweet"];

/// Tags that are furniture by themselves.
#[rustfmt::skip]
const BAD_TAGS: &[&str] = &[
    "nav", "aside", "footer", "header", "form", "figure", "figcaption", "h1", "dialog", "menu",
    "fieldset", "address",
];

#[rustfmt::skip]
const BAD_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert", "menu",
    "menubar", "toolbar", "tablist",
];

/// The word lists as one map, built once.
fn word_hints() -> &'static HashMap<&'static str, Hint> {
    static MAP: OnceLock<HashMap<&'static str, Hint>> = OnceLock::new();
    MAP.get_or_init(|| {
        // Later lists win: a word in STRONG and GOOD is STRONG.
        let lists = [(GOOD, Hint::Good), (BAD, Hint::Bad), (STRONG, Hint::Strong)];
        lists
            .iter()
            .flat_map(|(l, h)| l.iter().map(move |w| (*w, *h)))
            .collect()
    })
}

/// Words of class and id values that mark rails and lists of other
/// stories: bylines and dates in them are not the story's. (Not "sidebar"
/// or "footer": a layout wrapper or an article's own footer may hold the
/// story's.)
#[rustfmt::skip]
const ELSEWHERE: &[&str] = &[
    "related", "recommended", "recommendations", "recirc", "popular", "trending", "widget",
    "widgets", "teaser", "promo", "outbrain", "taboola",
];

/// Whether an element is a menu or a rail of other stories, by its tag or
/// its class and id words.
pub(crate) fn is_elsewhere(tag: &str, a: &Attrs) -> bool {
    if tag == "nav" {
        return true;
    }
    let mut found = false;
    for v in [a.class, a.id] {
        for token in v.split_ascii_whitespace().filter(|t| !is_taxonomy(t)) {
            for_each_word(token, |w| found |= ELSEWHERE.contains(&w));
        }
    }
    found
}

/// Classifies one element.
pub(crate) fn classify(tag: &str, a: &Attrs) -> Hint {
    if a.itemprop.eq_ignore_ascii_case("articleBody") {
        return Hint::Good;
    }
    if matches!(
        a.itemprop,
        "author" | "headline" | "datePublished" | "publisher" | "name"
    ) {
        return Hint::Bad;
    }
    let role = a.role.trim();
    if BAD_ROLES.iter().any(|r| role.eq_ignore_ascii_case(r)) {
        return Hint::Bad;
    }
    let mut hint = if BAD_TAGS.contains(&tag) {
        Hint::Bad
    } else {
        Hint::Neutral
    };
    // The classes of <html> and <body> describe the page (feature flags,
    // templates), not a part of it.
    if tag == "html" || tag == "body" {
        return hint;
    }
    let (mut good, mut embed) = (false, false);
    let words = word_hints();
    let mut on_word = |w: &str| match words.get(w) {
        Some(Hint::Strong) => hint = Hint::Strong,
        Some(Hint::Bad) if hint != Hint::Strong => hint = Hint::Bad,
        Some(Hint::Good) => good = true,
        _ => embed |= EMBED.contains(&w),
    };
    for v in [a.class, a.id] {
        if contains_ci(v, "sr-only") || contains_ci(v, "screen-reader") {
            return Hint::Strong;
        }
        // Taxonomy classes ("tag-social", "category-comment") and state
        // classes ("has-post-thumbnail") name the topic, not the element.
        for token in v.split_ascii_whitespace().filter(|t| !is_taxonomy(t)) {
            for_each_word(token, &mut on_word);
        }
    }
    match hint {
        Hint::Bad if embed => Hint::Neutral,
        Hint::Neutral if good => Hint::Good,
        _ => hint,
    }
}

/// Whether a class or id value names a publication date ("publish-date",
/// "entry-date", "timestamp"), not an update or another story's date.
pub(crate) fn says_published_date(v: &str) -> bool {
    const MAYBE: &[&str] = &["date", "time", "publi", "posted"];
    if v.is_empty() || !MAYBE.iter().any(|m| contains_ci(v, m)) {
        return false;
    }
    let (mut date, mut other) = (false, false);
    for token in v.split_ascii_whitespace() {
        for_each_word(token, |w| match w {
            "date" | "pubdate" | "published" | "publish" | "posted" | "datetime" | "timestamp"
            | "publishdate" | "publishtime" => date = true,
            "modified" | "updated" | "update" | "related" | "recommended" | "comment"
            | "comments" | "card" | "teaser" | "event" | "calendar" => other = true,
            _ => {}
        });
    }
    date && !other
}

/// Calls `f` with each lower-cased word of a class or id value. Words break
/// at non-alphanumerics and at lower-to-upper case changes ("shareTools").
fn for_each_word(v: &str, mut f: impl FnMut(&str)) {
    let mut word = String::with_capacity(16);
    let mut prev_lower = false;
    for c in v.chars() {
        let alnum = c.is_ascii_alphanumeric();
        if (!alnum || (prev_lower && c.is_ascii_uppercase())) && !word.is_empty() {
            f(&word);
            word.clear();
        }
        if alnum {
            word.push(c.to_ascii_lowercase());
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if !word.is_empty() {
        f(&word);
    }
}

fn is_taxonomy(token: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "tag-",
        "tags-",
        "category-",
        "categories-",
        "has-",
        "format-",
        "status-",
        "type-",
    ];
    let t = token.as_bytes();
    PREFIXES
        .iter()
        .any(|p| t.len() > p.len() && t[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(c: &str) -> Hint {
        classify(
            "div",
            &Attrs {
                class: c,
                ..Default::default()
            },
        )
    }

    #[test]
    fn words() {
        assert_eq!(class("shareTools"), Hint::Bad);
        assert_eq!(class("top-ad"), Hint::Bad);
        assert_eq!(class("header-wrap"), Hint::Neutral);
        assert_eq!(class("article-body"), Hint::Good);
        assert_eq!(class("comment-content"), Hint::Strong);
        assert_eq!(class("entry-meta"), Hint::Bad);
        assert_eq!(class("shadow"), Hint::Neutral);
    }

    #[test]
    fn date_classes() {
        assert!(says_published_date("article-publish-date"));
        assert!(says_published_date("entry-date published"));
        assert!(says_published_date("storyTimestamp"));
        assert!(!says_published_date("date-modified"));
        assert!(!says_published_date("related-story-date"));
        assert!(!says_published_date("update"));
    }
}
