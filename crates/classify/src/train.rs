//! Training: features, the relevance and theme models, and the two focus-place models, each
//! calibrated and thresholded by an inner cross-validation on the training articles only.

use crate::docfeat::{doc_features, DOC_FEATURES};
use crate::error::{Error, Result};
use crate::focus::{
    add_article_features, candidates, state_features, Candidates, CITY_FEATURES, STATE_FEATURES,
};
use crate::folds::assign_folds;
use crate::gazetteer::{name_key, Gazetteer};
use crate::keywords::without_relevance_words;
use crate::labels::LabelledArticle;
use crate::linear::{Calibration, DenseModel, TextModel};
use crate::metrics::Counts;
use crate::model::{Classifier, ModelFile, ThemeModel, MODEL_FILE, MODEL_FORMAT};
use crate::places::words;
use crate::select::{select_terms, Target};
use crate::tfidf::{term_counts, FeatureConfig, HashIndex, SparseVec, TermCounts, Vectorizer};
use crate::tokenize::analyse;
use crate::THEMES;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

/// Training settings; all of them go into the version hash. Deserialises from partial JSON
/// (missing fields take their defaults; an unknown field is an error, so a typo is not ignored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrainOptions {
    pub features: FeatureConfig,
    /// L2 strengths (linfa `alpha`) of the text and place models.
    pub relevance_alpha: f64,
    /// Candidate strengths for each theme and locality model; each takes the one with the best
    /// inner out-of-fold F1 (small themes want less regularisation than large ones).
    pub theme_alphas: Vec<f64>,
    pub place_alpha: f64,
    /// Also train on title + lead copies of every article (feeds give short texts).
    pub augment_short: bool,
    /// Also train the text models on copies without the words the corpus was selected by
    /// (see [`without_relevance_words`]), so they learn the beat's other words too.
    pub augment_unkeyed: bool,
    /// Folds of the inner cross-validation that calibrates and picks thresholds.
    pub inner_folds: usize,
    pub seed: u64,
    pub max_cities: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            features: FeatureConfig::default(),
            relevance_alpha: 0.3,
            theme_alphas: vec![0.1],
            place_alpha: 1.0,
            augment_short: true,
            augment_unkeyed: true,
            inner_folds: 3,
            seed: 20261128,
            max_cities: 3,
        }
    }
}

/// What training did, printable.
#[derive(Debug, Clone, Serialize)]
pub struct TrainReport {
    pub version: String,
    pub articles: usize,
    pub relevant: usize,
    pub vocabulary: usize,
    pub relevance_threshold: f32,
    pub theme_thresholds: Vec<(String, f32)>,
    /// Regularisation strength each theme model chose.
    pub theme_alphas: Vec<(String, f64)>,
    pub city_threshold: f32,
    pub state_threshold: f32,
    pub seconds: f64,
}

impl std::fmt::Display for TrainReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "model {}: {} articles ({} relevant), vocabulary {}, {:.1} s",
            self.version, self.articles, self.relevant, self.vocabulary, self.seconds
        )?;
        writeln!(
            f,
            "thresholds: relevance {:.2}, city {:.2}, state {:.2}",
            self.relevance_threshold, self.city_threshold, self.state_threshold
        )?;
        let th: Vec<String> = self
            .theme_thresholds
            .iter()
            .zip(&self.theme_alphas)
            .map(|((n, t), (_, a))| format!("{n} {t:.2} (alpha {a})"))
            .collect();
        write!(f, "themes (threshold, L2 alpha): {}", th.join(", "))
    }
}

/// The trained models, ready to save or use.
#[derive(Debug, Clone)]
pub struct TrainedModels {
    pub(crate) file: ModelFile,
}

impl TrainedModels {
    pub fn version(&self) -> &str {
        &self.file.version
    }

