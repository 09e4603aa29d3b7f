-- Marsad store, schema version 1. Applied inside one transaction by marsad.store.db.
-- List/dict fields are JSON text; offsets are code points into articles.text.

CREATE TABLE inputs (
    origin      TEXT PRIMARY KEY,      -- stable reader origin ("path!member#3", url...)
    fingerprint TEXT NOT NULL,         -- hash of the raw text as read
    article     TEXT                   -- article id it produced (NULL: unreadable/empty)
);

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    seq           INTEGER NOT NULL UNIQUE,   -- first-seen order: dedup roots are the earliest
    source        TEXT NOT NULL,
    url           TEXT,
    title         TEXT,
    title_derived INTEGER NOT NULL DEFAULT 0,
    published     TEXT,
    language      TEXT NOT NULL,
    text          TEXT NOT NULL,
    origin        TEXT NOT NULL DEFAULT '',
    agency        TEXT,
    content_hash  TEXT NOT NULL DEFAULT '',
    duplicate_of  TEXT,
    duplicate_kind TEXT,                     -- exact | near
    story         TEXT,
    raw_text      TEXT,
    offset_map    BLOB,                      -- zlib'd int32 deltas (see store.db.pack_offsets)
    sentences     TEXT NOT NULL DEFAULT '[]' -- [[start, end], ...]
);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_dup ON articles(duplicate_of);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX articles_published ON articles(published);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE flags (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    kind TEXT NOT NULL, note TEXT NOT NULL,
    raw_start INTEGER, raw_end INTEGER
);
CREATE INDEX flags_article ON flags(article);

CREATE TABLE mentions (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, type TEXT NOT NULL, actor TEXT, score REAL
);
CREATE INDEX mentions_article ON mentions(article);
CREATE INDEX mentions_actor ON mentions(actor);

CREATE TABLE times (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    value TEXT, precision TEXT, end_value TEXT,
    kind TEXT NOT NULL, resolution TEXT NOT NULL, note TEXT
);
CREATE INDEX times_article ON times(article);

CREATE TABLE quantities (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    value REAL, high REAL, unit TEXT, unit_lemma TEXT,
    approximate INTEGER NOT NULL, indefinite INTEGER NOT NULL, kind TEXT NOT NULL,
    subject TEXT, unit_start INTEGER, unit_end INTEGER
);
CREATE INDEX quantities_article ON quantities(article);

CREATE TABLE quotes (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    speaker_text TEXT, speaker TEXT, kind TEXT NOT NULL,
    speaker_start INTEGER, speaker_end INTEGER, verb TEXT
);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE event_mentions (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    type TEXT NOT NULL, mode TEXT,
    sources TEXT NOT NULL, targets TEXT NOT NULL, source_texts TEXT NOT NULL, target_texts TEXT NOT NULL,
    location TEXT, location_text TEXT, date TEXT, date_precision TEXT,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    negated INTEGER NOT NULL, future INTEGER NOT NULL, hypothetical INTEGER NOT NULL,
    reported INTEGER NOT NULL, score REAL
);
CREATE INDEX event_mentions_article ON event_mentions(article);
CREATE INDEX event_mentions_type ON event_mentions(type);

CREATE TABLE actors (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT,
    aliases TEXT NOT NULL, country TEXT, sector TEXT, roles TEXT NOT NULL
);

CREATE TABLE events (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, mode TEXT,
    sources TEXT NOT NULL, targets TEXT NOT NULL, location TEXT,
    date TEXT, date_precision TEXT, independent_sources INTEGER NOT NULL
);
CREATE INDEX events_date ON events(date);

CREATE TABLE event_evidence (
    event TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    ord INTEGER NOT NULL
);
CREATE INDEX event_evidence_event ON event_evidence(event);
CREATE INDEX event_evidence_article ON event_evidence(article);

CREATE TABLE event_articles (
    event TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article TEXT NOT NULL, ord INTEGER NOT NULL,
    PRIMARY KEY (event, article)
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, first TEXT, last TEXT
);
CREATE TABLE story_members (
    story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    member TEXT NOT NULL, member_kind TEXT NOT NULL,  -- article | event
    ord INTEGER NOT NULL,
    PRIMARY KEY (story, member_kind, member)
);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    article TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    subject TEXT NOT NULL, value REAL NOT NULL, unit TEXT, as_of TEXT,
    high REAL, approximate INTEGER NOT NULL, bound TEXT
);
CREATE INDEX claims_article ON claims(article);

CREATE TABLE contradictions (
    id TEXT PRIMARY KEY, claims TEXT NOT NULL, note TEXT NOT NULL
);

CREATE TABLE state (       -- small named blobs: boilerplate index...
    name TEXT PRIMARY KEY, value TEXT NOT NULL
);

CREATE TABLE minhash (
    article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature BLOB NOT NULL          -- uint32 hash values (datasketch affine32), native order
);
CREATE TABLE lsh_bands (
    band INTEGER NOT NULL, bucket INTEGER NOT NULL,   -- 64-bit hash of the band's rows
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX lsh_bands_lookup ON lsh_bands(band, bucket);
CREATE INDEX lsh_bands_article ON lsh_bands(article);
