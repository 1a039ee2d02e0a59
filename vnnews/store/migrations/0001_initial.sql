-- 0001: articles, their entities, dates and facts, and the full-text index.
-- Offsets are named span_start/span_end ("end" is an SQL keyword).

CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    doc_key        TEXT NOT NULL UNIQUE,   -- canonical_url, else url, else "sha256:" of title + text
    url            TEXT,
    canonical_url  TEXT,
    site           TEXT,
    title          TEXT,
    author         TEXT,
    published_at   TEXT,                   -- ISO 8601 with offset, as in articles.jsonl
    published_date TEXT,                   -- YYYY-MM-DD of published_at in its own offset
    modified_at    TEXT,
    lead           TEXT,
    section        TEXT,
    language       TEXT,
    is_article     INTEGER NOT NULL DEFAULT 1,
    text           TEXT NOT NULL,
    tags           TEXT NOT NULL DEFAULT '[]',   -- JSON
    images         TEXT NOT NULL DEFAULT '[]',   -- JSON
    extraction     TEXT NOT NULL DEFAULT '{}',   -- JSON
    extra          TEXT NOT NULL DEFAULT '{}',   -- JSON: record keys this schema has no column for
    schema_version TEXT,
    warc           TEXT,                   -- JSON object as given by the crawler, e.g. {file, record_id, offset}
    warc_file      TEXT,
    warc_offset    INTEGER,
    warc_record_id TEXT,
    record_hash    TEXT NOT NULL,          -- sha256 of the record: re-indexing an unchanged record is a no-op
    indexed_at     TEXT NOT NULL
);
CREATE INDEX articles_date ON articles (published_date);
CREATE INDEX articles_site_date ON articles (site, published_date);

CREATE TABLE entities (
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    label         TEXT NOT NULL,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    canonical     TEXT,                    -- as in the record (may be NULL)
    title         TEXT,
    role          TEXT,
    name          TEXT NOT NULL,           -- what entities are counted by: canonical, else the mention
    name_key      TEXT NOT NULL,           -- search_key(name), e.g. 'nguyen van phat'
    PRIMARY KEY (article_id, ord)
) WITHOUT ROWID;
CREATE INDEX entities_key ON entities (name_key, article_id);
CREATE INDEX entities_name ON entities (name, label);

CREATE TABLE dates (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    value      TEXT NOT NULL,
    kind       TEXT,
    grain      TEXT,
    date_start TEXT,                       -- first and last day the value covers; NULL for "XXXX-H1"
    date_end   TEXT,
    PRIMARY KEY (article_id, ord)
) WITHOUT ROWID;
CREATE INDEX dates_start ON dates (date_start);

CREATE TABLE facts (
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord            INTEGER NOT NULL,
    text           TEXT NOT NULL,
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    value          REAL,
    unit           TEXT,
    quantity_of    TEXT,
    qualifier      TEXT,
    min            REAL,
    max            REAL,
    currency       TEXT,
    change         TEXT,                   -- JSON object or NULL
    date           TEXT,
    date_start     TEXT,
    date_end       TEXT,
    vague          INTEGER NOT NULL DEFAULT 0,
    sentence       TEXT,
    sentence_start INTEGER NOT NULL,       -- the sentence's span in the text (the whole text when unknown):
    sentence_end   INTEGER NOT NULL,       -- entities inside it are what the fact is about
    PRIMARY KEY (article_id, ord)
) WITHOUT ROWID;
CREATE INDEX facts_unit ON facts (unit);

-- rowid = articles.id. The *_folded columns hold fold_diacritics(normalize_text(...)) so that
-- "nguyen van phat" finds "Nguyễn Văn Phát"; the plain columns let an exact-diacritic query rank higher.
CREATE VIRTUAL TABLE article_fts USING fts5 (
    title, body, title_folded, body_folded,
    tokenize = 'unicode61 remove_diacritics 0'
);

-- Default ranking (ORDER BY rank): title hits weigh more than body hits, and a hit in the plain
-- columns (only sought for a query typed with diacritics) adds to its folded twin, so exact spellings win.
INSERT INTO article_fts (article_fts, rank) VALUES ('rank', 'bm25(6.0, 2.0, 3.0, 1.0)');
