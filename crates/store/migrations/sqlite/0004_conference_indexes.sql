-- A conference filter ("WTSA-24") that few mandates pass starts from that conference's texts, then their
-- mandates (see Store::mandates); without these it reads every mandate of the body to find none.
CREATE INDEX texts_conference ON texts (conference_year, instrument_id);
CREATE INDEX mandates_text ON mandates (text_id);
