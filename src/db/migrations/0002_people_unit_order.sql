-- People of one unit are listed in id order: let the index serve both the filter
-- and the order (GET /api/v1/people?unit_id=…).
DROP INDEX people_unit_ix;
CREATE INDEX people_unit_ix ON people (tenant_id, unit_id, id);
