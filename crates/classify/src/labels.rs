//! Labelled articles: the hand labels (`models/labels/*.jsonl`) joined to corpus text by id.

use crate::error::{io_err, Error, Result};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One article with its text and adjudicated label.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledArticle {
    pub id: String,
    pub title: String,
    pub text: String,
    pub relevant: bool,
    /// Theme names (see [`crate::THEMES`]).
    pub themes: Vec<String>,
    /// Focus cities as `Name, ST`.
    pub cities: Vec<String>,
    /// Focus states as two-letter codes.
    pub states: Vec<String>,
}

#[derive(Deserialize)]
struct LabelLine {
    id: String,
    relevant: bool,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    cities: Vec<String>,
    #[serde(default)]
    states: Vec<String>,
}

#[derive(Deserialize)]
struct CorpusLine {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
}

/// Reads a JSON-lines file, reporting the line of the first malformed record.
pub(crate) fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let raw = std::fs::read_to_string(path).map_err(io_err(path))?;
    raw.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| Error::Parse {
                path: path.to_path_buf(),
                line: i + 1,
                msg: e.to_string(),
            })
        })
        .collect()
}

/// Joins `labels` to `corpus` by id, in label-file order.
///
/// Only corpus lines whose id is labelled are kept in memory. A label whose id is not in the
/// corpus is an error naming the id and both files; so is a theme outside [`crate::THEMES`].
pub fn load_labelled(corpus: &Path, labels: &Path) -> Result<Vec<LabelledArticle>> {
    let labels_v: Vec<LabelLine> = read_jsonl(labels)?;
    let wanted: HashSet<&str> = labels_v.iter().map(|l| l.id.as_str()).collect();
    let mut texts: HashMap<String, CorpusLine> = HashMap::new();
    for c in read_jsonl::<CorpusLine>(corpus)? {
        if wanted.contains(c.id.as_str()) {
            texts.insert(c.id.clone(), c);
        }
    }
    labels_v
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if let Some(t) = l
                .themes
                .iter()
                .find(|t| !crate::THEMES.contains(&t.as_str()))
            {
                return Err(Error::Parse {
                    path: labels.to_path_buf(),
                    line: i + 1,
                    msg: format!("unknown theme {t:?}"),
                });
            }
            let c = texts.get(&l.id).ok_or_else(|| Error::MissingId {
                id: l.id.clone(),
                labels: labels.to_path_buf(),
                corpus: corpus.to_path_buf(),
            })?;
            Ok(LabelledArticle {
                title: c.title.clone(),
                text: c.text.clone(),
                id: l.id,
                relevant: l.relevant,
                themes: l.themes,
                cities: l.cities,
                states: l.states,
            })
        })
        .collect()
}
