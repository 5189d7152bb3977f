//! Seeded, stratified fold assignment.
//!
//! Items are ordered by key (article id), split by stratum (relevant or not), each stratum is
//! shuffled by a Fisher-Yates shuffle driven by SplitMix64 seeded with `seed`, and dealt round
//! robin into `k` folds; so every fold has the same share of relevant articles (±1), and the
//! assignment depends only on the ids, labels, `k` and `seed`, not on file order.

/// SplitMix64, a small deterministic generator (no dependency needed for shuffling).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Fold (0..k) of each item.
pub fn assign_folds(keys: &[&str], strata: &[bool], k: usize, seed: u64) -> Vec<usize> {
    let k = k.max(1);
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(keys[b]));
    let mut rng = SplitMix(seed);
    let mut fold = vec![0; keys.len()];
    for stratum in [true, false] {
        let mut items: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| strata[i] == stratum)
            .collect();
        for i in (1..items.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
        for (n, &i) in items.iter().enumerate() {
            fold[i] = n % k;
        }
    }
    fold
}
