-- A list of the mandates addressed to a name ("Director TSB", a fifth of all mandates) is read in list order
-- from one index: each name row carries its mandate's place in that order (the instrument's sort key, in the
-- same collation as the instruments' (migration 0005), and id, the mandate's ordinal), so the first page is the
-- first entries of the name's range. Before, the list walked every mandate in order and looked each one's names
-- up (4.5 of the 6.7 ms of the first page of Director TSB's mandates at 40,000 resolutions; 0.4 ms now). An
-- ingest writes these columns; an import fills them (see Store::import), as this migration does for the rows
-- already there.
ALTER TABLE mandate_addressees
    ADD COLUMN instrument_id BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN ordinal BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN sort_key TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE mandate_addressees SET instrument_id = m.instrument_id, ordinal = m.ordinal, sort_key = i.sort_key
FROM mandates m JOIN instruments i ON i.id = m.instrument_id WHERE m.id = mandate_addressees.mandate_id;
DROP INDEX mandate_addressees_name;
CREATE INDEX mandate_addressees_name ON mandate_addressees (lower(addressee), sort_key, instrument_id, ordinal, mandate_id);
ANALYZE mandate_addressees;
