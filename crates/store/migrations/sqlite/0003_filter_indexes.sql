-- Filters that few mandates pass (an owner, a deadline, a rare addressee) are answered from these indexes (see
-- Store::mandates). The first two are partial: an ingest, whose new mandates have neither, does not write to them.
DROP INDEX mandates_owner;
CREATE INDEX mandates_owner_name ON mandates (lower(owner)) WHERE owner IS NOT NULL;
CREATE INDEX mandates_deadline ON mandates (deadline_year) WHERE deadline_year IS NOT NULL;
-- The mandates addressed to a name, whatever its case: a name few mandates have ("ECOSOC") is found at once.
CREATE INDEX mandate_addressees_name ON mandate_addressees (lower(addressee));
