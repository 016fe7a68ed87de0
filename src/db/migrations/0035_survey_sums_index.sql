-- A round's results sum each unit's scale scores, and its participation counts each unit's
-- used links (issue 17: a round of 200 units over 1,000,000 answers in under 200 ms). With
-- the summed column in the index both are read from the index alone, in group order; before,
-- every one of the round's rows was looked up in its table (0.45 s for the sums and 0.14 s
-- for the participation of 300,000 scale scores and 100,000 links on SQLite,
-- docs/performance.md "Surveys: 1,000,000 answers"). Each replaces the index it extends.
CREATE INDEX survey_scale_scores_sums_ix
  ON survey_scale_scores (tenant_id, round_id, scale_key, unit_id, score);
DROP INDEX survey_scale_scores_unit_ix;
CREATE INDEX survey_invitations_used_ix ON survey_invitations (tenant_id, round_id, unit_id, used);
DROP INDEX survey_invitations_round_ix;
