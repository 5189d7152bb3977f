//! The metric of the Zyte article-extraction benchmark, as implemented by
//! `shared/tools/score_extraction.py`, and a runner over a benchmark folder.
//!
//! * Tokens are runs of word characters (`\w+`, Unicode, case kept).
//! * Shingles are the runs of 4 consecutive tokens; a text of 1-3 tokens is
//!   one shingle, an empty text has none. Shingles are compared as multisets.
//! * Per page: precision tp/(tp+fp) (only when the prediction has shingles),
//!   recall tp/(tp+fn) (only when the truth has shingles), exact match when
//!   the token sequences are equal.
//! * Totals: precision and recall are the means over the pages where they
//!   are defined; F1 is the harmonic mean of those two means; accuracy is the
//!   mean of exact match over all pages.
//!
//! ```no_run
//! let report = beatwatch_extract::eval_dir(std::path::Path::new("shared/extraction/dev"))?;
//! println!("{}", report.totals);
//! report.write_by_page(std::fs::File::create("worst.tsv")?)?;
//! # Ok::<(), std::io::Error>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::path::Path;

/// Tokens of a text: maximal runs of word characters (letters, digits,
/// marks that are alphabetic, and `_`), like Python's `re.findall(r"\w+")`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'t>(toks: &'t [&'t str]) -> HashMap<&'t [&'t str], i64> {
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() <= 4 {
        m.insert(toks, 1);
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w).or_insert(0) += 1;
    }
    m
}

/// Scores of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageEval {
    /// The page's folder name.
    pub id: String,
    pub url: String,
    pub tp: i64,
    pub fp: i64,
    pub fn_: i64,
    pub exact: bool,
    pub truth_tokens: usize,
    pub pred_tokens: usize,
    /// The extracted text that was scored.
    pub prediction: String,
}

impl PageEval {
    /// Scores `prediction` against `truth`.
    pub fn score(id: &str, url: &str, truth: &str, prediction: String) -> PageEval {
        let (t, p) = (tokens(truth), tokens(&prediction));
        let (ts, ps) = (shingles(&t), shingles(&p));
        let tp: i64 = ps
            .iter()
            .map(|(k, &n)| n.min(ts.get(k).copied().unwrap_or(0)))
            .sum();
        let (np, nt): (i64, i64) = (ps.values().sum(), ts.values().sum());
        PageEval {
            id: id.to_string(),
            url: url.to_string(),
            tp,
            fp: np - tp,
            fn_: nt - tp,
            exact: t == p,
            truth_tokens: t.len(),
            pred_tokens: p.len(),
            prediction: String::new(),
        }
        .with_prediction(prediction)
    }

    fn with_prediction(mut self, p: String) -> Self {
        self.prediction = p;
        self
    }

    /// `None` when the prediction has no shingle.
    pub fn precision(&self) -> Option<f64> {
        let d = self.tp + self.fp;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }

    /// `None` when the truth has no shingle.
    pub fn recall(&self) -> Option<f64> {
        let d = self.tp + self.fn_;
        (d > 0).then(|| self.tp as f64 / d as f64)
    }

    /// Per-page F1, for ranking: both empty is 1, one side empty is 0.
    pub fn f1(&self) -> f64 {
        match (self.precision(), self.recall()) {
            (None, None) => 1.0,
            (Some(p), Some(r)) if p + r > 0.0 => 2.0 * p * r / (p + r),
            _ => 0.0,
        }
    }
}

/// The benchmark's totals over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Totals {
    pub pages: usize,
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    pub accuracy: f64,
    pub empty_predictions: usize,
}

impl Totals {
    /// Aggregates page scores as the benchmark does.
    pub fn of<'a>(pages: impl IntoIterator<Item = &'a PageEval>) -> Totals {
        let mean = |v: &[f64]| {
            if v.is_empty() {
                f64::NAN
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        };
        let (mut ps, mut rs, mut exact) = (Vec::new(), Vec::new(), Vec::new());
        let mut t = Totals::default();
        for p in pages {
            t.pages += 1;
            ps.extend(p.precision());
            rs.extend(p.recall());
            exact.push(if p.exact { 1.0 } else { 0.0 });
            t.empty_predictions += usize::from(p.pred_tokens == 0);
        }
        t.precision = mean(&ps);
        t.recall = mean(&rs);
        t.accuracy = mean(&exact);
        t.f1 = if t.recall.is_nan() {
            f64::NAN
        } else if t.precision.is_nan() || t.precision + t.recall == 0.0 {
            0.0
        } else {
            2.0 * t.precision * t.recall / (t.precision + t.recall)
        };
        t
    }
}

impl fmt::Display for Totals {
    /// `pages 181  f1 0.970  precision 0.960  recall 0.980  accuracy 0.300`
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "pages {}  f1 {:.3}  precision {:.3}  recall {:.3}  accuracy {:.3}  (empty predictions: {})",
            self.pages, self.f1, self.precision, self.recall, self.accuracy, self.empty_predictions
        )
    }
}

/// Scores of every page of a folder, in id order.
#[derive(Debug, Clone)]
pub struct EvalReport {
    pub pages: Vec<PageEval>,
    pub totals: Totals,
}

