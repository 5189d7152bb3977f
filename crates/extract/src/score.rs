//! Content scoring: which parts of the element table are the article body.
//!
//! 1. Each element's own paragraph text is rated: long, link-poor text is
//!    prose; link-heavy text is navigation; short text, and text cut off
//!    with an ellipsis (a teaser), is noise.
//! 2. Furniture (by [`Hint`]) is dropped with its subtree, unless a `Bad`
//!    element holds most of the page's prose (then it is a page wrapper) or
//!    is itself several paragraphs of nothing but prose.
//! 3. The best paragraph container is found as in Readability: each prose
//!    paragraph credits its parent fully, its grandparent half and the next
//!    ancestor a sixth, and a container's credit is discounted by its link
//!    density. That favours the element that holds many paragraphs directly
//!    over a list of teasers, which holds them one per card. An element
//!    holding several `<article>`s is a list of stories, never the body.
//! 4. The body widens to siblings of the container and of its nearest ancestors that
//!    hold coherent prose well above their noise (a standfirst, the second
//!    half of a story split by an ad), and stops at the first level with prose
//!    of the wrong kind (teasers, comments, story lists). It also takes the
//!    other containers with the container's own "article body" class, however
//!    far apart in the tree (a body split into chunks around figures).

use crate::dom::{Elem, Table, Tag, NONE};
use crate::hints::Hint;

/// Penalty per character of link-heavy text taken along with the body.
const LINK_PENALTY: f32 = 3.0;
/// Penalty per character of short, non-prose text.
const SHORT_PENALTY: f32 = 0.25;
/// Characters a paragraph needs to count as prose.
const MIN_PROSE: u32 = 60;
/// A `<p>` counts as prose from this length.
const MIN_PROSE_P: u32 = 25;
/// How many times a sibling's prose must outweigh its noise to be added.
const WIDEN_RATIO: f32 = 1.5;
/// Share of a sibling's prose that one container must hold for it to count
/// as coherent.
const COHERENCE: f32 = 0.5;
/// How many ancestors of the best container the body may widen to: far
/// up, sibling prose belongs to the page (footers, site blurbs), not the story.
const MAX_WIDEN_LEVELS: u32 = 3;
/// Furniture by its class is kept when it holds this many paragraphs,
/// this many prose characters, and nothing much but prose.
const PURE_PROSE_PARAS: f32 = 3.0;
const PURE_PROSE_CHARS: f32 = 500.0;
const PURE_PROSE_SHARE: f32 = 0.9;
/// Credit bonus for containers whose class says "article body".
const GOOD_HINT_BONUS: f32 = 1.25;

/// The scores of every element of a table.
pub(crate) struct Scores {
    /// Elements left out of the body with their subtree.
    pub drop: Vec<bool>,
    /// Prose characters of each element's own paragraph.
    prose: Vec<f32>,
    /// Subtree sums, leaving out dropped elements.
    good: Vec<f32>,
    bad: Vec<f32>,
    text: Vec<f32>,
    link: Vec<f32>,
    /// `<article>` elements in each subtree.
    articles: Vec<f32>,
}

/// Rates one element's own paragraph: (prose characters, noise penalty).
/// Text cut off with an ellipsis is a teaser of another page, not prose.
fn rate(e: &Elem) -> (f32, f32) {
    let (t, l) = (e.text, e.link);
    let min = if e.tag == Tag::Para {
        MIN_PROSE_P
    } else {
        MIN_PROSE
    };
    if t == 0 {
        (0.0, 0.0)
    } else if l * 2 > t {
        (0.0, t as f32 * LINK_PENALTY)
    } else if t >= min && l * 3 < t && !e.cut {
        (t as f32, 0.0)
    } else {
        (0.0, t as f32 * SHORT_PENALTY)
    }
}

/// Sums `own` over each subtree, leaving out dropped elements.
fn subtree_sums(t: &Table, drop: &[bool], own: impl Fn(usize) -> f32) -> Vec<f32> {
    let n = t.elems.len();
    let mut sum: Vec<f32> = (0..n).map(|i| if drop[i] { 0.0 } else { own(i) }).collect();
    for i in (1..n).rev() {
        let p = t.elems[i].parent;
        if p != NONE && !drop[i] {
            sum[p as usize] += sum[i];
        }
    }
    sum
}

