-- Automatic wins keep their text as a catalogue key with parameters (core::Message, as
-- JSON), so every reader sees them in their own language; `text` keeps the tenant's
-- language for exports and older readers.
ALTER TABLE wins ADD COLUMN message TEXT;
