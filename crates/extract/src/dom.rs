//! One iterative pass over the parsed tree: a flat pre-order table of the
//! elements that can hold visible text, with the text statistics the body
//! scorer needs, plus the elements the metadata reader wants.

use crate::hints::{self, Attrs, Hint};
use scraper::{ElementRef, Html, Node};

/// How an element takes part in the text layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    /// Starts and ends a paragraph (div, li, td...).
    Block,
    /// A `<p>`: a paragraph by definition.
    Para,
    /// `<h1>`..`<h6>`.
    Heading,
    /// A line break: ends the current paragraph.
    Br,
    /// `<a href>`: its text is link text.
    Anchor,
    /// Anything else: its text flows into the enclosing paragraph.
    Inline,
}

/// One element of the table. Its descendants are `index+1 .. end`.
pub(crate) struct Elem<'a> {
    pub el: ElementRef<'a>,
    pub tag: Tag,
    pub hint: Hint,
    /// Index of the parent element, `NONE` for the root.
    pub parent: u32,
    pub end: u32,
    /// Visible characters (not counting whitespace) of the text that flows
    /// in this element's own paragraph, i.e. not inside a nested block.
    pub text: u32,
    /// The part of `text` inside links.
    pub link: u32,
    /// Whether that text ends with an ellipsis, as cut-off teasers do.
    pub cut: bool,
    /// A comment section, form, menu or story rail: its bylines and dates
    /// are not the story's.
    aside: bool,
}

pub(crate) const NONE: u32 = u32::MAX;

/// The table, and the metadata elements met on the way.
#[derive(Default)]
pub(crate) struct Table<'a> {
    pub elems: Vec<Elem<'a>>,
    pub html: Option<ElementRef<'a>>,
    pub title: Option<ElementRef<'a>>,
    pub metas: Vec<ElementRef<'a>>,
    pub links: Vec<ElementRef<'a>>,
    pub scripts_ld: Vec<ElementRef<'a>>,
    pub times: Vec<ElementRef<'a>>,
    pub h1: Vec<ElementRef<'a>>,
    /// Elements whose class, id, rel or itemprop says "author" or "byline",
    /// outside comments and forms.
    pub bylines: Vec<Byline<'a>>,
    /// Elements that hold a publication date by their class, id or itemprop,
    /// outside comments and forms.
    pub dates: Vec<Dated<'a>>,
}

/// A byline candidate.
pub(crate) struct Byline<'a> {
    pub el: ElementRef<'a>,
    /// Its index in the element table.
    pub idx: usize,
    /// Marked by `rel=author` or `itemprop=author`, not only by its class.
    pub marked: bool,
}

/// A date candidate.
pub(crate) struct Dated<'a> {
    pub el: ElementRef<'a>,
    /// Marked by `itemprop=datePublished`, not only by its class.
    pub marked: bool,
    /// Met after the first `<h1>`, where the story's own date usually is.
    pub after_h1: bool,
}

/// What an element's attributes say about its part in the metadata.
#[derive(Default)]
struct Marks {
    byline: Option<bool>,
    date: Option<bool>,
    /// A comment section, a form, a menu or a rail of other stories: no
    /// byline or date of the story inside.
    elsewhere: bool,
}

/// Elements whose content is never visible text.
fn is_invisible(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "button"
            | "map"
            | "title"
            | "meta"
            | "link"
            | "base"
            | "source"
            | "track"
            | "img"
            | "picture"
    )
}

fn layout(tag: &str) -> Tag {
    match tag {
        "p" => Tag::Para,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Tag::Heading,
        "br" | "hr" => Tag::Br,
        "a" => Tag::Anchor,
        "address" | "article" | "aside" | "blockquote" | "body" | "center" | "dd" | "details"
        | "dialog" | "dir" | "div" | "dl" | "dt" | "fieldset" | "figcaption" | "figure"
        | "footer" | "form" | "header" | "hgroup" | "html" | "li" | "main" | "menu" | "nav"
        | "ol" | "pre" | "section" | "summary" | "table" | "tbody" | "thead" | "tfoot" | "tr"
        | "td" | "th" | "ul" | "caption" | "legend" | "frameset" | "noframes" => Tag::Block,
        _ => Tag::Inline,
    }
}

/// Counts visible characters: UTF-8 lead bytes that are not ASCII spaces.
pub(crate) fn visible_len(s: &str) -> u32 {
    s.bytes()
        .filter(|&b| b & 0xC0 != 0x80 && !b.is_ascii_whitespace())
        .count() as u32
}