/// Marks furniture and its descendants.
fn dropped(t: &Table, prose: &[f32]) -> Vec<bool> {
    let n = t.elems.len();
    let keep_all = vec![false; n];
    let raw = subtree_sums(t, &keep_all, |i| prose[i]);
    let text = subtree_sums(t, &keep_all, |i| t.elems[i].text as f32);
    let paras = subtree_sums(t, &keep_all, |i| f32::from(prose[i] > 0.0));
    let total = raw.first().copied().unwrap_or(0.0);
    let mut drop = vec![false; n];
    for (i, e) in t.elems.iter().enumerate() {
        let inherited = e.parent != NONE && drop[e.parent as usize];
        // Class words lie more often than text: furniture by its class that
        // holds most of the prose, or several paragraphs of nothing but
        // prose (paywalled text marked "paywall"), is story.
        let story = raw[i] >= 0.5 * total
            || (paras[i] >= PURE_PROSE_PARAS
                && raw[i] >= PURE_PROSE_SHARE * text[i]
                && raw[i] >= PURE_PROSE_CHARS);
        drop[i] = inherited
            || match e.hint {
                Hint::Strong => true,
                Hint::Bad => raw[i] == 0.0 || !story,
                _ => false,
            };
    }
    drop
}

impl Scores {
    pub fn new(t: &Table) -> Scores {
        let (prose, penalty): (Vec<f32>, Vec<f32>) = t.elems.iter().map(rate).unzip();
        let drop = dropped(t, &prose);
        Scores {
            good: subtree_sums(t, &drop, |i| prose[i]),
            bad: subtree_sums(t, &drop, |i| penalty[i]),
            text: subtree_sums(t, &drop, |i| t.elems[i].text as f32),
            link: subtree_sums(t, &drop, |i| t.elems[i].link as f32),
            articles: subtree_sums(t, &drop, |i| f32::from(is_article(t, i))),
            prose,
            drop,
        }
    }

    /// The body: subtree roots in document order, empty when there is no prose.
    pub fn body(&self, t: &Table) -> Vec<usize> {
        let Some(root) = self.best_container(t) else {
            return Vec::new();
        };
        let coh = self.coherence(t);
        let mut parts = self.widen(t, root, &coh);
        parts.extend(self.twins(t, root, &coh));
        parts.sort_unstable();
        parts.dedup();
        // Keep only the outermost of nested parts.
        let mut out: Vec<usize> = Vec::with_capacity(parts.len());
        for p in parts {
            if out.last().is_none_or(|&q| p >= t.elems[q].end as usize) {
                out.push(p);
            }
        }
        out
    }

    /// Whether sibling-level prose `j` is coherent story text: well above
    /// its noise and mostly held by one container.
    fn qualifies(&self, t: &Table, j: usize, coh: &[f32]) -> bool {
        let g = self.good[j];
        g >= WIDEN_RATIO * self.bad[j] && coh[j] >= COHERENCE * g && !self.is_feed(t, j)
    }

    /// Other chunks of a body split into several containers of the same
    /// kind (same tag and class as the best one, a class that says "article
    /// body"), e.g. around a figure or an ad, however deep the split is.
    fn twins(&self, t: &Table, root: usize, coh: &[f32]) -> Vec<usize> {
        let r = t.elems[root].el.value();
        let class = r.attr("class").unwrap_or("").trim();
        let mut out = Vec::new();
        if class.is_empty() || t.elems[root].hint != Hint::Good {
            return out;
        }
        let end = t.elems[root].end as usize;
        let mut j = 0;
        while j < t.elems.len() {
            let e = t.elems[j].el.value();
            if self.drop[j] || (j >= root && j < end) {
                j = t.elems[j].end as usize;
                continue;
            }
            let ancestor = j < root && t.elems[j].end as usize > root;
            if !ancestor
                && e.name() == r.name()
                && e.attr("class").is_some_and(|c| c.trim() == class)
                && self.good[j] > 0.0
                && self.qualifies(t, j, coh)
            {
                out.push(j);
                j = t.elems[j].end as usize;
                continue;
            }
            j += 1;
        }
        out
    }

