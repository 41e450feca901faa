-- Filters that few mandates pass (an owner, a deadline) are answered from these indexes (see Store::mandates).
-- Partial: an ingest, whose new mandates have neither, does not write to them.
DROP INDEX mandates_owner;
CREATE INDEX mandates_owner_name ON mandates (lower(owner)) WHERE owner IS NOT NULL;
CREATE INDEX mandates_deadline ON mandates (deadline_year) WHERE deadline_year IS NOT NULL;