impl EvalReport {
    /// Totals over the pages that `keep` selects (e.g. a held-out subset).
    pub fn totals_where(&self, keep: impl Fn(&PageEval) -> bool) -> Totals {
        Totals::of(self.pages.iter().filter(|p| keep(p)))
    }

    /// Writes the by-page TSV of `score_extraction.py --by-page`, worst
    /// (lowest per-page F1) first: id, f1, precision, recall, exact,
    /// truth_tokens, pred_tokens, url.
    pub fn write_by_page(&self, mut out: impl Write) -> io::Result<()> {
        let mut rows: Vec<&PageEval> = self.pages.iter().collect();
        rows.sort_by(|a, b| a.f1().total_cmp(&b.f1()).then_with(|| a.id.cmp(&b.id)));
        writeln!(
            out,
            "id\tf1\tprecision\trecall\texact\ttruth_tokens\tpred_tokens\turl"
        )?;
        let opt = |x: Option<f64>| x.map(|v| format!("{v:.4}")).unwrap_or_default();
        for p in rows {
            writeln!(
                out,
                "{}\t{:.4}\t{}\t{}\t{}\t{}\t{}\t{}",
                p.id,
                p.f1(),
                opt(p.precision()),
                opt(p.recall()),
                u8::from(p.exact),
                p.truth_tokens,
                p.pred_tokens,
                p.url
            )?;
        }
        out.flush()
    }

    /// Writes `{"id": ..., "text": ...}` lines, the scorer's PRED.jsonl.
    pub fn write_predictions(&self, mut out: impl Write) -> io::Result<()> {
        for p in &self.pages {
            let line = serde_json::json!({"id": p.id, "text": p.prediction});
            writeln!(out, "{line}")?;
        }
        out.flush()
    }
}

/// One benchmark page: its id, URL, HTML and true body text.
struct Sample {
    id: String,
    url: String,
    html: String,
    truth: String,
}

fn load(dir: &Path) -> io::Result<Vec<Sample>> {
    let mut ids: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.path().join("page.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids.into_iter()
        .map(|id| {
            let d = dir.join(&id);
            let html = String::from_utf8_lossy(&std::fs::read(d.join("page.html"))?).into_owned();
            let truth: serde_json::Value = match std::fs::read(d.join("truth.json")) {
                Ok(b) => serde_json::from_slice(&b).map_err(|e| {
                    io::Error::new(io::ErrorKind::InvalidData, format!("{id}/truth.json: {e}"))
                })?,
                Err(e) if e.kind() == io::ErrorKind::NotFound => serde_json::Value::Null,
                Err(e) => return Err(e),
            };
            let field = |k: &str| {
                truth
                    .get(k)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            Ok(Sample {
                url: field("url"),
                truth: field("articleBody"),
                id,
                html,
            })
        })
        .collect()
}

/// Extracts and scores every `<id>/page.html` of `dir` (read as UTF-8,
/// invalid bytes replaced) against its `<id>/truth.json`
/// (`{"url", "articleBody"}`; the URL is passed to [`crate::extract`]).
/// A page without `truth.json` is scored against an empty truth.
pub fn eval_dir(dir: &Path) -> io::Result<EvalReport> {
    let pages: Vec<PageEval> = load(dir)?
        .into_iter()
        .map(|s| {
            let url = url::Url::parse(&s.url).ok();
            let text = crate::extract(&s.html, url.as_ref()).text;
            PageEval::score(&s.id, &s.url, &s.truth, text)
        })
        .collect();
    let totals = Totals::of(&pages);
    Ok(EvalReport { pages, totals })
}

/// Reads every page of a benchmark folder into memory (for benchmarks):
/// `(id, url, html)` in id order.
pub fn load_pages(dir: &Path) -> io::Result<Vec<(String, String, String)>> {
    Ok(load(dir)?
        .into_iter()
        .map(|s| (s.id, s.url, s.html))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(t: &str, p: &str) -> PageEval {
        PageEval::score("x", "", t, p.to_string())
    }

    #[test]
    fn metric_matches_scorer_self_test() {
        let s = page("a b c d e", "a b c d e f g");
        assert_eq!((s.tp, s.fp, s.fn_), (2, 2, 0));
        let s = page("one two three four five six", "one two three four");
        assert_eq!((s.tp, s.fp, s.fn_), (1, 0, 2));
        let s = page("hello world", "hello world again");
        assert_eq!((s.tp, s.fp, s.fn_), (0, 1, 1));
        let s = page("x y z w x y z w", "x y z w");
        assert_eq!((s.tp, s.fp, s.fn_), (1, 0, 4));
        assert!(page("Hello, world!  Foo-bar.", "Hello world\n\nFoo bar").exact);
        assert_eq!(tokens("Straße café naïve 東京").len(), 4);
        let s = page("a b c d e", "");
        assert_eq!((s.precision(), s.recall(), s.f1()), (None, Some(0.0), 0.0));
        let pages = [
            page("a b c d e", "a b c d e f g"),
            page("a b c d e f", "a b c d"),
            page("a b c d e", ""),
        ];
        let t = Totals::of(&pages);
        let (p, r) = (0.75, (1.0 + 1.0 / 3.0) / 3.0);
        assert!((t.precision - p).abs() < 1e-12 && (t.recall - r).abs() < 1e-12);
        assert!((t.f1 - 2.0 * p * r / (p + r)).abs() < 1e-12);
    }
}
