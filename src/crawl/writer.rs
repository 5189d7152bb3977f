//! The store sink of a pass: one thread writes the articles the workers hand it, committing
//! whatever has queued up while the previous commit ran as one transaction (group commit).
//!
//! SQLite takes one writer at a time anyway; writing from one thread keeps the workers' CPU
//! slots for extraction instead of waiting on the database lock, and a batch shares one
//! commit and one full-text index flush instead of paying both per article. An article's
//! frontier row leaves in its batch's transaction, so a killed process refetches what was not
//! committed and loses nothing.

use tokio::sync::{mpsc, oneshot};

use super::metrics::{self, Stage};
use crate::store::{ArticleRecord, Store, StoredArticle};

/// Most articles in one transaction: bounds the work a failed commit has to redo.
const MAX_BATCH: usize = 64;

type Reply = oneshot::Sender<anyhow::Result<StoredArticle>>;

/// A handle to the writer thread; cheap to clone. The thread ends when every handle is dropped.
#[derive(Clone)]
pub(crate) struct ArticleWriter {
    queue: mpsc::Sender<(ArticleRecord, Reply)>,
}

impl ArticleWriter {
    pub fn spawn(store: Store) -> anyhow::Result<ArticleWriter> {
        let (queue, rx) = mpsc::channel(MAX_BATCH * 2);
        std::thread::Builder::new()
            .name("store-writer".into())
            .spawn(move || write_loop(&store, rx))?;
        Ok(ArticleWriter { queue })
    }

    /// Stores `rec` and waits until its transaction is committed.
    pub async fn insert(&self, rec: ArticleRecord) -> anyhow::Result<StoredArticle> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((rec, reply))
            .await
            .map_err(|_| anyhow::anyhow!("the store writer has stopped"))?;
        answer
            .await
            .map_err(|_| anyhow::anyhow!("the store writer stopped before committing"))?
    }
}

fn write_loop(store: &Store, mut rx: mpsc::Receiver<(ArticleRecord, Reply)>) {
    while let Some(first) = rx.blocking_recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        let recs: Vec<&ArticleRecord> = batch.iter().map(|(r, _)| r).collect();
        let results = metrics::timed(Stage::Store, || store.insert_articles(&recs));
        match results {
            Ok(results) => {
                for ((_, reply), res) in batch.into_iter().zip(results) {
                    let _ = reply.send(res);
                }
            }
            Err(e) => {
                let msg = format!("{e:#}");
                for (_, reply) in batch {
                    let _ = reply.send(Err(anyhow::anyhow!("{msg}")));
                }
            }
        }
    }
}
