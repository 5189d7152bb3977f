//! Binary logistic models fitted with linfa, then kept as plain weights.
//!
//! linfa fits on a dense matrix, so a text model is fitted on the columns chosen for it only
//! (rows × a few thousand), and its weights are extracted so inference is a sparse dot product
//! with no linfa call. Probabilities are Platt-calibrated on out-of-fold scores, and the decision
//! threshold is the one that maximised F1 on those same out-of-fold scores.

use crate::error::{Error, Result};
use crate::tfidf::SparseVec;
use linfa::traits::Fit;
use linfa::Dataset;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2, ShapeBuilder};
use serde::{Deserialize, Serialize};

pub(crate) fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// L-BFGS iterations from zero weights and from a neighbouring fold's weights. The loss is a
/// sum over rows, so the gradient tolerance is rarely met and fits run to these caps.
const COLD_ITERATIONS: u64 = 150;
const WARM_ITERATIONS: u64 = 50;

/// Fits an L2-regularised logistic regression (linfa, L-BFGS); returns (weights, bias) in
/// log-odds of `true`. A single-class target gives zero weights and a bias at the smoothed prior.
///
/// Fitting is in f64: argmin's More-Thuente line search, which linfa runs with no iteration
/// cap, can cycle for ever in f32 once the bracket is narrower than f32 resolution (seen: one
/// fold split of 2,533 articles never finished).
///
/// `start` (weights and bias in log-odds of `true`, one weight per column) warm-starts L-BFGS,
/// e.g. from the model of a neighbouring fold: it converges to the same optimum (the loss is
/// strictly convex) in far fewer iterations.
pub(crate) fn fit_logistic(
    x: Array2<f64>,
    y: &[bool],
    alpha: f64,
    start: Option<(&[f32], f32)>,
) -> Result<(Vec<f32>, f32)> {
    let pos = y.iter().filter(|&&b| b).count();
    if pos == 0 || pos == y.len() {
        let p = (pos as f32 + 0.5) / (y.len() as f32 + 1.0);
        return Ok((vec![0.0; x.ncols()], (p / (1.0 - p)).ln()));
    }
    // linfa's "positive" class is the label of the first row, not `true`: flip signs if needed.
    let start_sign = if y[0] { 1.0 } else { -1.0 };
    let mut params = LogisticRegression::default()
        .alpha(alpha)
        .max_iterations(COLD_ITERATIONS)
        .gradient_tolerance(1e-3);
    if let Some((w, b)) = start.filter(|(w, _)| w.len() == x.ncols()) {
        let init = w.iter().chain([&b]).map(|&v| start_sign * f64::from(v));
        params = params
            .initial_params(Array1::from_iter(init))
            .max_iterations(WARM_ITERATIONS);
    }
    let ds = Dataset::new(x, Array1::from_vec(y.to_vec()));
    let fitted = params
        .fit(&ds)
        .map_err(|e| Error::Train(format!("logistic regression: {e}")))?;
    let sign = if fitted.labels().pos.class { 1.0 } else { -1.0 };
    Ok((
        fitted.params().iter().map(|w| (sign * w) as f32).collect(),
        (sign * fitted.intercept()) as f32,
    ))
}

/// Platt scaling and decision threshold, both fitted on out-of-fold scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    pub a: f32,
    pub b: f32,
    pub threshold: f32,
}

impl Calibration {
    /// The identity scaling with an even threshold: a model's state until training
    /// replaces it with the one fitted on out-of-fold scores.
    pub(crate) const UNFITTED: Calibration = Calibration {
        a: 1.0,
        b: 0.0,
        threshold: 0.5,
    };

    pub fn prob(&self, z: f32) -> f32 {
        sigmoid(self.a * z + self.b)
    }

    /// Fits Platt scaling (a one-feature linfa logistic regression) on raw scores `z`, then
    /// picks the probability threshold with the best F1 (smoothed over neighbouring thresholds).
    pub(crate) fn fit(z: &[f32], y: &[bool]) -> Result<Calibration> {
        let x = Array2::from_shape_fn((z.len(), 1), |(i, _)| f64::from(z[i]));
        let (w, b) = fit_logistic(x, y, 1e-3, None)?;
        let mut cal = Calibration {
            a: w[0],
            b,
            threshold: 0.5,
        };
        let p: Vec<f32> = z.iter().map(|&s| cal.prob(s)).collect();
        cal.threshold = best_threshold(&p, y);
        Ok(cal)
    }
}

/// The threshold in 0.05..0.95 with the best F1 averaged over a ±0.02 window.
pub(crate) fn best_threshold(p: &[f32], y: &[bool]) -> f32 {
    let f1_at = |t: f32| {
        let mut c = crate::metrics::Counts::default();
        for (&pi, &yi) in p.iter().zip(y) {
            c.add(pi >= t, yi);
        }
        c.f1()
    };
    let grid: Vec<f32> = (3..=97).map(|i| i as f32 / 100.0).collect();
    let f1s: Vec<f64> = grid.iter().map(|&t| f1_at(t)).collect();
    let mut best = (0.5f32, f64::MIN);
    for i in 2..grid.len() - 2 {
        let s = f1s[i - 2..=i + 2].iter().sum::<f64>() / 5.0;
        if s > best.1 {
            best = (grid[i], s);
        }
    }
    best.0
}