    /// Writes `<models_dir>/classifier/model.json` (via a temporary file, so a reader never
    /// sees half a model).
    pub fn save(&self, models_dir: &Path) -> Result<()> {
        let dir = models_dir.join("classifier");
        std::fs::create_dir_all(&dir).map_err(crate::error::io_err(&dir))?;
        let path = dir.join(MODEL_FILE);
        let tmp = dir.join(format!("{MODEL_FILE}.tmp"));
        let json = serde_json::to_vec(&self.file).map_err(|e| Error::Train(e.to_string()))?;
        std::fs::write(&tmp, json).map_err(crate::error::io_err(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(crate::error::io_err(&path))
    }

    /// A classifier using these models and `gaz`.
    pub fn classifier(&self, gaz: &Gazetteer) -> Classifier {
        Classifier::from_parts(self.file.clone(), gaz.clone())
    }
}

/// Title + first paragraph (extended by the next one if the first is under 150 characters):
/// what a feed summary gives.
pub fn short_text(text: &str) -> String {
    let mut out = String::new();
    for p in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(p);
        if out.len() >= 150 {
            break;
        }
    }
    out
}

/// One training row: an article or its short copy.
struct Row {
    article: usize,
    counts: TermCounts,
    doc: [f32; DOC_FEATURES],
    vector: SparseVec,
    cands: Option<Candidates>,
}

/// A model fitted by [`fit_calibrated`] with what its selection saw.
struct Calibrated<M> {
    model: M,
    cal: Calibration,
    /// Out-of-fold raw scores of the chosen regularisation.
    oof: Vec<f32>,
    alpha: f64,
}

/// Out-of-fold scores by inner cross-validation for each regularisation strength in `alphas`;
/// the one whose calibrated out-of-fold F1 is best is refitted on all rows and calibrated on
/// its out-of-fold scores. `rows[i]` is the article of row i; folds are per article, so an
/// article and its short copy are never split. Each fit after the first is warm-started from
/// the previous one (`fit` gets it as its last argument), which roughly halves training time.
fn fit_calibrated<M>(
    rows: &[usize],
    y: &[bool],
    folds: &[usize],
    k: usize,
    alphas: &[f64],
    fit: impl Fn(&[usize], f64, Option<&M>) -> Result<M>,
    score: impl Fn(&M, usize) -> f32,
) -> Result<Calibrated<M>> {
    let mut best: Option<(f64, Vec<f32>, Calibration, f64, M)> = None;
    for &alpha in alphas {
        let mut oof = vec![0.0f32; rows.len()];
        let mut last: Option<M> = None;
        for f in 0..k {
            let train: Vec<usize> = (0..rows.len()).filter(|&i| folds[rows[i]] != f).collect();
            let m = fit(&train, alpha, last.as_ref())?;
            for i in (0..rows.len()).filter(|&i| folds[rows[i]] == f) {
                oof[i] = score(&m, i);
            }
            last = Some(m);
        }
        let cal = Calibration::fit(&oof, y)?;
        let mut c = Counts::default();
        for (&z, &yi) in oof.iter().zip(y) {
            c.add(cal.prob(z) >= cal.threshold, yi);
        }
        if best.as_ref().is_none_or(|b| c.f1() > b.3) {
            let last = last.ok_or_else(|| Error::Train("no folds".into()))?;
            best = Some((alpha, oof, cal, c.f1(), last));
        }
    }
    let (alpha, oof, cal, _, last) =
        best.ok_or_else(|| Error::Train("no regularisation strength given".into()))?;
    let all: Vec<usize> = (0..rows.len()).collect();
    Ok(Calibrated {
        model: fit(&all, alpha, Some(&last))?,
        cal,
        oof,
        alpha,
    })
}

/// Single-word place names written in lowercase at least half as often as capitalised
/// mid-sentence in `texts` ("mission", "commerce", "liberty").
fn common_words(gaz: &Gazetteer, arts: &[&LabelledArticle]) -> Vec<String> {
    let mut n: HashMap<String, (u32, u32)> = HashMap::new();
    for a in arts {
        for w in words("", &a.text) {
            if w.lower.contains(' ') || gaz.lookup(&name_key(&w.lower)).is_empty() {
                continue;
            }
            let e = n.entry(w.lower).or_default();
            if !w.cap {
                e.0 += 1;
            } else if !w.sent_start {
                e.1 += 1;
            }
        }
    }
    let mut out: Vec<String> = n
        .into_iter()
        .filter(|(_, (low, cap))| *low >= 2 && 2 * low >= *cap)
        .map(|(w, _)| w)
        .collect();
    out.sort();
    out
}

/// Trains all models on `articles`. Deterministic for the same input and options.
pub fn train(
    articles: &[LabelledArticle],
    gaz: &Gazetteer,
    opts: &TrainOptions,
) -> Result<(TrainedModels, TrainReport)> {
    let t0 = Instant::now();
    if articles.iter().filter(|a| a.relevant).count() < 2 || articles.iter().all(|a| a.relevant) {
        return Err(Error::Train("need relevant and irrelevant articles".into()));
    }
    let cfg = &opts.features;
    let arts: Vec<&LabelledArticle> = articles.iter().collect();
    let common = common_words(gaz, &arts);
    let shorts: Vec<String> = arts.iter().map(|a| short_text(&a.text)).collect();
    // Rows: every article, then (optionally) its short copy and its copy without the
    // selection words; the full text comes first.
    let mut rows: Vec<Row> = Vec::new();
    for (i, a) in arts.iter().enumerate() {
        let mut texts: Vec<(Cow<str>, Cow<str>, bool)> = vec![(
            Cow::from(a.title.as_str()),
            Cow::from(a.text.as_str()),
            true,
        )];
        if opts.augment_short {
            texts.push((
                Cow::from(a.title.as_str()),
                Cow::from(shorts[i].as_str()),
                true,
            ));
        }
        if opts.augment_unkeyed {
            // Places are read from the real text only: the place models stay as they were.
            // A text without the words already is its own copy.
            let (title, text) = (
                without_relevance_words(&a.title),
                without_relevance_words(&a.text),
            );
            if title != a.title || text != a.text {
                texts.push((Cow::from(title), Cow::from(text), false));
            }
        }
        for (title, text, places) in texts {
            let an = analyse(&title, &text);
            rows.push(Row {
                article: i,
                counts: term_counts(&an, cfg, None),
                doc: doc_features(&an),
                vector: SparseVec::default(),
                cands: (a.relevant && places).then(|| candidates(gaz, &title, &text, &common)),
            });
        }
    }
    let orig: Vec<&TermCounts> = rows
        .iter()
        .enumerate()
        .filter(|(i, r)| *i == 0 || rows[i - 1].article != r.article)
        .map(|(_, r)| &r.counts)
        .collect();
    let relevant: Vec<bool> = arts.iter().map(|a| a.relevant).collect();
    let mut targets = vec![Target {
        y: relevant.clone(),
        among: vec![true; arts.len()],
        k: cfg.relevance_features,
    }];
    for name in THEMES {
        targets.push(Target {
            y: arts
                .iter()
                .map(|a| a.themes.iter().any(|x| x == name))
                .collect(),
            among: relevant.clone(),
            k: cfg.theme_features,
        });
    }
    // Is the story local at all (has a focus city / state)? Article-level evidence for places.
    for has in [
        |a: &LabelledArticle| !a.cities.is_empty(),
        |a: &LabelledArticle| !a.states.is_empty(),
    ] {
        targets.push(Target {
            y: arts.iter().map(|a| has(a)).collect(),
            among: relevant.clone(),
            k: cfg.theme_features,
        });
    }
    let (vocab, dfs, cols) = select_terms(&orig, &targets, cfg.min_df);
    // Term strings for the chosen hashes only (a second pass, so no string is built for the
    // millions of unused bigrams).
    let mut names: HashIndex<Option<String>> = vocab.iter().map(|&h| (h, None)).collect();
    for a in &arts {
        term_counts(&analyse(&a.title, &a.text), cfg, Some(&mut names));
    }
    let terms: Vec<String> = vocab
        .iter()
        .map(|h| names[h].clone().unwrap_or_default())
        .collect();
    let vectorizer = Vectorizer::new(cfg.clone(), terms, &dfs, arts.len());
    for r in &mut rows {
        r.vector = vectorizer.vector(&r.counts, &r.doc);
    }
    // Every text model also sees the shared structure features, and a theme's model its own
    // pair (targets in order: relevance, the themes, then the two locality models).
    let cols: Vec<Vec<u32>> = cols
        .into_iter()
        .enumerate()
        .map(|(t, mut c)| {
            let theme = (1..=THEMES.len()).contains(&t).then(|| t - 1);
            c.extend(vectorizer.doc_columns(theme));
            c
        })
        .collect();
    let ids: Vec<&str> = arts.iter().map(|a| a.id.as_str()).collect();
    let strata: Vec<bool> = arts.iter().map(|a| a.relevant).collect();
    let folds = assign_folds(&ids, &strata, opts.inner_folds, opts.seed ^ 0x5eed);
    let k = opts.inner_folds;
    // Relevance on all rows.
    let row_art: Vec<usize> = rows.iter().map(|r| r.article).collect();
    let y: Vec<bool> = rows.iter().map(|r| arts[r.article].relevant).collect();
    let fit_text = |idx: &[usize],
                    y: &[bool],
                    sub: &[usize],
                    columns: &[u32],
                    alpha: f64,
                    start: Option<&TextModel>| {
        let xs: Vec<&SparseVec> = idx.iter().map(|&i| &rows[sub[i]].vector).collect();
        let ys: Vec<bool> = idx.iter().map(|&i| y[i]).collect();
        TextModel::fit(&xs, &ys, columns, alpha, start)
    };
    let all_rows: Vec<usize> = (0..rows.len()).collect();
    let fitted = fit_calibrated(
        &row_art,
        &y,
        &folds,
        k,
        &[opts.relevance_alpha],
        |idx, alpha, start| fit_text(idx, &y, &all_rows, &cols[0], alpha, start),
        |m, i| m.decision(&rows[i].vector),
    )?;
    let mut relevance = fitted.model;
    relevance.calibration = fitted.cal;
    // One-vs-rest text models on the rows of relevant articles: the themes, then whether the
    // story is local (has a focus city / state), whose out-of-fold probabilities become
    // article-level features of the place candidates.
    let rel_rows: Vec<usize> = (0..rows.len())
        .filter(|&i| arts[rows[i].article].relevant)
        .collect();
    let rel_art: Vec<usize> = rel_rows.iter().map(|&i| rows[i].article).collect();
    let fit_rel_target = |y: &[bool], columns: &[u32]| -> Result<(TextModel, Vec<f32>, f64)> {
        let f = fit_calibrated(
            &rel_art,
            y,
            &folds,
            k,
            &opts.theme_alphas,
            |idx, alpha, start| fit_text(idx, y, &rel_rows, columns, alpha, start),
            |m, i| m.decision(&rows[rel_rows[i]].vector),
        )?;
        let mut m = f.model;
        m.calibration = f.cal;
        Ok((m, f.oof.iter().map(|&z| f.cal.prob(z)).collect(), f.alpha))
    };
    let rel_y = |f: &dyn Fn(&LabelledArticle) -> bool| -> Vec<bool> {
        rel_rows.iter().map(|&i| f(arts[rows[i].article])).collect()
    };
    let mut themes = Vec::new();
    let mut theme_alphas = Vec::new();
    for (t, name) in THEMES.iter().enumerate() {
        let yt = rel_y(&|a| a.themes.iter().any(|x| x == name));
        let (model, _, alpha) = fit_rel_target(&yt, &cols[t + 1])?;
        themes.push(ThemeModel {
            name: name.to_string(),
            model,
        });
        theme_alphas.push((name.to_string(), alpha));
    }
    let n = THEMES.len();
    let (local_city, lc_p, _) = fit_rel_target(&rel_y(&|a| !a.cities.is_empty()), &cols[n + 1])?;
    let (local_state, ls_p, _) = fit_rel_target(&rel_y(&|a| !a.states.is_empty()), &cols[n + 2])?;
    for (j, &i) in rel_rows.iter().enumerate() {
        if let Some(c) = rows[i].cands.as_mut() {
            add_article_features(c, lc_p[j], ls_p[j]);
        }
    }

    // The two place models: dense logistic models over candidate features, calibrated and
    // thresholded on out-of-fold scores; also returns those out-of-fold probabilities.
    let fit_place = |x: &[Vec<f32>], y: &[bool], art: &[usize]| -> Result<(DenseModel, Vec<f32>)> {
        let fitted = fit_calibrated(
            art,
            y,
            &folds,
            k,
            &[opts.place_alpha],
            |idx, alpha, _| {
                let xs: Vec<Vec<f32>> = idx.iter().map(|&i| x[i].clone()).collect();
                let ys: Vec<bool> = idx.iter().map(|&i| y[i]).collect();
                DenseModel::fit(&xs, &ys, alpha)
            },
            |m, i| m.decision(&x[i]),
        )?;
        let mut m = fitted.model;
        m.calibration = fitted.cal;
        let oof = fitted.oof.iter().map(|&z| fitted.cal.prob(z)).collect();
        Ok((m, oof))
    };

    // Focus cities: one row per candidate of a relevant article; a row's candidates are
    // contiguous, starting at `first_city[row]`.
    let mut first_city = vec![0usize; rows.len()];
    let (mut cx, mut cy, mut c_art) = (Vec::new(), Vec::new(), Vec::new());
    for &i in &rel_rows {
        first_city[i] = cx.len();
        let a = rows[i].article;
        for c in rows[i].cands.iter().flat_map(|c| &c.cities) {
            cx.push(c.features.clone());
            cy.push(arts[a].cities.contains(&gaz.label(c.id)));
            c_art.push(a);
        }
    }
    let (city, city_oof) = fit_place(&cx, &cy, &c_art)?;

    // Focus states, with the out-of-fold city probabilities as features.
    let (mut sx, mut sy, mut s_art) = (Vec::new(), Vec::new(), Vec::new());
    for &i in &rel_rows {
        let Some(cands) = rows[i].cands.as_ref() else {
            continue;
        };
        let a = rows[i].article;
        let cities = &cands.cities;
        let probs = &city_oof[first_city[i]..first_city[i] + cities.len()];
        for s in &cands.states {
            let code = &gaz.states()[s.id].code;
            let max_p = cities
                .iter()
                .zip(probs)
                .filter(|(c, _)| &gaz.place(c.id).state == code)
                .map(|(_, &p)| p)
                .fold(0.0, f32::max);
            sx.push(state_features(
                &s.features,
                max_p,
                max_p >= city.calibration.threshold,
            ));
            sy.push(arts[a].states.contains(code));
            s_art.push(a);
        }
    }
    let (state, _) = fit_place(&sx, &sy, &s_art)?;
    let (mut local_city, mut local_state) = (local_city, local_state);
    for m in [&mut relevance, &mut local_city, &mut local_state]
        .into_iter()
        .chain(themes.iter_mut().map(|t| &mut t.model))
    {
        m.prune(1e-4);
    }
    let version = version_id(articles, opts);
    let report = TrainReport {
        version: version.clone(),
        articles: arts.len(),
        relevant: arts.iter().filter(|a| a.relevant).count(),
        vocabulary: vectorizer.len(),
        relevance_threshold: relevance.calibration.threshold,
        theme_thresholds: themes
            .iter()
            .map(|t| (t.name.clone(), t.model.calibration.threshold))
            .collect(),
        theme_alphas,
        city_threshold: city.calibration.threshold,
        state_threshold: state.calibration.threshold,
        seconds: t0.elapsed().as_secs_f64(),
    };
    let mut file = ModelFile {
        format: MODEL_FORMAT,
        version,
        trained_on: arts.len(),
        vectorizer,
        relevance,
        themes,
        local_city,
        local_state,
        city_features: CITY_FEATURES.iter().map(|s| s.to_string()).collect(),
        city,
        state_features: STATE_FEATURES.iter().map(|s| s.to_string()).collect(),
        state,
        common_words: common,
        max_cities: opts.max_cities,
    };
    file.prepare();
    Ok((TrainedModels { file }, report))
}

/// `clf-YYYYMMDD-<hash>`: the training date and an FNV-1a hash of the labels (ids, labels and
/// texts' lengths), the options, the feature layout and the text-reading code's version and word
/// lists, so the same labels, settings and code give the same hash.
fn version_id(articles: &[LabelledArticle], opts: &TrainOptions) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain(std::iter::once(0)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for a in articles {
        eat(&format!(
            "{}|{}|{:?}|{:?}|{:?}|{}",
            a.id,
            a.relevant,
            a.themes,
            a.cities,
            a.states,
            a.text.len()
        ));
    }
    eat(&serde_json::to_string(opts).unwrap_or_default());
    // The feature layout too, so a code change that alters features changes the id.
    eat(&format!(
        "{MODEL_FORMAT}|{CITY_FEATURES:?}|{STATE_FEATURES:?}|{DOC_FEATURES}"
    ));
    // And the code that reads the text: the crate version, the place-reading word lists and the
    // key-word lists behind the structure features.
    eat(env!("CARGO_PKG_VERSION"));
    eat(&crate::lexicon::fingerprint());
    eat(&crate::keywords::fingerprint());
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    format!("clf-{y:04}{m:02}{d:02}-{:08x}", h >> 32)
}

/// Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + (m <= 2) as i64, m, d)
}
