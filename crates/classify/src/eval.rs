//! k-fold cross-validation of the whole classifier beside two baselines on the same folds:
//! a key-word rule (relevance, themes) and "the most-mentioned place is the focus" (places).
//!
//! Folds come from [`crate::folds::assign_folds`] (seeded, stratified by relevance). Each fold's
//! models, thresholds and baseline cut-offs are fitted on the other folds only. Every held-out
//! article is scored four times: full text; short (title + first paragraph, see
//! [`crate::short_text`]), the form feed summaries take; and both again without the words the
//! corpus was selected by ([`crate::without_relevance_words`]), as stories told in other words
//! (newer and local coverage, brief summaries) read.

use crate::error::Result;
use crate::folds::assign_folds;
use crate::gazetteer::Gazetteer;
use crate::keywords::{article_keyword_counts, without_relevance_words};
use crate::labels::LabelledArticle;
use crate::metrics::Counts;
use crate::tokenize::analyse;
use crate::train::{short_text, train, TrainOptions};
use crate::THEMES;
use serde::Serialize;
use std::fmt;

/// Model and baseline counts for one measure.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Pair {
    pub model: Counts,
    pub baseline: Counts,
}

impl Pair {
    fn merge(&mut self, o: &Pair) {
        self.model.merge(&o.model);
        self.baseline.merge(&o.baseline);
    }
}

/// Scores on one text form (full or short).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Section {
    pub relevance: Pair,
    /// Per theme, over articles labelled relevant (the theme models' own task).
    pub themes: Vec<(String, Pair)>,
    /// Themes end to end: predicted only for articles predicted relevant, over all articles.
    pub themes_end_to_end: Pair,
    /// Focus cities / states over articles labelled relevant.
    pub cities: Pair,
    pub states: Pair,
    /// Focus cities / states end to end (relevance predicted).
    pub cities_end_to_end: Pair,
    pub states_end_to_end: Pair,
}

impl Section {
    fn new() -> Section {
        Section {
            themes: THEMES
                .iter()
                .map(|t| (t.to_string(), Pair::default()))
                .collect(),
            ..Section::default()
        }
    }

    fn merge(&mut self, o: &Section) {
        self.relevance.merge(&o.relevance);
        for (a, b) in self.themes.iter_mut().zip(&o.themes) {
            a.1.merge(&b.1);
        }
        for (a, b) in [
            (&mut self.themes_end_to_end, &o.themes_end_to_end),
            (&mut self.cities, &o.cities),
            (&mut self.states, &o.states),
            (&mut self.cities_end_to_end, &o.cities_end_to_end),
            (&mut self.states_end_to_end, &o.states_end_to_end),
        ] {
            a.merge(b);
        }
    }

    /// Micro counts over all themes (model, baseline).
    pub fn themes_micro(&self) -> Pair {
        let mut p = Pair::default();
        for (_, t) in &self.themes {
            p.merge(t);
        }
        p
    }

    /// Mean per-theme F1 (model, baseline).
    pub fn themes_macro_f1(&self) -> (f64, f64) {
        let n = self.themes.len().max(1) as f64;
        (
            self.themes.iter().map(|t| t.1.model.f1()).sum::<f64>() / n,
            self.themes.iter().map(|t| t.1.baseline.f1()).sum::<f64>() / n,
        )
    }
}

/// One held-out article's full-text prediction beside its label (for error analysis).
#[derive(Debug, Clone, Serialize)]
pub struct Prediction {
    pub id: String,
    pub fold: usize,
    pub relevance_score: f32,
    /// The relevance probability of the article's short form (title + first paragraph).
    pub short_relevance_score: f32,
    pub relevant: bool,
    pub label_relevant: bool,
    pub themes: Vec<String>,
    pub label_themes: Vec<String>,
    pub cities: Vec<String>,
    pub label_cities: Vec<String>,
    /// The text model's probability that the story has a focus city at all.
    pub local_city: f32,
    /// Every city the gazetteer scan found, with the focus model's probability.
    pub city_candidates: Vec<(String, f32)>,
    pub states: Vec<String>,
    pub label_states: Vec<String>,
}