    /// Whether an element holds several `<article>`s: a list of stories.
    fn is_feed(&self, t: &Table, i: usize) -> bool {
        self.articles[i] - f32::from(is_article(t, i)) >= 2.0
    }

    /// The element with the most paragraph credit, discounted by links.
    fn best_container(&self, t: &Table) -> Option<usize> {
        let n = t.elems.len();
        let mut credit = vec![0.0f32; n];
        for i in 0..n {
            if self.drop[i] || self.prose[i] <= 0.0 {
                continue;
            }
            let score = 1.0 + self.prose[i].min(300.0) / 100.0;
            let mut a = t.elems[i].parent;
            for share in [1.0, 0.5, 1.0 / 6.0] {
                if a == NONE {
                    break;
                }
                credit[a as usize] += score * share;
                a = t.elems[a as usize].parent;
            }
        }
        let mut best = None;
        let mut best_score = 0.0f32;
        for (i, &c) in credit.iter().enumerate() {
            if self.drop[i] || c <= 0.0 || self.is_feed(t, i) {
                continue;
            }
            let density = if self.text[i] > 0.0 {
                self.link[i] / self.text[i]
            } else {
                0.0
            };
            let bonus = if t.elems[i].hint == Hint::Good {
                GOOD_HINT_BONUS
            } else {
                1.0
            };
            let s = c * (1.0 - density) * bonus;
            if s > best_score {
                best_score = s;
                best = Some(i);
            }
        }
        best
    }

    /// For each element, the most prose that one element of its subtree
    /// holds itself or in its children and grandchildren.
    fn coherence(&self, t: &Table) -> Vec<f32> {
        let n = t.elems.len();
        let mut near = vec![0.0f32; n];
        for i in 0..n {
            if self.drop[i] || self.prose[i] <= 0.0 {
                continue;
            }
            // The paragraph itself, its parent and its grandparent.
            let mut a = i as u32;
            for _ in 0..3 {
                if a == NONE {
                    break;
                }
                near[a as usize] += self.prose[i];
                a = t.elems[a as usize].parent;
            }
        }
        for i in (1..n).rev() {
            let p = t.elems[i].parent;
            if p != NONE && !self.drop[i] {
                near[p as usize] = near[p as usize].max(near[i]);
            }
        }
        near
    }

    /// Adds qualifying siblings of the root and of its ancestors.
    fn widen(&self, t: &Table, root: usize, coh: &[f32]) -> Vec<usize> {
        let mut parts = vec![root];
        let mut child = root;
        let mut a = t.elems[root].parent;
        let mut level = 0;
        while a != NONE && level < MAX_WIDEN_LEVELS {
            let ai = a as usize;
            let mut stop = false;
            let mut j = ai + 1;
            while j < t.elems[ai].end as usize {
                if j != child && !self.drop[j] && self.good[j] > 0.0 {
                    if self.qualifies(t, j, coh) {
                        parts.push(j);
                    } else {
                        stop = true;
                    }
                }
                j = t.elems[j].end as usize;
            }
            if stop {
                break;
            }
            level += 1;
            child = ai;
            a = t.elems[ai].parent;
        }
        parts
    }
}

fn is_article(t: &Table, i: usize) -> bool {
    t.elems[i].el.value().name() == "article"
}

/// A description of an element for tuning: its path from the root.
pub(crate) fn path(t: &Table, mut i: usize) -> String {
    let mut parts = Vec::new();
    loop {
        let e = t.elems[i].el.value();
        let class: Vec<&str> = e
            .attr("class")
            .unwrap_or("")
            .split_whitespace()
            .take(3)
            .collect();
        parts.push(format!(
            "{}#{}.{}",
            e.name(),
            e.id().unwrap_or(""),
            class.join(".")
        ));
        if t.elems[i].parent == NONE {
            break;
        }
        i = t.elems[i].parent as usize;
    }
    parts.reverse();
    parts.join(" > ")
}
