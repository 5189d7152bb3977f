//! Versioned migrations. `PRAGMA user_version` holds the number of migrations
//! applied; each runs in its own transaction, so a database is never half-migrated.

/// Migration `i` brings the schema from version `i` to `i + 1`. Append only.
pub const MIGRATIONS: &[&str] = &[
    // 1: the crawl pipeline.
    r#"
    CREATE TABLE sources (
        id              INTEGER PRIMARY KEY,
        url             TEXT NOT NULL UNIQUE,
        name            TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('feed', 'page', 'sitemap')),
        tags            TEXT NOT NULL DEFAULT '[]',
        interval_secs   INTEGER,
        in_config       INTEGER NOT NULL DEFAULT 1,
        created_at      TEXT NOT NULL
    );
    CREATE TABLE source_state (
        source_id            INTEGER PRIMARY KEY REFERENCES sources(id),
        last_attempt_at      TEXT,
        last_success_at      TEXT,
        last_error           TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        poll_interval_secs   INTEGER,
        next_due_at          TEXT,
        etag                 TEXT,
        last_modified        TEXT,
        body_hash            TEXT,
        last_item_count      INTEGER,
        last_new_count       INTEGER,
        last_item_at         TEXT
    );
    CREATE TABLE runs (
        id              INTEGER PRIMARY KEY,
        command         TEXT NOT NULL,
        started_at      TEXT NOT NULL,
        finished_at     TEXT,
        outcome         TEXT NOT NULL DEFAULT 'running'
                        CHECK (outcome IN ('running', 'ok', 'partial', 'failed', 'aborted')),
        sources_polled  INTEGER NOT NULL DEFAULT 0,
        new_articles    INTEGER NOT NULL DEFAULT 0,
        errors          INTEGER NOT NULL DEFAULT 0,
        pid             INTEGER
    );
    CREATE TABLE articles (
        id                 INTEGER PRIMARY KEY,
        canonical_url      TEXT NOT NULL UNIQUE,
        source_id          INTEGER REFERENCES sources(id),
        run_id             INTEGER REFERENCES runs(id),
        outlet             TEXT,
        feed_title         TEXT,
        feed_summary       TEXT,
        feed_published_at  TEXT,
        discovered_at      TEXT NOT NULL,
        fetched_at         TEXT,
        http_status        INTEGER,
        content_type       TEXT,
        etag               TEXT,
        last_modified      TEXT,
        body_hash          TEXT,
        html_bytes         INTEGER,
        html_zstd          BLOB,
        title              TEXT,
        text               TEXT,
        authors            TEXT NOT NULL DEFAULT '[]',
        published_at       TEXT,
        modified_at        TEXT,
        site_name          TEXT,
        lang               TEXT,
        dateline           TEXT,
        extractor_version  TEXT,
        extracted_at       TEXT
    );
    CREATE INDEX articles_body_hash ON articles(body_hash);
    CREATE INDEX articles_published_at ON articles(published_at);
    CREATE INDEX articles_fetched_at ON articles(fetched_at);
    CREATE TABLE article_urls (
        url         TEXT PRIMARY KEY,
        article_id  INTEGER NOT NULL REFERENCES articles(id)
    ) WITHOUT ROWID;
    CREATE TABLE fetch_errors (
        id         INTEGER PRIMARY KEY,
        run_id     INTEGER REFERENCES runs(id),
        source_id  INTEGER REFERENCES sources(id),
        url        TEXT NOT NULL,
        stage      TEXT NOT NULL,
        error      TEXT NOT NULL,
        at         TEXT NOT NULL
    );
    CREATE INDEX fetch_errors_url ON fetch_errors(url);
    "#,
    // 2: classifier tags, full-text search, digest history.
    r#"
    CREATE TABLE tags (
        article_id       INTEGER PRIMARY KEY REFERENCES articles(id),
        model_version    TEXT NOT NULL,
        relevant         INTEGER NOT NULL,
        relevance_score  REAL NOT NULL,
        tagged_at        TEXT NOT NULL
    );
    CREATE INDEX tags_relevant ON tags(relevant, relevance_score);
    CREATE TABLE tag_themes (
        article_id  INTEGER NOT NULL REFERENCES articles(id),
        theme       TEXT NOT NULL,
        score       REAL NOT NULL,
        PRIMARY KEY (article_id, theme)
    ) WITHOUT ROWID;
    CREATE INDEX tag_themes_theme ON tag_themes(theme);
    CREATE TABLE tag_cities (
        article_id  INTEGER NOT NULL REFERENCES articles(id),
        rank        INTEGER NOT NULL,
        name        TEXT NOT NULL,
        state       TEXT NOT NULL,
        geonameid   INTEGER,
        score       REAL NOT NULL,
        PRIMARY KEY (article_id, rank)
    ) WITHOUT ROWID;
    CREATE INDEX tag_cities_place ON tag_cities(name, state);
    CREATE TABLE tag_states (
        article_id  INTEGER NOT NULL REFERENCES articles(id),
        state       TEXT NOT NULL,
        score       REAL NOT NULL,
        PRIMARY KEY (article_id, state)
    ) WITHOUT ROWID;
    CREATE INDEX tag_states_state ON tag_states(state);

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='id', tokenize='porter unicode61'
    );
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;

    CREATE TABLE digests (
        id            INTEGER PRIMARY KEY,
        generated_at  TEXT NOT NULL,
        period_start  TEXT NOT NULL,
        period_end    TEXT NOT NULL,
        format        TEXT NOT NULL,
        article_ids   TEXT NOT NULL DEFAULT '[]'
    );
    "#,
    // 3: the frontier: links a source announced that are not stored yet. Written in the
    // same transaction as the source's new state, so a killed run never forgets them.
    r#"
    CREATE TABLE frontier (
        url            TEXT PRIMARY KEY,
        source_id      INTEGER NOT NULL REFERENCES sources(id),
        title          TEXT,
        summary        TEXT,
        published_at   TEXT,
        discovered_at  TEXT NOT NULL,
        attempts       INTEGER NOT NULL DEFAULT 0,
        last_error     TEXT
    ) WITHOUT ROWID;
    CREATE INDEX frontier_source ON frontier(source_id, attempts);
    "#,
];
