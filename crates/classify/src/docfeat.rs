//! Article-structure features behind the relevance rules of the guidelines: enforcement in the
//! headline or lead, or in about a third of the text. TF-IDF sees which words occur, not where.

use crate::keywords::{keyword_counts, list_hits};
use crate::tokenize::Analysed;

/// Number of structure features (appended after the vocabulary columns).
pub const DOC_FEATURES: usize = SHARED_DOC_FEATURES + 2 * crate::THEMES.len();

/// Features every model sees; the rest are per theme, and only that theme's model sees them.
pub const SHARED_DOC_FEATURES: usize = 15;

/// Indices (within the structure features) that the model of `theme` sees, or that every
/// other model sees when `theme` is `None`.
pub fn doc_feature_indices(theme: Option<usize>) -> impl Iterator<Item = usize> {
    let own = theme.map_or(0..0, |t| {
        SHARED_DOC_FEATURES + 2 * t..SHARED_DOC_FEATURES + 2 * t + 2
    });
    (0..SHARED_DOC_FEATURES).chain(own)
}

/// Structure features of an article, each in 0..=1: share of paragraphs with an enforcement
/// key word, the same for the first third of paragraphs, key-word density, key word in the
/// title, in the first paragraph, and how early the first one comes (1 = at the start); then
/// the log counts of the key-word baseline's relevance and theme lists, so the models can lean
/// on the rule where it is strong (arrests, courts); then, per theme, how many paragraphs use
/// its words and whether the headline or lead does: the guidelines give a theme to a story
/// whose headline, lead or one paragraph is about it, which whole-text counts dilute.
pub(crate) fn doc_features(a: &Analysed) -> [f32; DOC_FEATURES] {
    let paras = &a.paras;
    let para_hits: Vec<[u32; 9]> = paras.iter().map(list_hits).collect();
    let title_hits = list_hits(&a.title);
    let hits: Vec<u32> = para_hits.iter().map(|h| h[0]).collect();
    let n = paras.len().max(1) as f32;
    let third = paras.len().div_ceil(3).max(1);
    let words: usize = paras.iter().map(|p| p.len()).sum();
    let total: u32 = hits.iter().sum();
    let mut before = 0usize;
    let mut first = None;
    for (p, &h) in paras.iter().zip(&hits) {
        if h > 0 {
            first = Some(before);
            break;
        }
        before += p.len();
    }
    let mut out = [0.0f32; DOC_FEATURES];
    let kw = keyword_counts(&title_hits, &para_hits);
    for (o, &k) in out[6..SHARED_DOC_FEATURES].iter_mut().zip(&kw) {
        *o = ((1 + k) as f32).ln() / 4.0;
    }
    for t in 0..crate::THEMES.len() {
        let paras_with = para_hits.iter().filter(|h| h[t + 1] > 0).count();
        let lead = title_hits[t + 1] > 0 || para_hits.first().is_some_and(|h| h[t + 1] > 0);
        let at = SHARED_DOC_FEATURES + 2 * t;
        out[at] = ((1 + paras_with) as f32).ln() / 3.0;
        out[at + 1] = lead as u8 as f32;
    }
    out[..6].copy_from_slice(&[
        hits.iter().filter(|&&h| h > 0).count() as f32 / n,
        hits.iter().take(third).filter(|&&h| h > 0).count() as f32 / third as f32,
        (total as f32 * 20.0 / words.max(1) as f32).min(1.0),
        (title_hits[0] > 0) as u8 as f32,
        (hits.first().copied().unwrap_or(0) > 0) as u8 as f32,
        first.map_or(0.0, |b| 1.0 - b as f32 / words.max(1) as f32),
    ]);
    out
}
