//! Author names: from JSON-LD, then `<meta>` author tags, then the page's
//! byline markup (`rel=author`, `itemprop=author`, then a "byline" or
//! "author" class). Each source's strings are cleaned the same way: "By",
//! "Posted by" and "Text:" openings go, "A and B" and "A, B" are split, and
//! job titles, credentials, dates and the site's own name are dropped.

use crate::dom::{Byline, Table};
use crate::jsonld::LdAuthors;
use crate::text::{fold, key};
use scraper::{ElementRef, Node};

/// At most this many byline elements are read.
const MAX_BYLINES: usize = 5;
/// Nodes read inside one byline element.
const MAX_BYLINE_NODES: usize = 200;

/// The authors, in page order, without duplicates. `meta` holds the values
/// of `<meta name=author>` and the like; `site` is the site's name.
pub(crate) fn authors(t: &Table, ld: &LdAuthors, meta: &[&str], site: Option<&str>) -> Vec<String> {
    let site = site.map(key).unwrap_or_default();
    let clean = |raw: &mut dyn Iterator<Item = String>| clean_names(raw, &site);
    let from_ld = clean(&mut ld.names.iter().cloned());
    // Organizations only when no other source names a person.
    if !ld.orgs && !from_ld.is_empty() {
        return from_ld;
    }
    let from_ld_orgs = from_ld;
    let from_meta = clean(&mut meta.iter().map(|s| s.to_string()));
    if !from_meta.is_empty() && from_meta.iter().all(|n| key(n) != site) {
        return from_meta;
    }
    let marked: Vec<&Byline> = t.bylines.iter().filter(|b| b.marked).collect();
    let dom = if marked.is_empty() {
        // The first byline element that names someone, read in its
        // innermost byline elements when it has some ("by <span
        // class=author>A and B</span> <span>Paper</span>").
        t.bylines
            .iter()
            .take(MAX_BYLINES)
            .map(|b| {
                let leaves = leaves(t, b);
                if leaves.is_empty() {
                    clean(&mut std::iter::once(byline_text(b.el)))
                } else {
                    clean(&mut leaves.iter().map(|l| byline_text(l.el)))
                }
            })
            .find(|n| !n.is_empty())
            .unwrap_or_default()
    } else {
        clean(&mut marked.iter().take(MAX_BYLINES).map(|b| byline_text(b.el)))
    };
    let found = if dom.is_empty() { from_meta } else { dom };
    if found.is_empty() {
        from_ld_orgs
    } else {
        found
    }
}

/// The names in some raw author strings, without duplicates. The site's
/// own name (`site`, a [`key`]) and agencies stand in for an author only
/// when no one else is named.
fn clean_names(raw: &mut dyn Iterator<Item = String>, site: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in raw {
        for name in split_names(&r) {
            if !out.iter().any(|o| key(o) == key(&name)) {
                out.push(name);
            }
        }
    }
    if out.len() > 1 || key(out.first().map_or("", String::as_str)) != site {
        out.retain(|n| key(n) != site);
    }
    if out.iter().any(|n| !is_agency(n)) {
        out.retain(|n| !is_agency(n));
    }
    out
}

/// The byline elements inside `b` that hold no other one (at most a few).
/// Bylines are in document order, so one holds another exactly when the
/// next one is inside it.
fn leaves<'t, 'a>(t: &'t Table<'a>, b: &Byline) -> Vec<&'t Byline<'a>> {
    let end = |x: &Byline| t.elems.get(x.idx).map_or(0, |e| e.end as usize);
    let nested: Vec<&Byline> = t
        .bylines
        .iter()
        .skip_while(|x| x.idx <= b.idx)
        .take_while(|x| x.idx < end(b))
        .take(4 * MAX_BYLINES)
        .collect();
    nested
        .iter()
        .enumerate()
        .filter(|(i, x)| nested.get(i + 1).is_none_or(|y| y.idx >= end(x)))
        .map(|(_, x)| *x)
        .collect()
}

/// The text of a byline element, leaving out dates, times and buttons, with
/// a comma where a line or block breaks ("by Jo Ro<br>Monday" gives
/// "by Jo Ro, Monday").
fn byline_text(el: ElementRef) -> String {
    let mut out = String::new();
    let Some(mut node) = el.first_child() else {
        return out;
    };
    for _ in 0..MAX_BYLINE_NODES {
        let mut descend = false;
        match node.value() {
            Node::Element(e) if !is_skipped(e) => {
                if !matches!(
                    e.name(),
                    "a" | "span" | "strong" | "b" | "em" | "i" | "font"
                ) {
                    out.push_str(", ");
                }
                descend = node.has_children();
            }
            Node::Text(s) => {
                out.push(' ');
                out.push_str(s);
            }
            _ => {}
        }
        if let Some(c) = node.first_child().filter(|_| descend) {
            node = c;
            continue;
        }
        loop {
            if let Some(n) = node.next_sibling() {
                node = n;
                break;
            }
            match node.parent() {
                Some(p) if p.id() != el.id() => node = p,
                _ => return out,
            }
        }
    }
    out
}

/// Parts of a byline that are not names.
fn is_skipped(e: &scraper::node::Element) -> bool {
    matches!(
        e.name(),
        "time" | "script" | "style" | "button" | "svg" | "img" | "noscript" | "template"
    ) || e
        .attr("class")
        .is_some_and(crate::hints::says_published_date)
}

