//! The crate's error type: every failure names the file (and line or id) it came from.

use std::path::{Path, PathBuf};

/// Errors from loading data or models, training and evaluation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {msg}")]
    Parse {
        path: PathBuf,
        line: usize,
        msg: String,
    },
    #[error("label id {id:?} in {labels} is not in the corpus {corpus}")]
    MissingId {
        id: String,
        labels: PathBuf,
        corpus: PathBuf,
    },
    #[error("model folder {0} does not exist (train a model with `beatwatch train` or restore models/classifier/)")]
    MissingModel(PathBuf),
    #[error("model file {path} is corrupt: {msg}")]
    CorruptModel { path: PathBuf, msg: String },
    #[error("training failed: {0}")]
    Train(String),
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}
