//! A pre-pass that empties the elements no extraction step reads before the page is parsed:
//! scripts (except JSON-LD, which the metadata step reads), style sheets, and the never-visible
//! elements whose content is markup (`svg`, `math`, `template`, `select`, media and plug-ins).
//!
//! On the benchmark pages these hold 58% of the HTML bytes. Emptying them keeps every element
//! (the tree has the same shape, only without their insides), so the extractor sees the same
//! page, and html5ever builds fewer nodes and copies fewer strings.
//!
//! The scan follows the HTML tokenizer only as far as it must to find real tags: comments,
//! bogus comments and doctypes, attribute values in quotes, and the raw-text elements whose
//! content is not markup (`title`, `textarea`, `xmp`, `iframe`, `noembed`, `noframes`,
//! `noscript`). Anything it is not sure of is left as it is: a script whose text contains
//! `<!--` (the tokenizer's escaped states), an element without an end tag, a `<plaintext>`.
//! Leaving an element in place is always safe; it only costs parse time.

use memchr::{memchr, memchr3};
use std::borrow::Cow;

/// Elements whose content the tokenizer reads as text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Never-visible elements whose content is markup (the extractor skips them whole).
const HIDDEN_MARKUP: &[&str] = &[
    "svg", "math", "template", "select", "video", "audio", "canvas", "object",
];

/// A start or end tag found by [`next_tag`].
struct Tag {
    /// Index of `<`.
    start: usize,
    /// Index just past `>`.
    end: usize,
    name_start: usize,
    name_end: usize,
    is_end: bool,
}

/// `html` with the content of every element the extractor never reads removed.
/// Borrows the input when there is nothing to remove.
pub fn strip_unread_elements(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    // Start of the input not yet copied to `out`.
    let mut copied = 0;
    let mut i = 0;
    // Once one hidden element has no end tag, later ones are left alone: looking for each
    // one's end again would make a page of unclosed `<svg>`s quadratic.
    let mut unclosed_markup = false;
    while let Some(tag) = next_tag(b, i) {
        i = tag.end;
        if tag.is_end {
            continue;
        }
        let name = &b[tag.name_start..tag.name_end];
        let is = |n: &&str| name.eq_ignore_ascii_case(n.as_bytes());
        if name.eq_ignore_ascii_case(b"plaintext") {
            break;
        }
        let (close, drop) = if RAW_TEXT.iter().any(is) {
            let Some(close) = find_end_tag(b, tag.end, name) else {
                break;
            };
            let drop = if is(&"style") {
                true
            } else if is(&"script") {
                !is_json_ld(&b[tag.name_end..tag.end])
                    && find(&b[tag.end..close], 0, b"<!--").is_none()
            } else {
                false
            };
            (close, drop)
        } else if !unclosed_markup && HIDDEN_MARKUP.iter().any(is) && b[tag.end - 2] != b'/' {
            match matching_end(b, tag.end, name) {
                Some(close) => (close, true),
                None => {
                    unclosed_markup = true;
                    continue;
                }
            }
        } else {
            continue;
        };
        if drop && close > tag.end {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
            o.push_str(&html[copied..tag.end]);
            copied = close;
        }
        i = close;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

/// The next start or end tag at or after `from`, skipping comments, doctypes and stray `<`.
fn next_tag(b: &[u8], from: usize) -> Option<Tag> {
    let mut i = from;
    loop {
        let lt = i + memchr(b'<', b.get(i..)?)?;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(b, lt + 4, b"-->")? + 3;
        } else if rest.first().is_some_and(|&c| c == b'!' || c == b'?') {
            i = lt + 1 + memchr(b'>', rest)? + 1;
        } else {
            let is_end = rest.first() == Some(&b'/');
            let name_start = lt + 1 + is_end as usize;
            if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
                i = lt + 1;
                continue;
            }
            let name_end = name_start
                + b[name_start..]
                    .iter()
                    .take_while(|c| is_name_byte(**c))
                    .count();
            let end = tag_end(b, name_end)?;
            return Some(Tag {
                start: lt,
                end,
                name_start,
                name_end,
                is_end,
            });
        }
    }
}

/// Start of the end tag that closes the element named `name` whose content starts at `from`,
/// counting nested elements of the same name. Inside HTML content (not `svg` or `math`, where
/// the tokenizer reads every tag) raw-text elements are skipped whole, as the tokenizer does.
fn matching_end(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let foreign = name.eq_ignore_ascii_case(b"svg") || name.eq_ignore_ascii_case(b"math");
    let mut depth = 1;
    let mut i = from;
    while let Some(t) = next_tag(b, i) {
        i = t.end;
        let tag_name = &b[t.name_start..t.name_end];
        if !foreign
            && !t.is_end
            && RAW_TEXT
                .iter()
                .any(|n| tag_name.eq_ignore_ascii_case(n.as_bytes()))
        {
            i = find_end_tag(b, t.end, tag_name)?;
            continue;
        }
        if !tag_name.eq_ignore_ascii_case(name) {
            continue;
        }
        if t.is_end {
            depth -= 1;
            if depth == 0 {
                return Some(t.start);
            }
        } else if b[t.end - 2] != b'/' {
            depth += 1;
        }
    }
    None
}

