//! Article-structure features behind the relevance rules of the guidelines: enforcement in the
//! headline or lead, or in about a third of the text. TF-IDF sees which words occur, not where.

use crate::keywords::{keyword_counts, list_hits};
use crate::tokenize::Analysed;

/// Number of structure features (appended after the vocabulary columns).
pub const DOC_FEATURES: usize = 15;

/// Structure features of an article, each in 0..=1: share of paragraphs with an enforcement
/// key word, the same for the first third of paragraphs, key-word density, key word in the
/// title, in the first paragraph, and how early the first one comes (1 = at the start); then
/// the log counts of the key-word baseline's relevance and theme lists, so the models can lean
/// on the rule where it is strong (arrests, courts).
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
    for (o, &k) in out[6..].iter_mut().zip(&kw) {
        *o = ((1 + k) as f32).ln() / 4.0;
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