fn is_hidden(style: &str, hidden: bool, aria_hidden: &str) -> bool {
    if hidden || aria_hidden.eq_ignore_ascii_case("true") {
        return true;
    }
    if style.is_empty() {
        return false;
    }
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Whether an element is shown and, if so, its hint and metadata marks.
/// Reads the attributes once.
fn inspect(el: &scraper::node::Element, tag: &str) -> Option<(Hint, Marks)> {
    let mut a = Attrs::default();
    let (mut style, mut hidden, mut aria_hidden, mut rel) = ("", false, "", "");
    for (name, value) in el.attrs() {
        match name {
            "class" => a.class = value,
            "id" => a.id = value,
            "role" => a.role = value,
            "itemprop" => a.itemprop = value,
            "style" => style = value,
            "hidden" => hidden = true,
            "aria-hidden" => aria_hidden = value,
            "rel" => rel = value,
            _ => {}
        }
    }
    if is_hidden(style, hidden, aria_hidden) {
        return None;
    }
    let itemprop = |p: &str| {
        a.itemprop
            .split_ascii_whitespace()
            .any(|w| w.eq_ignore_ascii_case(p))
    };
    let mut marks = Marks::default();
    if rel.eq_ignore_ascii_case("author") || itemprop("author") {
        marks.byline = Some(true);
    } else if mentions_byline(a.class) || mentions_byline(a.id) {
        marks.byline = Some(false);
    }
    let verdict = hints::classify(tag, &a);
    if tag != "meta" && (itemprop("datePublished") || itemprop("dateCreated")) {
        marks.date = Some(true);
    } else if verdict.date {
        marks.date = Some(false);
    }
    let hint = verdict.hint;
    marks.elsewhere = hint == Hint::Strong || tag == "form" || verdict.elsewhere;
    Some((hint, marks))
}

fn is_json_ld(e: &scraper::node::Element) -> bool {
    e.attr("type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

fn mentions_byline(v: &str) -> bool {
    let v = v.as_bytes();
    v.windows(6).any(|w| w.eq_ignore_ascii_case(b"byline"))
        || v.windows(6).any(|w| w.eq_ignore_ascii_case(b"author"))
}

impl<'a> Table<'a> {
    /// Walks the document once, without recursion.
    pub fn build(doc: &'a Html) -> Table<'a> {
        let mut t = Table {
            elems: Vec::with_capacity(1024),
            ..Default::default()
        };
        // Open elements of the table; the nearest block holds inline text.
        let mut open: Vec<u32> = Vec::with_capacity(64);
        let mut blocks: Vec<u32> = Vec::with_capacity(64);
        let mut in_link = 0u32;
        // Open elements that are comments, forms, menus or story rails.
        let mut aside = 0u32;
        let root = doc.tree.root();
        let Some(mut node) = root.first_child() else {
            return t;
        };
        loop {
            let mut descend = false;
            match node.value() {
                Node::Element(e) => {
                    let el = ElementRef::wrap(node).expect("element node");
                    let name = e.name();
                    t.note_meta(el, name, e);
                    if !is_invisible(name) {
                        if let Some((hint, marks)) = inspect(e, name) {
                            let is_aside = marks.elsewhere;
                            if aside == 0 && !is_aside {
                                t.note_marks(el, marks);
                            }
                            let tag = layout(name);
                            let idx = t.elems.len() as u32;
                            t.elems.push(Elem {
                                el,
                                tag,
                                hint,
                                parent: open.last().copied().unwrap_or(NONE),
                                end: idx + 1,
                                text: 0,
                                link: 0,
                                cut: false,
                                aside: is_aside,
                            });
                            if node.has_children() {
                                open.push(idx);
                                aside += u32::from(is_aside);
                                if tag != Tag::Inline && tag != Tag::Anchor {
                                    blocks.push(idx);
                                }
                                if tag == Tag::Anchor {
                                    in_link += 1;
                                }
                                descend = true;
                            }
                        }
                    }
                }
                Node::Text(s) => {
                    if let Some(&b) = blocks.last() {
                        let n = visible_len(s);
                        let e = &mut t.elems[b as usize];
                        e.text += n;
                        if in_link > 0 {
                            e.link += n;
                        }
                        if n > 0 {
                            let end = s.trim_end();
                            e.cut = end.ends_with("...") || end.ends_with('\u{2026}');
                        }
                    }
                }
                _ => {}
            }
            if descend {
                node = node.first_child().expect("has children");
                continue;
            }
            // Climb until a next sibling, closing the elements left behind.
            loop {
                if let Some(next) = node.next_sibling() {
                    node = next;
                    break;
                }
                match node.parent() {
                    Some(p) if p.id() != root.id() => {
                        node = p;
                        if let Some(idx) = open.pop() {
                            let len = t.elems.len() as u32;
                            let e = &mut t.elems[idx as usize];
                            e.end = len;
                            if blocks.last() == Some(&idx) {
                                blocks.pop();
                            }
                            if e.tag == Tag::Anchor {
                                in_link -= 1;
                            }
                            aside -= u32::from(e.aside);
                        }
                    }
                    _ => return t,
                }
            }
        }
    }

    fn note_marks(&mut self, el: ElementRef<'a>, marks: Marks) {
        if let Some(marked) = marks.byline {
            let idx = self.elems.len();
            self.bylines.push(Byline { el, idx, marked });
        }
        if let Some(marked) = marks.date {
            let after_h1 = !self.h1.is_empty();
            self.dates.push(Dated {
                el,
                marked,
                after_h1,
            });
        }
    }

    fn note_meta(&mut self, el: ElementRef<'a>, name: &str, e: &scraper::node::Element) {
        match name {
            "html" if self.html.is_none() => self.html = Some(el),
            "title" if self.title.is_none() => self.title = Some(el),
            "meta" => self.metas.push(el),
            "link" => self.links.push(el),
            "time" => self.times.push(el),
            "h1" => self.h1.push(el),
            "script" if is_json_ld(e) => self.scripts_ld.push(el),
            _ => {}
        }
    }
}