fn is_name_byte(c: u8) -> bool {
    !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
}

/// Index just past the `>` that ends a tag whose attributes start at `from`, skipping quoted
/// attribute values (a quote opens a value only right after `=`); `None` when it never ends.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        i += memchr3(b'>', b'"', b'\'', b.get(i..)?)?;
        if b[i] == b'>' {
            return Some(i + 1);
        }
        let after_eq = b[from..i]
            .iter()
            .rev()
            .find(|c| !c.is_ascii_whitespace())
            .is_some_and(|&c| c == b'=');
        if after_eq {
            i += 1 + memchr(b[i], &b[i + 1..])?;
        }
        i += 1;
    }
}

/// Start of the first `</name` (any case) from `from` that the tokenizer takes as the end tag:
/// followed by white space, `/` or `>`.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(off) = find(b, i, b"</") {
        let at = off + 2;
        let end = at + name.len();
        if b.len() >= end
            && b[at..end].eq_ignore_ascii_case(name)
            && b.get(end).is_none_or(|&c| !is_name_byte(c) || c == b'/')
        {
            return Some(off);
        }
        i = at;
    }
    None
}

/// Whether a script tag's attributes say `type="application/ld+json"`.
fn is_json_ld(attrs: &[u8]) -> bool {
    attrs.windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

/// Position of `pat` in `b` at or after `from`.
fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, pat).map(|off| from + off)
}

#[cfg(test)]
mod tests {
    use super::strip_unread_elements as strip;

    #[test]
    fn empties_scripts_and_styles_but_keeps_json_ld() {
        let html = r#"<head><style>p{color:red}</style><script src="a.js"></script>
<script>var x = "<p>not text</p>";</script>
<script type="application/ld+json">{"@type":"NewsArticle"}</script></head>
<body><p>Kept</p><SCRIPT type=text/javascript>if (a<b) {}</SCRIPT ></body>"#;
        let out = strip(html);
        assert_eq!(
            out,
            r#"<head><style></style><script src="a.js"></script>
<script></script>
<script type="application/ld+json">{"@type":"NewsArticle"}</script></head>
<body><p>Kept</p><SCRIPT type=text/javascript></SCRIPT ></body>"#
        );
    }

    #[test]
    fn empties_hidden_markup_with_nesting() {
        let html = r#"<p>a</p><svg viewBox="0 0 1 1"><svg><path d="M0"/></svg><title>Icon</title></svg><p>b</p><select><option>x</option></select><svg/><p>c</p>"#;
        assert_eq!(
            strip(html),
            r#"<p>a</p><svg viewBox="0 0 1 1"></svg><p>b</p><select></select><svg/><p>c</p>"#
        );
        // Without its end tag an element is left to the tokenizer.
        assert_eq!(strip("<svg><path/><p>a</p>"), "<svg><path/><p>a</p>");
        // A script inside HTML content is raw text: its `</template>` is not the end.
        assert_eq!(
            strip("<template><script>x='</template>'</script></template><p>a</p>"),
            "<template></template><p>a</p>"
        );
    }

    #[test]
    fn leaves_what_only_looks_like_a_script() {
        for html in [
            // In a comment, an attribute value, a title or a textarea it is text, not a tag.
            "<!-- <script>x</script> --><p>a</p>",
            r#"<div data-x="<script>x</script>">a</div>"#,
            r#"<div title='x'  data-x = '<svg>x</svg>'>a</div>"#,
            "<title>Using <script> tags</title><p>a</p>",
            "<textarea><style>x</style></textarea>",
            // Escaped script text, and a script that never ends: left to the tokenizer.
            "<script><!-- document.write('<script></script>'); --></script><p>a</p>",
            "<script>var never_closed = 1;",
            "<scripts>x</scripts>",
            "<plaintext><script>x</script>",
        ] {
            assert_eq!(strip(html), html, "{html}");
        }
    }

    #[test]
    fn a_quote_opens_a_value_only_after_equals() {
        // `it's` is part of an unquoted value; the tag still ends at the first `>`.
        let html = "<a title=it's>x</a><script>y</script>";
        assert_eq!(strip(html), "<a title=it's>x</a><script></script>");
    }

    #[test]
    fn end_tag_needs_a_delimiter() {
        let html = "<script>a</scripty>b</script/>c";
        assert_eq!(strip(html), "<script></script/>c");
    }

    #[test]
    fn unclosed_hidden_elements_stay_linear() {
        let html = "<svg>".repeat(200_000) + "<p>text</p>";
        assert_eq!(strip(&html), html);
    }

    #[test]
    fn never_panics_on_truncated_markup() {
        for html in [
            "<",
            "<s",
            "<script",
            "<script a='",
            "</",
            "<!--",
            "<!",
            "<style>",
            "<svg",
            "<svg>",
            "<svg><svg",
            "< p>",
            "<a =\"",
        ] {
            let _ = strip(html);
        }
    }
}
