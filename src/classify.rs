//! The classify stage: the trained models of `beatwatch-classify` applied to one
//! extracted article, giving the store's [`TagRecord`].

use std::path::Path;

use anyhow::Context;
use beatwatch_classify::{Classifier, Tags};

use crate::store::TagRecord;

/// A loaded model, shared by all articles of a run.
pub struct ClassifyStage {
    classifier: Classifier,
}

impl ClassifyStage {
    /// Loads `models_dir/classifier` and the gazetteer; a missing folder or a corrupt
    /// file is a clear error (the config exit code), never a panic.
    pub fn load(models_dir: &Path) -> anyhow::Result<ClassifyStage> {
        let classifier = Classifier::load(models_dir)
            .map_err(|e| crate::config::ConfigError {
                path: models_dir.to_owned(),
                line: 0,
                message: format!("cannot load the classifier: {e} (train one with `beatwatch train`, or pass --models DIR)"),
            })
            .context("loading models")?;
        Ok(ClassifyStage { classifier })
    }

    pub fn version(&self) -> &str {
        self.classifier.version()
    }

    pub fn classify(&self, title: &str, text: &str) -> Tags {
        self.classifier.classify(title, text)
    }

    /// Tags one article for storage.
    pub fn tag(&self, title: &str, text: &str) -> TagRecord {
        to_record(self.classify(title, text))
    }
}

fn to_record(t: Tags) -> TagRecord {
    TagRecord {
        model_version: t.model,
        relevant: t.relevant,
        relevance_score: t.relevance_score,
        themes: t.themes.into_iter().map(|x| (x.name, x.score)).collect(),
        cities: t
            .cities
            .into_iter()
            .map(|c| (c.name, c.state, Some(c.geonameid as i64), c.score))
            .collect(),
        states: t.states.into_iter().map(|s| (s.code, s.score)).collect(),
    }
}
