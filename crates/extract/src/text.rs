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
    "continuereading",
    "continuereadingbelow",
    "continuereadingthemainstory",
    "storycontinuesbelow",
    "storycontinuesbelowadvertisement",
    "articlecontinuesbelow",
    "advertisementcontinuereadingbelow",
    "relatedarticles",
    "related",
    "relatedstories",
    "recommended",
    "morestories",
    "trending",
    "mostpopular",
    "skiptocontent",
    "skipadvertisement",
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
    "login",
    "register",
];

/// Openings (lower case) of short widget, promo or credit lines.
const FURNITURE_START: &[&str] = &[
    "share this",
    "share on ",
    "read more:",
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
}

/// Sign-offs, credits and promos that close many stories:
/// "X contributed to this report.", "Reporting by X; Editing by Y",
/// "Follow us on Twitter", newsletter and cookie notices.
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
    ANYWHERE.iter().any(|p| has(p))
        || START.iter().any(|p| lower.starts_with(p))
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
    fn furniture() {
        assert!(is_furniture_line("Share this:"));
        assert!(is_furniture_line("ADVERTISEMENT"));
        assert!(is_furniture_line("Read more: the other story"));
        assert!(!is_furniture_line("Sharing is caring, the mayor said."));
    }
}
