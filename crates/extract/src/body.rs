//! Writes out the body that [`crate::score`] picked: one walk over the chosen
//! subtrees, skipping furniture, keeping each paragraph unless it is mostly
//! links, a widget or credit line, or the headline.

use crate::dom::{visible_len, Elem, Table, Tag};
use crate::score::{self, Scores};
use crate::text::{self, push_folded};
use scraper::Node;

/// What the metadata reader knows that helps clean the body.
#[derive(Default)]
pub(crate) struct BodyHints {
    /// Headline variants (as [`text::key`]s): a paragraph equal to one is dropped.
    pub titles: Vec<String>,
}

/// A paragraph that is more than this share of link text is navigation.
const MAX_LINK_SHARE: f32 = 0.7;
/// Under a "Related" or "More stories" label, this share of link text is
/// enough.
const LABELLED_LINK_SHARE: f32 = 0.3;

/// Extracts the body text of the page, "" when there is none.
pub(crate) fn extract_text(t: &Table, hints: &BodyHints) -> String {
    let scores = Scores::new(t);
    let mut w = Writer {
        hints,
        paras: Vec::new(),
        para: Para::default(),
        after_label: false,
    };
    for root in scores.body(t) {
        w.walk(t, root, &scores.drop);
        w.flush();
        // A heading with nothing after it in its part titles something
        // that was left out.
        while w.paras.last().is_some_and(|p| p.1) {
            w.paras.pop();
        }
    }
    let mut out = String::with_capacity(w.paras.iter().map(|p| p.0.len() + 2).sum());
    for (i, (p, _)) in w.paras.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(p);
    }
    out
}

/// The chosen subtrees, as element paths (a tuning aid).
pub(crate) fn explain(t: &Table) -> String {
    let parts: Vec<String> = Scores::new(t)
        .body(t)
        .into_iter()
        .map(|i| score::path(t, i))
        .collect();
    parts.join("\n")
}

#[derive(Default)]
struct Para {
    buf: String,
    link: u32,
    heading: bool,
}

struct Writer<'h> {
    hints: &'h BodyHints,
    /// Kept paragraphs, and whether each is a heading.
    paras: Vec<(String, bool)>,
    para: Para,
    /// The last line was a "Related" or "More stories" label.
    after_label: bool,
}

impl Writer<'_> {
    /// Writes the paragraphs under `root`. The DOM walk meets the table's
    /// elements in the pre-order of `Table::build`, so the next table entry
    /// is the next element met, unless that element is not in the table
    /// (invisible), in which case it is skipped.
    fn walk(&mut self, t: &Table, root: usize, drop: &[bool]) {
        let start = t.elems[root].el;
        let mut idx = root;
        let Some(mut node) = start.first_child() else {
            return;
        };
        let mut open: Vec<usize> = Vec::new();
        let mut in_link = 0u32;
        loop {
            let mut descend = false;
            match node.value() {
                Node::Text(s) => {
                    let before = self.para.buf.len();
                    push_folded(&mut self.para.buf, s);
                    if in_link > 0 {
                        self.para.link += visible_len(&self.para.buf[before..]);
                    }
                }
                Node::Element(_) => {
                    let next = idx + 1;
                    if next < t.elems.len() && t.elems[next].el.id() == node.id() {
                        idx = next;
                        let e = &t.elems[idx];
                        if drop[idx] {
                            idx = e.end as usize - 1;
                        } else {
                            self.open(e);
                            in_link += u32::from(e.tag == Tag::Anchor);
                            if node.has_children() {
                                open.push(idx);
                                descend = true;
                            } else {
                                self.close(e);
                                in_link -= u32::from(e.tag == Tag::Anchor);
                            }
                        }
                    }
                }
                _ => {}
            }
            if descend {
                if let Some(c) = node.first_child() {
                    node = c;
                    continue;
                }
            }
            loop {
                if let Some(next) = node.next_sibling() {
                    node = next;
                    break;
                }
                match node.parent() {
                    Some(p) if p.id() != start.id() => {
                        node = p;
                        if let Some(i) = open.pop() {
                            let e = &t.elems[i];
                            self.close(e);
                            in_link -= u32::from(e.tag == Tag::Anchor);
                        }
                    }
                    _ => return,
                }
            }
        }
    }

    fn open(&mut self, e: &Elem) {
        if !matches!(e.tag, Tag::Inline | Tag::Anchor) {
            self.flush();
        }
        if e.tag == Tag::Heading {
            self.para.heading = true;
        }
    }

    fn close(&mut self, e: &Elem) {
        if !matches!(e.tag, Tag::Inline | Tag::Anchor) {
            self.flush();
        }
    }

    /// Ends the current paragraph, keeping it if it is prose.
    fn flush(&mut self) {
        let para = std::mem::take(&mut self.para);
        let line = para.buf.trim();
        if line.is_empty() {
            return;
        }
        let len = visible_len(line);
        if text::is_recirculation_label(line) {
            self.after_label = true;
            return;
        }
        // The links listed under such a label.
        let links = para.link as f32 / len as f32;
        if self.after_label && links >= LABELLED_LINK_SHARE && len < 300 {
            return;
        }
        self.after_label = false;
        if links > MAX_LINK_SHARE || text::is_furniture_line(line) {
            return;
        }
        if len < 300 && self.hints.titles.contains(&text::key(line)) {
            return;
        }
        self.paras.push((line.to_string(), para.heading));
    }
}
