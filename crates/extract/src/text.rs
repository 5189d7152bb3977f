//! Small text helpers: whitespace folding and the lines that are page
//! furniture whatever element they sit in.

/// Appends `s` to `buf`, folding every run of whitespace to one space and
/// dropping leading whitespace of the buffer.
pub(crate) fn push_folded(buf: &mut String, s: &str) {
    for c in s.chars() {
        if c.is_whitespace() {
            if !buf.is_empty() && !buf.ends_with(' ') {
                buf.push(' ');
            }
        } else {
            buf.push(c);
        }
    }
}

/// `s` with whitespace runs folded to one space and trimmed.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_folded(&mut out, s);
    out.truncate(out.trim_end().len());
    out
}

/// Decodes the HTML character references that publishers leave in JSON-LD
/// strings ("doesn&#8217;t", "A &amp; B").
pub(crate) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| match &rest[1..e] {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "nbsp" => Some(' '),
            r => {
                let n = r.strip_prefix('#')?;
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok()?,
                    None => n.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Lower-cases and keeps only letters and digits, so that "Share this:" and
/// "SHARE THIS" compare equal.
pub(crate) fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Exact lines (as [`key`]s) that are widgets, not prose.
const FURNITURE: &[&str] = &[
    "advertisement",
    "advertisements",
    "ad",
    "sponsored",
    "share",
    "sharethis",
    "shareon",
    "sharethisarticle",
    "sharethisstory",
    "sharethispage",
    "sharethispost",
    "tweet",
    "email",
    "print",
    "comments",
    "comment",
    "leaveareply",
    "leaveacomment",
    "postacomment",
    "readmore",
    "storycontinuesbelow",
    "storycontinuesbelowadvertisement",
    "articlecontinuesbelow",
    "relatedarticles",
    "related",
    "relatedstories",
    "recommended",
    "morestories",
    "trending",
    "mostpopular",
    "skiptocontent",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "copylink",
    "copied",
    "close",
    "menu",
    "search",
    "loading",
    "playvideo",
    "watch",
    "enlargethisimage",
    "photo",
    "image",
    "video",
    "listen",
    "listentothisarticle",
    "subscribe",
    "signup",
    "login",
    "register",
    "textsize",
    "fontsize",
    // Labels of tag and category lists.
    "tags",
    "tag",
    "topics",
    "categories",
    "category",
    "filedunder",
    // "Advertisement" in other languages.
    "advert",
    "adverts",
    "anzeige",
    "werbung",
    "publicidad",
    "publicidade",
    "publicit\u{e9}",
    "pubblicit\u{e0}",
    "reklama",
    "reklam",
    "iklan",
    "annonce",
    "an\u{fa}ncio",
    "advertentie",
    "mainos",
    "\u{5e3}\u{544a}",
    "\u{ad11}\u{ace0}",
    "\u{440}\u{435}\u{43a}\u{43b}\u{430}\u{43c}\u{430}",
    "categorias",
    "categor\u{ed}as",
    "cat\u{e9}gories",
    "kategorien",
];

/// Openings (lower case) of short widget, promo or credit lines.
const FURNITURE_START: &[&str] = &[
    "share this",
    "share on ",
    "read more:",
    "continue reading",
    "skip advertisement",
    "advertisement - continue reading",
    "advertisement \u{2013} continue reading",
    "read more about",
    "related:",
    "related coverage",
    "related articles",
    "related stories",
    "click here to subscribe",
    "sign up for",
    "subscribe to",
    "subscribe now",
    "follow us on",
    "follow us:",
    "filed under",
    "like us on",
    "leave a reply",
    "leave a comment",
    "copyright",
    "\u{a9}",
    "all rights reserved",
    "this material may not be published",
    "photo:",
    "photo by",
    "photos:",
    "photograph:",
    "image:",
    "image by",
    "image copyright",
    "image caption",
    "(photo",
    "(image",
    "credit:",
    "credits:",
    "courtesy of",
    "photo courtesy",
    "file photo",
    "getty images",
    "click to share",
    "email this",
    "print this",
    "your browser does not support",
    "advertisement",
    "sponsored content",
    "you might also like",
    "you may also like",
    "also read:",
    "see also:",
    "must read:",
    "please enable javascript",
    // The same in other languages: "read also", "you may like".
    "leggi anche",
    "lire aussi",
    "\u{e0} lire aussi",
    "lesen sie auch",
    "mehr zum thema",
    "leia tamb\u{e9}m",
    "leia mais",
    "lea tambi\u{e9}n",
    "lee tambi\u{e9}n",
    "voc\u{ea} pode gostar",
    "te puede interesar",
    "tell us what you think",
    "want more stories like this",
    "don't miss",
    "don\u{2019}t miss",
];

/// Openings (lower case) of the labels that head lists of links to other
/// stories: "Related", "More stories", "Read also"...
const RECIRCULATION: &[&str] = &[
    "related",
    "more stories",
    "more news",
    "more great",
    "more from",
    "more coverage",
    "more on this",
    "read more",
    "read also",
    "also read",
    "see also",
    "recommended",
    "you may also like",
    "you might also like",
    "you may like",
    "most read",
    "most popular",
    "most viewed",
    "trending",
    "further reading",
    "top stories",
    "latest stories",
    "latest news",
    "our latest stories",
    "what to read next",
    "leia tamb\u{e9}m",
    "leia mais",
    "veja tamb\u{e9}m",
    "lesen sie auch",
    "mehr zum thema",
    "leggi anche",
    "lire aussi",
    "\u{e0} lire aussi",
    "lee tambi\u{e9}n",
    "lea tambi\u{e9}n",
    "te puede interesar",
    "voc\u{ea} pode gostar",
];

/// Whether a short line is the label of a list of links to other stories.
pub(crate) fn is_recirculation_label(line: &str) -> bool {
    if line.len() >= 80 || line.split_whitespace().count() > 8 {
        return false;
    }
    let lower = line.to_lowercase();
    RECIRCULATION.iter().any(|p| {
        lower
            .strip_prefix(p)
            .is_some_and(|r| r.is_empty() || !r.starts_with(char::is_alphanumeric))
    })
}

/// Whether a short line is a widget label, promo or credit line.
pub(crate) fn is_furniture_line(line: &str) -> bool {
    if line.len() >= 500 {
        return false;
    }
    let lower = line.to_lowercase();
    if is_promo_or_credit(&lower) {
        return true;
    }
    if line.len() > 160 {
        return false;
    }
    let k = key(line);
    k.is_empty()
        || FURNITURE.contains(&k.as_str())
        || (line.len() < 120 && FURNITURE_START.iter().any(|p| lower.starts_with(p)))
        || crate::dates::is_date_line(line)
        || is_counter(&lower)
        || is_stamp(&lower)
        || is_byline(line, &lower)
}

/// A gallery counter: "Image 3 of 12", "Photo 2/5", "1 of 7".
fn is_counter(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let pair = |w: &[&str]| match w {
        [a, of, b] => {
            number(a) && number(b) && matches!(*of, "of" | "/" | "de" | "di" | "von" | "из")
        }
        [ab] => ab
            .split_once('/')
            .is_some_and(|(a, b)| number(a) && number(b)),
        _ => false,
    };
    match words.len() {
        1 | 3 => pair(&words),
        2 | 4 => pair(&words[1..]),
        _ => false,
    }
}

/// A byline left in the body as a plain paragraph: "By Jane Roe, Staff
/// Writer" (no sentence ends with a period after a few names).
fn is_byline(line: &str, lower: &str) -> bool {
    lower.starts_with("by ")
        && line.split_whitespace().count() <= 10
        && !line.ends_with(['.', '?', '!'])
        && !crate::authors::split_names(line).is_empty()
}

/// A short "Updated 1:23 p.m." or "Published 3 hours ago" line.
fn is_stamp(lower: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "updated",
        "last updated",
        "published",
        "posted",
        "modified",
        "actualizado",
        "publicado",
        "atualizado",
        "aktualisiert",
        "ver\u{f6}ffentlicht",
        "mis \u{e0} jour",
        "publi\u{e9}",
        "aggiornato",
        "pubblicato",
    ];
    lower.split_whitespace().count() <= 8
        && lower.bytes().any(|b| b.is_ascii_digit())
        && OPENINGS.iter().any(|o| {
            lower
                .strip_prefix(o)
                .is_some_and(|r| r.starts_with([' ', ':']))
        })
}

/// Sign-offs, credits and promos that close many stories:
/// "X contributed to this report.", "Reporting by X; Editing by Y",
/// "Follow us on Twitter", newsletter, app and cookie notices.
fn is_promo_or_credit(lower: &str) -> bool {
    const ANYWHERE: &[&str] = &[
        "contributed to this report",
        "contributed reporting",
        "contributed to this story",
        "additional reporting by",
        "editing by",
        "all rights reserved",
        "ad blocker",
        "adblocker",
        "(credit:",
        "(ap photo",
        "(photo:",
        "(photo by",
        "(photo courtesy",
        "(courtesy of",
        "(file photo",
        "(image:",
        "getty images)",
        "/ap)",
        "/reuters)",
        "image source:",
        "photo credit",
        "follow us on",
        "follow him on",
        "follow her on",
        "follow them on",
        "on twitter @",
    ];
    const START: &[&str] = &[
        "reporting by",
        "(reporting by",
        "writing by",
        "contributing:",
        "reach the reporter",
    ];
    let has = |w: &str| lower.contains(w);
    let social = lower.starts_with("follow ")
        && ["facebook", "twitter", "instagram", "tiktok", "linkedin"]
            .iter()
            .any(|n| has(n));
    let app_promo = ["download ", "get the ", "get our "]
        .iter()
        .any(|p| lower.starts_with(p))
        && (has(" app ") || has(" app.") || has(" apps"));
    ANYWHERE.iter().any(|p| has(p))
        || START.iter().any(|p| lower.starts_with(p))
        || app_promo
        || social
        || (has("newsletter") && (has("sign up") || has("subscrib") || has("inbox")))
        || (has("cookies") && (has("website") || has("this site") || has("privacy")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("  a \n\t b  "), "a b");
        let mut b = String::new();
        push_folded(&mut b, " x ");
        push_folded(&mut b, " y");
        assert_eq!(b, "x y");
    }

    #[test]
    fn entities() {
        assert_eq!(
            unescape("doesn&#8217;t &amp; &#x41; &bogus; a&b"),
            "doesn\u{2019}t & A &bogus; a&b"
        );
    }

    #[test]
    fn furniture() {
        assert!(is_furniture_line("Share this:"));
        assert!(is_furniture_line("ADVERTISEMENT"));
        assert!(is_furniture_line("Read more: the other story"));
        assert!(!is_furniture_line("Sharing is caring, the mayor said."));
        assert!(is_furniture_line("Image 3 of 12"));
        assert!(is_recirculation_label("More Great WIRED Stories"));
        assert!(is_recirculation_label("Related: "));
        assert!(!is_recirculation_label("Relatedly, the council voted"));
        assert!(is_furniture_line("1/5"));
        assert!(is_furniture_line("Updated at 1:23 p.m."));
        assert!(is_furniture_line("Tags:"));
        assert!(is_furniture_line("By Jane Roe and John Doe, Staff Writers"));
        assert!(!is_furniture_line("By Tuesday, the water had receded."));
        assert!(is_furniture_line(
            "Firefighters work at the scene on Monday. (AP Photo/Jane Roe)"
        ));
        assert!(!is_furniture_line(
            "Updated Police Identify Man, Woman Found Dead"
        ));
        assert!(!is_furniture_line(
            "He scored 3 of 5 goals in the second half."
        ));
    }
}
