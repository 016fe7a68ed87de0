-- The workflow bank's full-text index on PostgreSQL (D39): the same stems as SQLite's, kept as
-- a tsvector of the 'simple' configuration (no stemming of its own) with a GIN index.
ALTER TABLE bank_entries ADD COLUMN search_vector tsvector;
CREATE INDEX bank_entries_search_ix ON bank_entries USING GIN (search_vector);
