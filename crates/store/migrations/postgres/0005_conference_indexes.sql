-- A conference filter ("WTSA-24") that few mandates pass starts from that conference's texts, then their
-- mandates; without these it reads every mandate of the body to find none.
CREATE INDEX texts_conference ON texts (conference_year, instrument_id);
CREATE INDEX mandates_text ON mandates (text_id);
-- The sort key is a machine key ("PP resolution  0000000130"): ordered by its bytes, as on SQLite, whatever the
-- database's locale, so that one body's instruments are one range of its index (a body filter reads only that).
ALTER TABLE instruments ALTER COLUMN sort_key TYPE TEXT COLLATE "C";
