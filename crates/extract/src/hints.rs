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

/// Words of class and id values that mark rails and lists of other
/// stories: bylines and dates in them are not the story's. (Not "sidebar"
/// or "footer": a layout wrapper or an article's own footer may hold the
/// story's.)
#[rustfmt::skip]
const ELSEWHERE: &[&str] = &[
    "related", "recommended", "recommendations", "recirc", "popular", "trending", "widget",
    "widgets", "teaser", "promo", "outbrain", "taboola",
];

/// Words that name a publication date ("publish-date", "entry-date").
#[rustfmt::skip]
const DATE: &[&str] = &[
    "date", "pubdate", "published", "publish", "posted", "datetime", "timestamp",
    "publishdate", "publishtime",
];

/// Words that make a date class name another date: an update's, another
/// story's, an event's.
#[rustfmt::skip]
const NOT_DATE: &[&str] = &[
    "modified", "updated", "update", "related", "recommended", "comment", "comments", "card",
    "teaser", "event", "calendar",
];

/// Flags of a word besides its hint.
const F_DATE: u8 = 1;
const F_NOT_DATE: u8 = 2;
const F_ELSEWHERE: u8 = 4;
const F_EMBED: u8 = 8;

/// What one class or id word says.
#[derive(Clone, Copy, Default)]
struct Word {
    hint: Option<Hint>,
    flags: u8,
}

/// The word lists as one map, built once.
fn word_map() -> &'static HashMap<&'static str, Word> {
    static MAP: OnceLock<HashMap<&'static str, Word>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<&'static str, Word> = HashMap::new();
        // Later lists win: a word in STRONG and GOOD is STRONG.
        for (list, hint) in [(GOOD, Hint::Good), (BAD, Hint::Bad), (STRONG, Hint::Strong)] {
            for w in list {
                map.entry(w).or_default().hint = Some(hint);
            }
        }
        let flagged = [
            (DATE, F_DATE),
            (NOT_DATE, F_NOT_DATE),
            (ELSEWHERE, F_ELSEWHERE),
            (EMBED, F_EMBED),
        ];
        for (list, flag) in flagged {
            for w in list {
                map.entry(w).or_default().flags |= flag;
            }
        }
        map
    })
}

/// What an element's attributes say about it.
pub(crate) struct Verdict {
    pub hint: Hint,
    /// Its class or id names a publication date.
    pub date: bool,
    /// A menu or a rail of other stories (by its tag or class and id words):
    /// bylines and dates in it are not the story's.
    pub elsewhere: bool,
}

/// The combined hint and flags of the words of some class and id values.
/// Taxonomy classes ("tag-social", "category-comment") and state classes
/// ("has-post-thumbnail") name the topic, not the element, and are skipped.
fn read_words(values: [&str; 2]) -> (Hint, bool, u8) {
    let (mut hint, mut good, mut flags) = (Hint::Neutral, false, 0u8);
    let words = word_map();
    let mut buf = String::new();
    for v in values {
        for token in v.split_ascii_whitespace().filter(|t| !is_taxonomy(t)) {
            for_each_word(token, &mut buf, |w| {
                let Some(word) = words.get(w) else { return };
                flags |= word.flags;
                match word.hint {
                    Some(Hint::Strong) => hint = Hint::Strong,
                    Some(Hint::Bad) if hint != Hint::Strong => hint = Hint::Bad,
                    Some(Hint::Good) => good = true,
                    _ => {}
                }
            });
        }
    }
    (hint, good, flags)
}

fn names_date(flags: u8) -> bool {
    flags & F_DATE != 0 && flags & F_NOT_DATE == 0
}

/// Whether a class or id value names a publication date ("publish-date",
/// "entry-date", "timestamp"), not an update or another story's date.
pub(crate) fn says_published_date(v: &str) -> bool {
    names_date(read_words([v, ""]).2)
}

/// Classifies one element.
pub(crate) fn classify(tag: &str, a: &Attrs) -> Verdict {
    // The classes of <html> and <body> describe the page (feature flags,
    // templates), not a part of it.
    if tag == "html" || tag == "body" {
        return Verdict {
            hint: Hint::Neutral,
            date: false,
            elsewhere: false,
        };
    }
    let (words, good, flags) = read_words([a.class, a.id]);
    let hint = if a.itemprop.eq_ignore_ascii_case("articleBody") {
        Hint::Good
    } else if matches!(
        a.itemprop,
        "author" | "headline" | "datePublished" | "publisher" | "name"
    ) || BAD_ROLES
        .iter()
        .any(|r| a.role.trim().eq_ignore_ascii_case(r))
    {
        Hint::Bad
    } else if [a.class, a.id]
        .iter()
        .any(|v| contains_ci(v, "sr-only") || contains_ci(v, "screen-reader"))
    {
        Hint::Strong
    } else {
        match (words, BAD_TAGS.contains(&tag)) {
            (Hint::Strong, _) => Hint::Strong,
            // An embedded post is part of the story.
            (Hint::Bad, _) | (_, true) if flags & F_EMBED != 0 => Hint::Neutral,
            (Hint::Bad, _) | (_, true) => Hint::Bad,
            _ if good => Hint::Good,
            _ => Hint::Neutral,
        }
    };
    Verdict {
        hint,
        date: names_date(flags),
        elsewhere: tag == "nav" || flags & F_ELSEWHERE != 0,
    }
}

/// Calls `f` with each lower-cased word of a class or id value. Words break
/// at non-alphanumerics and at lower-to-upper case changes ("shareTools").
/// `word` is a scratch buffer, reused across calls.
fn for_each_word(v: &str, word: &mut String, mut f: impl FnMut(&str)) {
    word.clear();
    let mut prev_lower = false;
    for c in v.chars() {
        let alnum = c.is_ascii_alphanumeric();
        if (!alnum || (prev_lower && c.is_ascii_uppercase())) && !word.is_empty() {
            f(word);
            word.clear();
        }
        if alnum {
            word.push(c.to_ascii_lowercase());
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if !word.is_empty() {
        f(word);
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
        .hint
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
        assert_eq!(class("social-embed"), Hint::Neutral);
        assert_eq!(class("sr-only article-body"), Hint::Strong);
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
