//! beatwatch-classify: tags news articles as immigration-enforcement stories or not, with their
//! themes, focus cities and focus states, following `shared/annotation/GUIDELINES.md`.
//!
//! Pipeline (module per step):
//! - [`tokenize`]: words, case-aware acronyms (`ICE` ≠ "ice"), `287(g)`, 1-2-gram terms;
//! - [`tfidf`]: hashed terms, vocabulary chosen by chi-square per target (`select`), IDF fitted
//!   on training data and stored, so an article gets the same vector alone or in a batch;
//!   [`docfeat`] adds where the enforcement key words sit (headline, lead, share of paragraphs);
//! - [`linear`]: linfa logistic regressions (relevance, one per theme, locality, two place
//!   rankers), weights extracted for sparse scoring, Platt-calibrated, thresholds from inner CV;
//! - [`gazetteer`], [`places`] (with the word lists of `lexicon`), [`focus`]: place mentions,
//!   disambiguation and the features the focus-city and focus-state models rank candidates by;
//! - [`mod@train`], [`mod@eval`] (with [`folds`], [`metrics`] and the key-word baseline of `keywords`):
//!   training, and k-fold cross-validation against baselines; both also use copies of the texts
//!   without the words the corpus was selected by ([`without_relevance_words`]);
//! - [`labels`]: labels joined to corpus text; [`model`]: the stored model and the
//!   [`Classifier`].
//!
//! ```no_run
//! use beatwatch_classify::Classifier;
//! let clf = Classifier::load(std::path::Path::new("models"))?;
//! let tags = clf.classify("ICE raids in Chicago", "Immigration agents arrested ...");
//! println!("{}", serde_json::to_string(&tags).unwrap());
//! # Ok::<(), beatwatch_classify::Error>(())
//! ```

pub mod docfeat;
pub mod error;
pub mod eval;
pub mod focus;
pub mod folds;
pub mod gazetteer;
mod keywords;
pub mod labels;
mod lexicon;
pub mod linear;
pub mod metrics;
pub mod model;
pub mod places;
mod select;
pub mod tfidf;
pub mod tokenize;
pub mod train;
mod words;

pub use error::{Error, Result};
pub use eval::{cross_validate, EvalReport};
pub use gazetteer::Gazetteer;
pub use keywords::without_relevance_words;
pub use labels::{load_labelled, LabelledArticle};
pub use model::{CityTag, Classifier, ScoredTheme, StateTag, Tags};
pub use train::{short_text, train, TrainOptions, TrainReport, TrainedModels};

/// The eight themes of the guidelines, in the order models and reports use.
pub const THEMES: &[&str] = &[
    "arrests-raids",
    "detention",
    "deportation",
    "sanctuary-cooperation",
    "border",
    "courts-legal",
    "policy-politics",
    "community-impact",
];
