-- Surveys (issue 17): the fewest answers a municipality lets a unit's result be shown over.
-- Every survey's results use the larger of this and the survey's own minimum, so raising it
-- protects the surveys already running; it is never below 3.
ALTER TABLE tenants ADD COLUMN survey_min_group INTEGER NOT NULL DEFAULT 5
  CONSTRAINT tenants_survey_min_group_ck CHECK (survey_min_group >= 3 AND survey_min_group <= 100);