/// Cross-validation results, printable with `{}`.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub k: usize,
    pub seed: u64,
    pub articles: usize,
    pub relevant: usize,
    pub full: Section,
    pub short: Section,
    /// Full and short texts without the corpus selection words.
    pub full_unkeyed: Section,
    pub short_unkeyed: Section,
    pub seconds: f64,
    /// Out-of-fold predictions on full texts, in corpus order (not in the JSON summary).
    #[serde(skip)]
    pub predictions: Vec<Prediction>,
}

/// Text forms each held-out article is scored in: full, full without the selection words,
/// short without them, short (`SHORT`).
const FORMS: usize = 4;
const SHORT: usize = 3;

/// The key-word count cut-off with the best F1 on training articles.
fn best_cut(counts: &[u32], y: &[bool]) -> u32 {
    (1..=60)
        .max_by(|&a, &b| {
            let f = |t: u32| {
                let mut c = Counts::default();
                for (&n, &yi) in counts.iter().zip(y) {
                    c.add(n >= t, yi);
                }
                c.f1()
            };
            f(a).total_cmp(&f(b)).then(b.cmp(&a))
        })
        .unwrap_or(1)
}

/// Runs `k`-fold cross-validation (folds run on two threads).
pub fn cross_validate(
    articles: &[LabelledArticle],
    gaz: &Gazetteer,
    k: usize,
    seed: u64,
    opts: &TrainOptions,
) -> Result<EvalReport> {
    let t0 = std::time::Instant::now();
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    let strata: Vec<bool> = articles.iter().map(|a| a.relevant).collect();
    let folds = assign_folds(&ids, &strata, k, seed);
    // The four forms of every article: (title, text) and their key-word counts.
    let forms: Vec<[(String, String); FORMS]> = articles
        .iter()
        .map(|a| {
            let short = short_text(&a.text);
            let title = without_relevance_words(&a.title);
            [
                (a.title.clone(), a.text.clone()),
                (title.clone(), without_relevance_words(&a.text)),
                (title, without_relevance_words(&short)),
                (a.title.clone(), short),
            ]
        })
        .collect();
    let kw_forms: Vec<[[u32; 9]; FORMS]> = forms
        .iter()
        .map(|f| {
            f.each_ref()
                .map(|(t, x)| article_keyword_counts(&analyse(t, x)))
        })
        .collect();
    let kw_full: Vec<[u32; 9]> = kw_forms.iter().map(|k| k[0]).collect();
    // Per fold: the scores of each form, and each held-out article's prediction.
    type FoldResult = Result<([Section; FORMS], Vec<(usize, Prediction)>)>;
    let run = |f: usize| -> FoldResult {
        let tr: Vec<usize> = (0..articles.len()).filter(|&i| folds[i] != f).collect();
        let train_set: Vec<LabelledArticle> = tr.iter().map(|&i| articles[i].clone()).collect();
        let (models, _) = train(&train_set, gaz, opts)?;
        let clf = models.classifier(gaz);
        // Baseline cut-offs from the training folds (full texts; short texts reuse them).
        let rel_cut = best_cut(
            &tr.iter().map(|&i| kw_full[i][0]).collect::<Vec<_>>(),
            &tr.iter().map(|&i| articles[i].relevant).collect::<Vec<_>>(),
        );
        let rel_tr: Vec<usize> = tr
            .iter()
            .copied()
            .filter(|&i| articles[i].relevant)
            .collect();
        let theme_cuts: Vec<u32> = THEMES
            .iter()
            .enumerate()
            .map(|(t, name)| {
                let c: Vec<u32> = rel_tr.iter().map(|&i| kw_full[i][t + 1]).collect();
                let y: Vec<bool> = rel_tr
                    .iter()
                    .map(|&i| articles[i].themes.iter().any(|x| x == name))
                    .collect();
                best_cut(&c, &y)
            })
            .collect();
        let mut out = (std::array::from_fn(|_| Section::new()), Vec::new());
        for i in (0..articles.len()).filter(|&i| folds[i] == f) {
            let a = &articles[i];
            for (form, sec) in out.0.iter_mut().enumerate() {
                let (title, text) = &forms[i][form];
                let kw = &kw_forms[i][form];
                let x = clf.vectorize(title, text);
                let p = clf.file.relevance.prob(&x);
                let rel = p >= clf.file.relevance.calibration.threshold;
                let rel_kw = kw[0] >= rel_cut;
                sec.relevance.model.add(rel, a.relevant);
                sec.relevance.baseline.add(rel_kw, a.relevant);
                let themes: Vec<&str> = clf
                    .theme_scores(&x)
                    .iter()
                    .map(|&(t, _)| THEMES[t])
                    .collect();
                let mut themes_kw: Vec<&str> = (0..THEMES.len())
                    .filter(|&t| kw[t + 1] >= theme_cuts[t])
                    .map(|t| THEMES[t])
                    .collect();
                if themes_kw.is_empty() {
                    let best = (0..THEMES.len()).max_by_key(|&t| kw[t + 1]).unwrap_or(0);
                    themes_kw.push(THEMES[best]);
                }
                let cands = clf.place_candidates(title, text, &x);
                let places = clf.places(&cands);
                let cities: Vec<String> = places.cities.iter().map(|c| gaz.label(c.0)).collect();
                let states: Vec<String> = places
                    .states
                    .iter()
                    .map(|s| gaz.states()[s.0].code.clone())
                    .collect();
                let cities_kw: Vec<String> = cands
                    .most_mentioned_city()
                    .map(|r| gaz.label(r))
                    .into_iter()
                    .collect();
                let states_kw: Vec<String> = cands
                    .most_mentioned_state()
                    .map(|s| gaz.states()[s].code.clone())
                    .into_iter()
                    .collect();
                if form == 0 {
                    out.1.push((
                        i,
                        Prediction {
                            id: a.id.clone(),
                            fold: f,
                            relevance_score: p,
                            short_relevance_score: clf
                                .file
                                .relevance
                                .prob(&clf.vectorize(&a.title, &forms[i][SHORT].1)),
                            relevant: rel,
                            label_relevant: a.relevant,
                            themes: themes.iter().map(|t| t.to_string()).collect(),
                            label_themes: a.themes.clone(),
                            cities: cities.clone(),
                            label_cities: a.cities.clone(),
                            local_city: clf.file.local_city.prob(&x),
                            city_candidates: cands
                                .cities
                                .iter()
                                .map(|k| (gaz.label(k.id), clf.file.city.prob(&k.features)))
                                .collect(),
                            states: states.clone(),
                            label_states: a.states.clone(),
                        },
                    ));
                }
                let gold_themes: Vec<&str> = a.themes.iter().map(|s| s.as_str()).collect();
                if a.relevant {
                    for (t, name) in THEMES.iter().enumerate() {
                        let gold = gold_themes.contains(name);
                        sec.themes[t].1.model.add(themes.contains(name), gold);
                        sec.themes[t].1.baseline.add(themes_kw.contains(name), gold);
                    }
                    sec.cities.model.add_sets(&cities, &a.cities);
                    sec.cities.baseline.add_sets(&cities_kw, &a.cities);
                    sec.states.model.add_sets(&states, &a.states);
                    sec.states.baseline.add_sets(&states_kw, &a.states);
                }
                let gate = |on: bool, v: Vec<String>| if on { v } else { Vec::new() };
                let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
                sec.themes_end_to_end
                    .model
                    .add_sets(&gate(rel, own(&themes)), &a.themes);
                sec.themes_end_to_end
                    .baseline
                    .add_sets(&gate(rel_kw, own(&themes_kw)), &a.themes);
                sec.cities_end_to_end
                    .model
                    .add_sets(&gate(rel, cities), &a.cities);
                sec.cities_end_to_end
                    .baseline
                    .add_sets(&gate(rel_kw, cities_kw), &a.cities);
                sec.states_end_to_end
                    .model
                    .add_sets(&gate(rel, states), &a.states);
                sec.states_end_to_end
                    .baseline
                    .add_sets(&gate(rel_kw, states_kw), &a.states);
            }
        }
        Ok(out)
    };
    let results: Vec<FoldResult> = std::thread::scope(|s| {
        let run = &run;
        let handles: Vec<_> = (0..2)
            .map(|w| s.spawn(move || (w..k).step_by(2).map(run).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("cross-validation worker panicked"))
            .collect()
    });
    let mut sections: [Section; FORMS] = std::array::from_fn(|_| Section::new());
    let mut predictions = Vec::new();
    for r in results {
        let (s, p) = r?;
        for (a, b) in sections.iter_mut().zip(&s) {
            a.merge(b);
        }
        predictions.extend(p);
    }
    let [full, full_unkeyed, short_unkeyed, short] = sections;
    predictions.sort_by_key(|p| p.0);
    let predictions = predictions.into_iter().map(|p| p.1).collect();
    Ok(EvalReport {
        k,
        seed,
        articles: articles.len(),
        relevant: articles.iter().filter(|a| a.relevant).count(),
        full,
        short,
        full_unkeyed,
        short_unkeyed,
        seconds: t0.elapsed().as_secs_f64(),
        predictions,
    })
}

fn row(f: &mut fmt::Formatter<'_>, name: &str, p: &Pair) -> fmt::Result {
    let (m, b) = (&p.model, &p.baseline);
    writeln!(
        f,
        "  {name:<30} {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}   {:>+6.3}",
        m.precision(),
        m.recall(),
        m.f1(),
        b.precision(),
        b.recall(),
        b.f1(),
        m.f1() - b.f1()
    )
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "  {:<30} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}   {:>6}",
            "", "P", "R", "F1", "base P", "R", "F1", "ΔF1"
        )?;
        row(f, "relevance", &self.relevance)?;
        writeln!(f, "  themes, on articles labelled relevant:")?;
        for (name, p) in &self.themes {
            row(f, &format!("  {name}"), p)?;
        }
        row(f, "  micro", &self.themes_micro())?;
        let (mm, mb) = self.themes_macro_f1();
        writeln!(
            f,
            "  {:<30} {:>20.3} {:>22.3}   {:>+6.3}",
            "  macro F1",
            mm,
            mb,
            mm - mb
        )?;
        row(f, "themes micro, end to end", &self.themes_end_to_end)?;
        row(f, "focus cities (relevant)", &self.cities)?;
        row(f, "focus cities, end to end", &self.cities_end_to_end)?;
        row(f, "focus states (relevant)", &self.states)?;
        row(f, "focus states, end to end", &self.states_end_to_end)
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}-fold cross-validation (seed {}, folds stratified by relevance): {} articles, {} relevant, {:.0} s",
            self.k, self.seed, self.articles, self.relevant, self.seconds
        )?;
        writeln!(f, "baselines: key-word rule (relevance, themes; cut-offs fitted on the training folds), most-mentioned place (cities, states)")?;
        writeln!(f, "full texts:")?;
        write!(f, "{}", self.full)?;
        writeln!(f, "short texts (title + first paragraph):")?;
        write!(f, "{}", self.short)?;
        writeln!(
            f,
            "full texts without the corpus selection words (ICE, deport*, migrant, asylum, ...):"
        )?;
        write!(f, "{}", self.full_unkeyed)?;
        writeln!(f, "short texts without them:")?;
        write!(f, "{}", self.short_unkeyed)
    }
}
