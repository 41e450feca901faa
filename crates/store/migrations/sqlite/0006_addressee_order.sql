-- A list of the mandates addressed to a name ("Director TSB", a fifth of all mandates) is read in list order
-- from one index: each name row carries its mandate's place in that order (the instrument's sort key and id, the
-- mandate's ordinal), so the first page is the first entries of the name's range. Before, the list walked every
-- mandate in order and looked each one's names up. An ingest writes these columns; an import fills them (see
-- Store::import), as this migration does for the rows already there.
ALTER TABLE mandate_addressees ADD COLUMN instrument_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mandate_addressees ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mandate_addressees ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
UPDATE mandate_addressees SET instrument_id = m.instrument_id, ordinal = m.ordinal, sort_key = i.sort_key
FROM mandates m JOIN instruments i ON i.id = m.instrument_id WHERE m.id = mandate_addressees.mandate_id;
DROP INDEX mandate_addressees_name;
CREATE INDEX mandate_addressees_name ON mandate_addressees (lower(addressee), sort_key, instrument_id, ordinal, mandate_id);
