-- Each tenant's time zone: "today", deadlines, week numbers and calendars follow it.
ALTER TABLE tenants ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Copenhagen';
UPDATE tenants SET time_zone = 'Europe/Stockholm' WHERE default_locale = 'sv';
