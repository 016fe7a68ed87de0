-- The workflow bank's full-text index on SQLite (D39): FTS5 over text already stemmed in C++
-- (Snowball da, sv, en), so the tokenizer only splits at spaces and keeps æøåäö as they are.
CREATE VIRTUAL TABLE bank_search USING fts5(
  entry_id UNINDEXED,
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 0'
);
