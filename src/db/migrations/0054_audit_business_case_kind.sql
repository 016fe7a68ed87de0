-- A business case's updates were logged under the kind "business case" (a space) while its
-- creation was logged as "business_case", so the change log's filter by kind missed every
-- update. The store now logs both as business_case; the rows already written follow.
UPDATE audit_log SET entity = 'business_case' WHERE entity = 'business case';
