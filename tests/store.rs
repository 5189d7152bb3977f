//! The store's batched article writes: one transaction per batch, one savepoint per article.

use beatwatch::store::{ArticleRecord, Store, StoredArticle};

fn record(url: &str, source_id: Option<i64>) -> ArticleRecord {
    ArticleRecord {
        urls: vec![url.to_string()],
        canonical_url: url.to_string(),
        source_id,
        http_status: 200,
        body_hash: format!("hash-{url}"),
        ..Default::default()
    }
}

#[test]
fn a_failing_article_is_rolled_back_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("b.db")).unwrap();
    let good = record("https://a.example/1", None);
    // No source 4242 exists: the foreign key fails this article only.
    let bad = record("https://a.example/2", Some(4242));
    let again = record("https://a.example/1", None);
    let other = record("https://a.example/3", None);
    let results = store
        .insert_articles(&[&good, &bad, &again, &other])
        .unwrap();
    assert!(matches!(results[0], Ok(StoredArticle::Inserted(_))));
    assert!(results[1].is_err(), "{:?}", results[1]);
    // Later articles of the batch see the earlier ones.
    assert!(matches!(results[2], Ok(StoredArticle::SameUrl(_))));
    assert!(matches!(results[3], Ok(StoredArticle::Inserted(_))));
    drop(store);
    let store = Store::open(&dir.path().join("b.db")).unwrap();
    let second = store.insert_article(&bad).map(|_| ());
    assert!(second.is_err());
    assert!(matches!(
        store.insert_article(&record("https://a.example/3", None)),
        Ok(StoredArticle::SameUrl(_))
    ));
}
