//! The model file (`models/classifier/model.json`) and the [`Classifier`] that applies it.

use crate::error::{io_err, Error, Result};
use crate::focus::{
    add_article_features, candidates, state_features, Candidates, CITY_FEATURES, STATE_FEATURES,
};
use crate::gazetteer::Gazetteer;
use crate::linear::{DenseModel, TextModel};
use crate::tfidf::{SparseVec, Vectorizer};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Format number of `model.json`; bumped when the layout changes.
pub const MODEL_FORMAT: u32 = 1;
/// File name of the model inside `<models_dir>/classifier/`.
pub const MODEL_FILE: &str = "model.json";

/// One theme's model.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThemeModel {
    pub name: String,
    pub model: TextModel,
}

/// Everything training produces, as stored on disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelFile {
    pub format: u32,
    pub version: String,
    pub trained_on: usize,
    pub vectorizer: Vectorizer,
    pub relevance: TextModel,
    pub themes: Vec<ThemeModel>,
    /// Is a relevant story local: has it a focus city / a focus state?
    pub local_city: TextModel,
    pub local_state: TextModel,
    pub city_features: Vec<String>,
    pub city: DenseModel,
    pub state_features: Vec<String>,
    pub state: DenseModel,
    /// Single-word place names that are usually ordinary words in the training text.
    pub common_words: Vec<String>,
    /// At most this many focus cities are output.
    pub max_cities: usize,
}

impl ModelFile {
    /// Checks what serde cannot: lengths agree and every column is in the vocabulary.
    fn check(&self) -> std::result::Result<(), String> {
        if self.format != MODEL_FORMAT {
            return Err(format!(
                "format {} (this build reads {MODEL_FORMAT})",
                self.format
            ));
        }
        let v = &self.vectorizer;
        if v.terms.len() != v.idf.len() {
            return Err("vocabulary and IDF lengths differ".into());
        }
        let text_models =
            std::iter::once(&self.relevance).chain(self.themes.iter().map(|t| &t.model));
        for m in text_models {
            if m.columns.len() != m.weights.len()
                || m.columns
                    .iter()
                    .any(|&c| c as usize >= v.len() + crate::docfeat::DOC_FEATURES)
            {
                return Err("a text model's columns do not fit the vocabulary".into());
            }
        }
        if self.city_features != CITY_FEATURES || !self.city.consistent(CITY_FEATURES.len()) {
            return Err("city model features differ from this build's".into());
        }
        if self.state_features != STATE_FEATURES || !self.state.consistent(STATE_FEATURES.len()) {
            return Err("state model features differ from this build's".into());
        }
        Ok(())
    }

    /// Rebuilds the in-memory indexes after loading or training.
    pub(crate) fn prepare(&mut self) {
        self.vectorizer.rebuild_index();
        let n = self.vectorizer.len();
        for m in [
            &mut self.relevance,
            &mut self.local_city,
            &mut self.local_state,
        ]
        .into_iter()
        .chain(self.themes.iter_mut().map(|t| &mut t.model))
        {
            m.expand(n);
        }
    }
}

/// A theme with its calibrated probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredTheme {
    pub name: String,
    pub score: f32,
}

/// A focus city: gazetteer name, state, GeoNames id and score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CityTag {
    pub name: String,
    pub state: String,
    pub geonameid: u32,
    pub score: f32,
}

/// A focus state (two-letter code) and score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateTag {
    pub code: String,
    pub score: f32,
}

/// The tags of one article. Themes, cities and states are empty unless `relevant`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tags {
    pub relevant: bool,
    pub relevance_score: f32,
    pub themes: Vec<ScoredTheme>,
    pub cities: Vec<CityTag>,
    pub states: Vec<StateTag>,
    pub model: String,
}

/// Scored places of one article, before the relevance gate.
pub(crate) struct PlaceTags {
    pub cities: Vec<(u32, f32)>,
    pub states: Vec<(usize, f32)>,
}

/// The trained classifier with its gazetteer; tags articles one at a time, each independently
/// of any other (the IDF is the stored one).
#[derive(Debug, Clone)]
pub struct Classifier {
    pub(crate) file: ModelFile,
    pub(crate) gaz: Gazetteer,
}

impl Classifier {
    /// Loads `<models_dir>/classifier/model.json` and the gazetteer `<models_dir>/gazetteer/`.
    pub fn load(models_dir: &Path) -> Result<Classifier> {
        let dir = models_dir.join("classifier");
        if !dir.is_dir() {
            return Err(Error::MissingModel(dir));
        }
        let path = dir.join(MODEL_FILE);
        let raw = std::fs::read(&path).map_err(io_err(&path))?;
        let corrupt = |msg: String| Error::CorruptModel {
            path: path.clone(),
            msg,
        };
        let mut file: ModelFile =
            serde_json::from_slice(&raw).map_err(|e| corrupt(e.to_string()))?;
        file.check().map_err(corrupt)?;
        file.prepare();
        let gaz = Gazetteer::load(&models_dir.join("gazetteer"))?;
        Ok(Classifier { file, gaz })
    }

