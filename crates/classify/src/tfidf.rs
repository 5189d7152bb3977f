//! TF-IDF over hashed 1-2-gram terms with an IDF fitted once on training data and stored.
//!
//! Terms are hashed (FNV-1a; bigrams combine their tokens' hashes) so inference never builds
//! bigram strings; the term strings are kept in the model file for readability and the hash
//! index is rebuilt from them at load. Vectors are sparse and L2-normalised, with sublinear term
//! frequency and title terms counted `title_weight` times.

use crate::docfeat::{doc_feature_indices, doc_features};
use crate::tokenize::{analyse, stop_list, Analysed};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Pass-through hasher for keys that are already 64-bit hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("IdHasher only hashes u64 keys")
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}
pub(crate) type HashIndex<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

fn hash_token(t: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in t.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn bigram_hash(a: u64, b: u64) -> u64 {
    (a.rotate_left(23) ^ b).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Hashes of the stop words and era names ([`crate::tokenize::is_stop`]): tokens are hashed
/// anyway, so the test costs one lookup and no string comparison.
fn stop_hashes() -> &'static HashIndex<()> {
    static STOP: OnceLock<HashIndex<()>> = OnceLock::new();
    STOP.get_or_init(|| stop_list().map(|w| (hash_token(w), ())).collect())
}

/// Hash of a stored term string (`"word"` or `"word word"`).
fn term_hash(term: &str) -> u64 {
    match term.split_once(' ') {
        Some((a, b)) => bigram_hash(hash_token(a), hash_token(b)),
        None => hash_token(term),
    }
}

/// Feature settings, stored with the model so inference matches training.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeatureConfig {
    /// How many times a title term counts.
    pub title_weight: f32,
    /// How many times a term of the first paragraph counts.
    pub lead_weight: f32,
    /// Minimum document frequency (training articles) of a kept term.
    pub min_df: u32,
    /// Terms chosen by chi-square for the relevance model.
    pub relevance_features: usize,
    /// Terms chosen by chi-square for each theme model (among relevant articles).
    pub theme_features: usize,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            title_weight: 2.0,
            lead_weight: 2.0,
            min_df: 3,
            relevance_features: 3000,
            theme_features: 1000,
        }
    }
}

/// Weighted term counts of one document, sorted by hash, one entry per distinct term.
pub(crate) type TermCounts = Vec<(u64, f32)>;

/// Counts the 1-2-gram terms of an article: title terms count `title_weight` times, lead
/// (first paragraph) terms `lead_weight` times, since the guidelines decide on headline and
/// lead. Bigrams do not cross paragraphs. With `names`, fills in the string of every term whose
/// hash is a key of `names` still without one (training only).
pub(crate) fn term_counts(
    a: &Analysed,
    cfg: &FeatureConfig,
    mut names: Option<&mut HashIndex<Option<String>>>,
) -> TermCounts {
    let mut out: TermCounts = Vec::new();
    let parts = std::iter::once((&a.title, cfg.title_weight)).chain(
        a.paras
            .iter()
            .enumerate()
            .map(|(i, p)| (p, if i == 0 { cfg.lead_weight } else { 1.0 })),
    );
    let mut content: Vec<(u64, &str)> = Vec::new();
    for (toks, w) in parts {
        content.clear();
        let stop = stop_hashes();
        content.extend(toks.iter().filter_map(|t| {
            let h = hash_token(t);
            (!stop.contains_key(&h)).then_some((h, t))
        }));
        for (i, &(h, t)) in content.iter().enumerate() {
            out.push((h, w));
            if let Some(Some(slot @ None)) = names.as_deref_mut().map(|n| n.get_mut(&h)) {
                *slot = Some(t.to_string());
            }
            if let Some(&(h2, t2)) = content.get(i + 1) {
                let b = bigram_hash(h, h2);
                out.push((b, w));
                if let Some(Some(slot @ None)) = names.as_deref_mut().map(|n| n.get_mut(&b)) {
                    *slot = Some(format!("{t} {t2}"));
                }
            }
        }
    }
    out.sort_unstable_by_key(|e| e.0);
    out.dedup_by(|next, kept| {
        if next.0 == kept.0 {
            kept.1 += next.1;
            true
        } else {
            false
        }
    });
    out
}

