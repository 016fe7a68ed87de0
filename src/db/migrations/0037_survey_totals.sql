-- A round's running totals (issue 17: results of a round over 200 units from 1,000,000
-- answers in under 200 ms; docs/performance.md "Surveys: 1,000,000 answers"). Summing the
-- round's scale scores and its answers at every read took 0.1 s and 3.4 s on SQLite; these
-- rows are added to in the transaction that stores each response (surveys::submit_answer),
-- so a round's results read a few hundred of them.
--
-- kind 'scale': the responses' indices on the scale subject_key (survey_scale_scores);
-- kind 'item': the numbers answered to the item subject_key (survey_answers with a number).
-- n, total and squares are the count, the sum and the sum of squares: enough for the mean,
-- the spread and the test of a change for any group of units. An answer adds to every item
-- and scale of its unit's rows, 0 to those it leaves out, so that a unit's rows are made
-- together by its first answer and lie together; a row with n 0 is read as no row.
--
-- unit_key is the unit the responses count in, '' for none (an answer through a citizens'
-- public link): a NULL cannot be part of a key that ON CONFLICT finds on both engines, and a
-- unit's id is never empty.
--
-- Anonymity (decisions D38): a row is a sum over a unit's responses and holds no time, no
-- person, no link and no response. It is changed in place, so it keeps no history of when
-- each answer came; a unit's answers are already counted, live, by its used links.
CREATE TABLE survey_totals (
  tenant_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  unit_key TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT survey_totals_kind_ck CHECK (kind IN ('item', 'scale')),
  subject_key TEXT NOT NULL,
  n BIGINT NOT NULL,
  total DOUBLE PRECISION NOT NULL,
  squares DOUBLE PRECISION NOT NULL,
  CONSTRAINT survey_totals_pk PRIMARY KEY (tenant_id, round_id, unit_key, kind, subject_key),
  CONSTRAINT survey_totals_round_fk FOREIGN KEY (tenant_id, round_id) REFERENCES survey_rounds (tenant_id, id)
);

-- The rounds answered before this migration: their totals from the stored rows.
INSERT INTO survey_totals (tenant_id, round_id, unit_key, kind, subject_key, n, total, squares)
SELECT tenant_id, round_id, COALESCE(unit_id, ''), 'scale', scale_key, COUNT(*), SUM(score),
  SUM(score * score)
FROM survey_scale_scores
GROUP BY tenant_id, round_id, COALESCE(unit_id, ''), scale_key;
INSERT INTO survey_totals (tenant_id, round_id, unit_key, kind, subject_key, n, total, squares)
SELECT a.tenant_id, a.round_id, COALESCE(r.unit_id, ''), 'item', a.item_key, COUNT(*),
  SUM(a.number), SUM(a.number * a.number)
FROM survey_answers a
JOIN survey_responses r ON r.tenant_id = a.tenant_id AND r.round_id = a.round_id AND r.id = a.response_id
WHERE a.number IS NOT NULL
GROUP BY a.tenant_id, a.round_id, COALESCE(r.unit_id, ''), a.item_key;

-- The round's sums are no longer read from the scale scores, so the index migration 0035 made
-- for reading them goes: an answer wrote three entries into it. The scores' rows stay.
DROP INDEX survey_scale_scores_sums_ix;