    pub(crate) fn from_parts(mut file: ModelFile, gaz: Gazetteer) -> Classifier {
        file.prepare();
        Classifier { file, gaz }
    }

    /// The model version id (training date, hash of labels and settings).
    pub fn version(&self) -> &str {
        &self.file.version
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// Theme names in model order.
    pub fn themes(&self) -> impl Iterator<Item = &str> {
        self.file.themes.iter().map(|t| t.name.as_str())
    }

    /// Tags one article.
    pub fn classify(&self, title: &str, text: &str) -> Tags {
        let x = self.file.vectorizer.transform(title, text);
        let relevance_score = self.file.relevance.prob(&x);
        let relevant = relevance_score >= self.file.relevance.calibration.threshold;
        let mut tags = Tags {
            relevant,
            relevance_score,
            themes: Vec::new(),
            cities: Vec::new(),
            states: Vec::new(),
            model: self.file.version.clone(),
        };
        if !relevant {
            return tags;
        }
        tags.themes = self
            .theme_scores(&x)
            .into_iter()
            .map(|(i, score)| ScoredTheme {
                name: self.file.themes[i].name.clone(),
                score,
            })
            .collect();
        let places = self.places(&self.place_candidates(title, text, &x));
        tags.cities = places
            .cities
            .iter()
            .map(|&(r, score)| {
                let p = self.gaz.place(r);
                CityTag {
                    name: p.name.clone(),
                    state: p.state.clone(),
                    geonameid: p.geonameid,
                    score,
                }
            })
            .collect();
        tags.states = places
            .states
            .iter()
            .map(|&(s, score)| StateTag {
                code: self.gaz.states()[s].code.clone(),
                score,
            })
            .collect();
        tags
    }

    /// TF-IDF vector with the stored IDF (exposed so tests can check batch independence).
    pub fn vectorize(&self, title: &str, text: &str) -> SparseVec {
        self.file.vectorizer.transform(title, text)
    }

    /// Themes over their thresholds, best first; the best theme alone if none is (a relevant
    /// story has at least one theme).
    pub(crate) fn theme_scores(&self, x: &SparseVec) -> Vec<(usize, f32)> {
        let mut all: Vec<(usize, f32)> = self
            .file
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| (i, t.model.prob(x)))
            .collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1));
        let over: Vec<(usize, f32)> = all
            .iter()
            .copied()
            .filter(|&(i, p)| p >= self.file.themes[i].model.calibration.threshold)
            .collect();
        if over.is_empty() {
            all.truncate(1);
            all
        } else {
            over
        }
    }

    /// Place candidates with their features, including the article-level locality scores.
    pub(crate) fn place_candidates(&self, title: &str, text: &str, x: &SparseVec) -> Candidates {
        let mut c = candidates(&self.gaz, title, text, &self.file.common_words);
        add_article_features(
            &mut c,
            self.file.local_city.prob(x),
            self.file.local_state.prob(x),
        );
        c
    }

    /// Focus cities (at most `max_cities`, best first) and focus states of the candidates.
    pub(crate) fn places(&self, c: &Candidates) -> PlaceTags {
        let f = &self.file;
        let mut scored: Vec<(u32, f32)> = c
            .cities
            .iter()
            .map(|k| (k.id, f.city.prob(&k.features)))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        let cities: Vec<(u32, f32)> = scored
            .iter()
            .copied()
            .filter(|&(_, p)| p >= f.city.calibration.threshold)
            .take(f.max_cities)
            .collect();
        let mut states: Vec<(usize, f32)> = Vec::new();
        for k in &c.states {
            let code = &self.gaz.states()[k.id].code;
            let in_state = |&&(r, _): &&(u32, f32)| &self.gaz.place(r).state == code;
            let max_city = scored
                .iter()
                .filter(in_state)
                .map(|x| x.1)
                .fold(0.0, f32::max);
            let focus_city = cities
                .iter()
                .filter(in_state)
                .map(|x| x.1)
                .fold(0.0, f32::max);
            let p = f
                .state
                .prob(&state_features(&k.features, max_city, focus_city > 0.0));
            if p >= f.state.calibration.threshold || focus_city > 0.0 {
                states.push((k.id, p.max(focus_city)));
            }
        }
        states.sort_by(|a, b| b.1.total_cmp(&a.1));
        PlaceTags { cities, states }
    }
}

impl Classifier {
    /// Every candidate city of an article (`Name, ST`), with its mention count and focus
    /// probability, whether or not it is output: for inspecting the place model.
    pub fn candidate_cities(&self, title: &str, text: &str) -> Vec<(String, u32, f32)> {
        let c = self.place_candidates(title, text, &self.vectorize(title, text));
        c.cities
            .iter()
            .map(|k| {
                (
                    self.gaz.label(k.id),
                    k.mentions,
                    self.file.city.prob(&k.features),
                )
            })
            .collect()
    }
}