/// Openings of a byline before the names, lower case.
const OPENINGS: &[&str] = &[
    "posted by ",
    "written by ",
    "words by ",
    "story by ",
    "text by ",
    "analysis by ",
    "commentary by ",
    "reported by ",
    "by ",
    "by:",
    "text:",
    "texto:",
    "autor:",
    "autora:",
    "author:",
    "authors:",
    "\u{442}\u{435}\u{43a}\u{441}\u{442}:",
    "\u{430}\u{432}\u{442}\u{43e}\u{440}:",
    "por ",
    "par ",
];

/// "By Jane Roe and John Doe, Associated Press" gives the two names;
/// URLs, e-mail addresses and long phrases give nothing.
pub(crate) fn split_names(s: &str) -> Vec<String> {
    let s = fold(s);
    let s = s.trim_start_matches([',', ' ']);
    if s.contains("://") || s.contains('@') || s.starts_with('/') || s.len() > 200 {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    let parts = s
        .split([',', ';', '|', '&', '\u{b7}', '\u{2022}'])
        .flat_map(|p| p.split(" and "))
        .map(strip_opening)
        .map(|p| p.trim().trim_end_matches(['.', ':']).trim())
        .filter(|p| !p.is_empty());
    for p in parts {
        // What follows a job title or an agency is an affiliation or a place.
        if is_role(p) {
            break;
        }
        // "MS", "RDN" after a name are credentials; alone, "AP" is a name.
        if is_name(p) && (out.is_empty() || !is_credential(p)) {
            out.push(p.to_string());
        }
        if is_agency(p) {
            break;
        }
    }
    out
}

/// News agencies: authors only when no person is named.
pub(crate) fn is_agency(p: &str) -> bool {
    const AGENCIES: &[&str] = &[
        "associated press",
        "the associated press",
        "ap",
        "reuters",
        "afp",
        "agence france-presse",
        "pti",
        "ians",
        "ani",
        "dpa",
        "xinhua",
        "efe",
        "ansa",
        "upi",
        "bloomberg",
        "cnn wire",
    ];
    AGENCIES.contains(&p.to_lowercase().as_str())
}

fn strip_opening(p: &str) -> &str {
    let mut p = p.trim();
    loop {
        let lower = p.to_lowercase();
        let Some(o) = OPENINGS.iter().find(|o| lower.starts_with(*o)) else {
            return p;
        };
        // Lower-casing keeps the byte length of these openings.
        match p.get(o.len()..) {
            Some(rest) => p = rest.trim_start(),
            None => return p,
        }
    }
}

/// One to five capitalised words, no digits, not a job title, credential,
/// leftover word or date.
fn is_name(p: &str) -> bool {
    // Particles of names that stay lower case.
    const PARTICLES: &[&str] = &[
        "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den",
        "la", "le", "bin", "al", "el", "y", "e",
    ];
    let words = p.split_whitespace().count();
    (1..=5).contains(&words)
        && p.split_whitespace().all(|w| {
            PARTICLES.contains(&w)
                || w.chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(|c| !c.is_lowercase())
        })
        && !p.chars().any(|c| c.is_ascii_digit())
        && !is_role(p)
        && !crate::dates::is_weekday_or_month(p)
}

/// Affiliations and job titles that follow a byline's names, and leftover
/// words of the byline markup.
fn is_role(p: &str) -> bool {
    const ROLES: &[&str] = &[
        "staff",
        "writer",
        "correspondent",
        "editor",
        "reporter",
        "contributor",
        "columnist",
        "commented on",
        "updated",
        "published",
    ];
    const WORDS: &[&str] = &["by", "and", "share", "follow", "email", "more", "posted"];
    let l = p.to_lowercase();
    ROLES.iter().any(|r| l.contains(r)) || WORDS.contains(&l.as_str())
}

/// Degrees and credentials after a name: "MS", "RDN", "Ph.D.".
fn is_credential(p: &str) -> bool {
    let letters: String = p.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.chars().filter(|c| c.is_uppercase()).count();
    !p.contains(' ')
        && (letters.eq_ignore_ascii_case("phd")
            || (letters.len() <= 4 && upper * 2 > letters.len() && upper >= 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            clean_names(
                &mut ["By Jane Roe and John Doe, Associated Press".to_string()].into_iter(),
                "thedaily"
            ),
            ["Jane Roe", "John Doe"]
        );
        let site = |s: &str| clean_names(&mut [s.to_string()].into_iter(), "thedaily");
        assert_eq!(site("The Daily"), ["The Daily"]);
        assert_eq!(site("Jo Ro, The Daily"), ["Jo Ro"]);
        assert!(split_names("https://facebook.com/someone").is_empty());
        assert_eq!(split_names("Posted by Vortex"), ["Vortex"]);
        assert_eq!(split_names("Analysis by Chris Roe"), ["Chris Roe"]);
        assert_eq!(split_names("Ilana Roe, MS, RDN"), ["Ilana Roe"]);
        assert_eq!(split_names("Jane Roe, Ph.D."), ["Jane Roe"]);
        assert_eq!(split_names("By Jeff Foust, Monday"), ["Jeff Foust"]);
        assert_eq!(split_names("Text: Ann Lee"), ["Ann Lee"]);
        assert_eq!(split_names("By"), Vec::<String>::new());
        assert_eq!(split_names("Reuters, Washington"), ["Reuters"]);
        assert_eq!(split_names("PTI"), ["PTI"]);
        assert_eq!(split_names("Print this article"), Vec::<String>::new());
        assert_eq!(split_names("Ana de la Cruz"), ["Ana de la Cruz"]);
        assert_eq!(split_names("山田太郎"), ["山田太郎"]);
    }
}
