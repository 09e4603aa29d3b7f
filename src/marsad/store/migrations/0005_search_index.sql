-- Arabic-aware search: each article's title and text as search keys (every plausible
-- stem of every word, marsad.arabic.stems.index_text), so that حوثي، الحوثي and
-- والحوثيين find the same articles and bm25 ranks them. The rowid is the article's seq.
-- Rows for articles already stored are written by the Python step of this migration
-- (store.db._index_search_forms); new articles are indexed as they are saved.
CREATE VIRTUAL TABLE articles_search USING fts5(title, text, tokenize = 'unicode61');
