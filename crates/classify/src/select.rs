//! Vocabulary selection: the terms with the highest chi-square statistic for each target
//! (relevance, each theme, locality), so every linfa model is fitted on a few thousand columns
//! instead of the whole vocabulary.

use crate::tfidf::{chi2, HashIndex, TermCounts};

/// A binary target for chi-square term selection: labels, the articles it is tested among, and
/// how many terms it keeps.
pub(crate) struct Target {
    pub y: Vec<bool>,
    pub among: Vec<bool>,
    pub k: usize,
}

/// Chooses the vocabulary: of the terms in `min_df`+ articles, the top chi-square terms of each
/// target. Returns the term hashes (sorted), their document frequencies and each target's
/// columns.
#[allow(clippy::type_complexity)]
pub(crate) fn select_terms(
    orig: &[&TermCounts],
    targets: &[Target],
    min_df: u32,
) -> (Vec<u64>, Vec<u32>, Vec<Vec<u32>>) {
    let mut df: HashIndex<u32> = HashIndex::default();
    for c in orig {
        for &(h, _) in c.iter() {
            *df.entry(h).or_insert(0) += 1;
        }
    }
    let mut kept: Vec<u64> = df
        .iter()
        .filter(|(_, &d)| d >= min_df)
        .map(|(&h, _)| h)
        .collect();
    kept.sort_unstable();
    let slot: HashIndex<usize> = kept.iter().enumerate().map(|(i, &h)| (h, i)).collect();
    // Per kept term and target: articles with the term among the target's population, and
    // among its positives.
    let nt = targets.len();
    let mut counts = vec![0u32; kept.len() * nt * 2];
    for (d, c) in orig.iter().enumerate() {
        for &(h, _) in c.iter() {
            let Some(&i) = slot.get(&h) else { continue };
            for (t, tg) in targets.iter().enumerate().filter(|(_, tg)| tg.among[d]) {
                counts[(i * nt + t) * 2] += 1;
                counts[(i * nt + t) * 2 + 1] += tg.y[d] as u32;
            }
        }
    }
    let chosen: Vec<Vec<u64>> = targets
        .iter()
        .enumerate()
        .map(|(t, tg)| {
            let pop = tg.among.iter().filter(|&&b| b).count() as f64;
            let pos = tg
                .among
                .iter()
                .zip(&tg.y)
                .filter(|(a, y)| **a && **y)
                .count() as f64;
            let mut scored: Vec<(f64, u64)> = kept
                .iter()
                .enumerate()
                .map(|(i, &h)| {
                    let with = counts[(i * nt + t) * 2] as f64;
                    let with_pos = counts[(i * nt + t) * 2 + 1] as f64;
                    (chi2(with_pos, with, pos, pop), h)
                })
                .filter(|s| s.0 > 0.0)
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.iter().take(tg.k).map(|s| s.1).collect()
        })
        .collect();
    let mut vocab: Vec<u64> = chosen.iter().flatten().copied().collect();
    vocab.sort_unstable();
    vocab.dedup();
    let col: HashIndex<u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    let dfs = vocab.iter().map(|h| df[h]).collect();
    let cols = chosen
        .iter()
        .map(|c| {
            let mut v: Vec<u32> = c.iter().map(|h| col[h]).collect();
            v.sort_unstable();
            v
        })
        .collect();
    (vocab, dfs, cols)
}