/// A sparse feature vector: sorted column indices and their values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    pub idx: Vec<u32>,
    pub val: Vec<f32>,
}

impl SparseVec {
    /// Dot product with a dense weight vector indexed by column.
    pub fn dot(&self, w: &[f32]) -> f32 {
        self.idx
            .iter()
            .zip(&self.val)
            .map(|(&i, &v)| w[i as usize] * v)
            .sum()
    }
}

/// The fitted vocabulary with its IDF.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Vectorizer {
    pub config: FeatureConfig,
    pub terms: Vec<String>,
    pub idf: Vec<f32>,
    #[serde(skip)]
    index: HashIndex<u32>,
}

impl Vectorizer {
    /// Builds a vectorizer over `terms` with document frequencies `df` out of `n_docs`.
    pub(crate) fn new(
        config: FeatureConfig,
        terms: Vec<String>,
        df: &[u32],
        n_docs: usize,
    ) -> Self {
        let idf = df
            .iter()
            .map(|&d| ((1.0 + n_docs as f32) / (1.0 + d as f32)).ln() + 1.0)
            .collect();
        let mut v = Vectorizer {
            config,
            terms,
            idf,
            index: HashIndex::default(),
        };
        v.rebuild_index();
        v
    }

    /// Recomputes the hash index after deserialisation.
    pub(crate) fn rebuild_index(&mut self) {
        self.index = self
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| (term_hash(t), i as u32))
            .collect();
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Column of a term string, if it is in the vocabulary.
    pub fn column(&self, term: &str) -> Option<u32> {
        self.index.get(&term_hash(term)).copied()
    }

    /// Feature vector of precomputed term counts: TF-IDF columns, then the structure features
    /// `doc` (see [`crate::docfeat`]) from column [`Vectorizer::len`] on.
    pub(crate) fn vector(&self, counts: &TermCounts, doc: &[f32]) -> SparseVec {
        let mut pairs: Vec<(u32, f32)> = counts
            .iter()
            .filter_map(|&(h, c)| {
                let i = *self.index.get(&h)?;
                Some((i, (1.0 + c.ln()) * self.idf[i as usize]))
            })
            .collect();
        pairs.sort_unstable_by_key(|p| p.0);
        let norm = pairs.iter().map(|p| p.1 * p.1).sum::<f32>().sqrt();
        let norm = if norm > 0.0 { norm } else { 1.0 };
        let mut v = SparseVec {
            idx: pairs.iter().map(|p| p.0).collect(),
            val: pairs.iter().map(|p| p.1 / norm).collect(),
        };
        for (j, &d) in doc.iter().enumerate().filter(|(_, d)| **d != 0.0) {
            v.idx.push((self.len() + j) as u32);
            v.val.push(d);
        }
        v
    }

    /// Columns of the structure features a model sees (see [`doc_feature_indices`]).
    pub fn doc_columns(&self, theme: Option<usize>) -> impl Iterator<Item = u32> + '_ {
        doc_feature_indices(theme).map(|j| (self.len() + j) as u32)
    }

    /// Feature vector of an article; depends only on the article and the stored IDF.
    pub fn transform(&self, title: &str, text: &str) -> SparseVec {
        let a = analyse(title, text);
        self.vector(&term_counts(&a, &self.config, None), &doc_features(&a))
    }
}

/// Chi-square statistic of term presence against a binary label, from a 2×2 table.
pub(crate) fn chi2(with_pos: f64, with_total: f64, pos_total: f64, n: f64) -> f64 {
    let a = with_pos;
    let b = with_total - with_pos;
    let c = pos_total - with_pos;
    let d = n - a - b - c;
    let den = (a + b) * (c + d) * (a + c) * (b + d);
    if den <= 0.0 {
        return 0.0;
    }
    n * (a * d - b * c).powi(2) / den
}
