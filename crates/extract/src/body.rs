//! Finds the article body in the element table and writes it out.
//!
//! 1. Each element's own paragraph text is rated: long, link-poor text is
//!    prose ("good"); link-heavy text is navigation; short text is neutral
//!    noise.
//! 2. Ratings are summed up the tree, leaving out furniture (by hint). The
//!    body root is the element that maximises good text minus a penalty for
//!    the other text it would take along.
//! 3. The root's subtree is walked once more, skipping furniture, and each
//!    paragraph is kept unless it is mostly links, a widget line or the
//!    headline.

use crate::dom::{Elem, Table, Tag, NONE};
use crate::hints::Hint;
use crate::text::{self, push_folded};
use scraper::Node;

/// What the metadata reader knows that helps pick and clean the body.
#[derive(Default)]
pub(crate) struct BodyHints {
    /// Headline variants (as [`text::key`]s): a paragraph equal to one is dropped.
    pub titles: Vec<String>,
}

/// Penalty per character of link-heavy text taken along with the body.
const LINK_PENALTY: f32 = 1.0;
/// Penalty per character of short, non-prose text.
const SHORT_PENALTY: f32 = 0.25;
/// Characters a paragraph needs to count as prose.
const MIN_PROSE: u32 = 60;
/// A `<p>` counts as prose from this length.
const MIN_PROSE_P: u32 = 25;

/// Rates one element's own paragraph: (prose chars, penalty).
fn rate(e: &Elem) -> (f32, f32) {
    let (t, l) = (e.text, e.link);
    if t == 0 {
        return (0.0, 0.0);
    }
    let min = if e.tag == Tag::Para { MIN_PROSE_P } else { MIN_PROSE };
    if l * 2 > t {
        (0.0, t as f32 * LINK_PENALTY)
    } else if t >= min && l * 3 < t {
        (t as f32, 0.0)
    } else {
        (0.0, t as f32 * SHORT_PENALTY)
    }
}

/// Decides which elements are dropped as furniture. A `Bad` element that
/// holds most of the page's prose is kept: it is a page wrapper, not furniture.
/// Descendants of a dropped element are dropped.
fn dropped(t: &Table, prose: &[f32]) -> Vec<bool> {
    let n = t.elems.len();
    let mut raw = prose.to_vec();
    for i in (1..n).rev() {
        let p = t.elems[i].parent;
        if p != NONE {
            raw[p as usize] += raw[i];
        }
    }
    let total = raw.first().copied().unwrap_or(0.0);
    let mut drop = vec![false; n];
    for (i, e) in t.elems.iter().enumerate() {
        let inherited = e.parent != NONE && drop[e.parent as usize];
        drop[i] = inherited
            || match e.hint {
                Hint::Strong => true,
                Hint::Bad => raw[i] < 0.5 * total || raw[i] == 0.0,
                _ => false,
            };
    }
    drop
}

/// Picks the body root: the element maximising prose minus penalties.
fn pick_root(t: &Table, drop: &[bool], prose: &[f32], penalty: &[f32]) -> Option<usize> {
    let n = t.elems.len();
    let mut good = prose.to_vec();
    let mut bad = penalty.to_vec();
    for i in (0..n).rev() {
        if drop[i] {
            good[i] = 0.0;
            bad[i] = 0.0;
            continue;
        }
        let p = t.elems[i].parent;
        if p != NONE {
            good[p as usize] += good[i];
            bad[p as usize] += bad[i];
        }
    }
    let mut best = None;
    let mut best_score = 0.0f32;
    for i in 0..n {
        if drop[i] || good[i] <= 0.0 {
            continue;
        }
        let bonus = if t.elems[i].hint == Hint::Good { 1.1 } else { 1.0 };
        let s = good[i] * bonus - bad[i];
        // `>=` so that a child equal to its parent (a wrapper) wins.
        if s >= best_score {
            best_score = s;
            best = Some(i);
        }
    }
    best
}

/// Extracts the body text of the page, "" when there is none.
pub(crate) fn extract_text(t: &Table, hints: &BodyHints) -> String {
    let (prose, penalty): (Vec<f32>, Vec<f32>) = t.elems.iter().map(rate).unzip();
    let drop = dropped(t, &prose);
    let Some(root) = pick_root(t, &drop, &prose, &penalty) else {
        return String::new();
    };
    let mut w = Writer { hints, out: String::new(), para: Para::default() };
    w.walk(t, root, &drop);
    w.flush();
    w.out
}

#[derive(Default)]
struct Para {
    buf: String,
    link: u32,
}

struct Writer<'h> {
    hints: &'h BodyHints,
    out: String,
    para: Para,
}

impl Writer<'_> {
    /// Writes the paragraphs under `root`. The DOM walk meets the table's
    /// elements in the same pre-order as `Table::build`, so a counter gives
    /// each element's index; elements that are not in the table are skipped.
    fn walk(&mut self, t: &Table, root: usize, drop: &[bool]) {
        let start = t.elems[root].el;
        let mut idx = root;
        let Some(mut node) = start.first_child() else {
            return;
        };
        // Table indices of the open elements, to close them on the way up.
        let mut open: Vec<usize> = vec![root];
        let mut in_link = 0u32;
        loop {
            let mut descend = false;
            match node.value() {
                Node::Text(s) => {
                    let before = self.para.buf.len();
                    push_folded(&mut self.para.buf, s);
                    if in_link > 0 {
                        self.para.link += crate::dom::visible_len(&self.para.buf[before..]);
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
                            if e.tag == Tag::Anchor {
                                in_link += 1;
                            }
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
                node = node.first_child().expect("has children");
                continue;
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
        let len = crate::dom::visible_len(line);
        if para.link * 2 > len {
            return;
        }
        if text::is_furniture_line(line) {
            return;
        }
        if len < 300 && !self.hints.titles.is_empty() {
            let k = text::key(line);
            if self.hints.titles.contains(&k) {
                return;
            }
        }
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(line);
    }
}