/// A logistic model over TF-IDF columns, stored sparsely (only its own columns).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TextModel {
    pub columns: Vec<u32>,
    pub weights: Vec<f32>,
    pub bias: f32,
    pub calibration: Calibration,
    #[serde(skip)]
    dense: Vec<f32>,
}

impl TextModel {
    /// Fits on `rows` restricted to `columns` (the dense matrix is rows × columns only),
    /// warm-started from `start` when it has the same columns.
    pub(crate) fn fit(
        rows: &[&SparseVec],
        y: &[bool],
        columns: &[u32],
        alpha: f64,
        start: Option<&TextModel>,
    ) -> Result<Self> {
        let max_col = columns.iter().copied().max().map_or(0, |c| c as usize + 1);
        let mut pos = vec![u32::MAX; max_col];
        for (j, &c) in columns.iter().enumerate() {
            pos[c as usize] = j as u32;
        }
        // Column-major: linfa's gradient multiplies by xᵀ, which is then row-major and fast.
        let mut x = Array2::<f64>::zeros((rows.len(), columns.len()).f());
        for (r, v) in rows.iter().enumerate() {
            for (&i, &val) in v.idx.iter().zip(&v.val) {
                if let Some(&j) = pos.get(i as usize).filter(|&&j| j != u32::MAX) {
                    x[(r, j as usize)] = f64::from(val);
                }
            }
        }
        let start = start.filter(|m| m.columns == columns);
        let (w, b) = fit_logistic(x, y, alpha, start.map(|m| (&m.weights[..], m.bias)))?;
        let mut m = TextModel {
            columns: columns.to_vec(),
            weights: w,
            bias: b,
            calibration: Calibration::UNFITTED,
            dense: Vec::new(),
        };
        m.expand(max_col);
        Ok(m)
    }

    /// Spreads the weights over a dense vector for O(nnz) scoring; call after loading.
    pub(crate) fn expand(&mut self, n_cols: usize) {
        let n = n_cols.max(
            self.columns
                .iter()
                .map(|&c| c as usize + 1)
                .max()
                .unwrap_or(0),
        );
        self.dense = vec![0.0; n];
        for (&c, &w) in self.columns.iter().zip(&self.weights) {
            self.dense[c as usize] = w;
        }
    }

    /// Drops near-zero weights to keep the model file small.
    pub(crate) fn prune(&mut self, eps: f32) {
        let keep: Vec<(u32, f32)> = self
            .columns
            .iter()
            .zip(&self.weights)
            .filter(|(_, w)| w.abs() >= eps)
            .map(|(&c, &w)| (c, w))
            .collect();
        self.columns = keep.iter().map(|p| p.0).collect();
        self.weights = keep.iter().map(|p| p.1).collect();
    }

    /// Raw log-odds score.
    pub fn decision(&self, x: &SparseVec) -> f32 {
        let mut s = self.bias;
        for (&i, &v) in x.idx.iter().zip(&x.val) {
            if let Some(w) = self.dense.get(i as usize) {
                s += w * v;
            }
        }
        s
    }

    /// Calibrated probability.
    pub fn prob(&self, x: &SparseVec) -> f32 {
        self.calibration.prob(self.decision(x))
    }
}

/// A logistic model over a few dense, standardised features (place ranking).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DenseModel {
    pub mean: Vec<f32>,
    pub scale: Vec<f32>,
    pub weights: Vec<f32>,
    pub bias: f32,
    pub calibration: Calibration,
}

impl DenseModel {
    pub(crate) fn fit(x: &[Vec<f32>], y: &[bool], alpha: f64) -> Result<Self> {
        let d = x.first().map_or(0, |r| r.len());
        let n = x.len().max(1) as f32;
        let mean: Vec<f32> = (0..d)
            .map(|j| x.iter().map(|r| r[j]).sum::<f32>() / n)
            .collect();
        let scale: Vec<f32> = (0..d)
            .map(|j| {
                let v = x.iter().map(|r| (r[j] - mean[j]).powi(2)).sum::<f32>() / n;
                if v > 1e-12 {
                    v.sqrt()
                } else {
                    1.0
                }
            })
            .collect();
        let xm = Array2::from_shape_fn((x.len(), d), |(i, j)| {
            f64::from((x[i][j] - mean[j]) / scale[j])
        });
        let (w, b) = fit_logistic(xm, y, alpha, None)?;
        Ok(DenseModel {
            mean,
            scale,
            weights: w,
            bias: b,
            calibration: Calibration::UNFITTED,
        })
    }

    pub fn decision(&self, f: &[f32]) -> f32 {
        self.bias
            + f.iter()
                .zip(&self.weights)
                .enumerate()
                .map(|(j, (&v, &w))| w * (v - self.mean[j]) / self.scale[j])
                .sum::<f32>()
    }

    pub fn prob(&self, f: &[f32]) -> f32 {
        self.calibration.prob(self.decision(f))
    }

    /// True when the stored vectors agree in length (a model file check).
    pub(crate) fn consistent(&self, d: usize) -> bool {
        self.mean.len() == d && self.scale.len() == d && self.weights.len() == d
    }
}
