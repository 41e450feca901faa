-- The search index in partitions by ranges of mandate ids, so that a search for the newest matches reads the GIN
-- lists of the newest partitions only: with one index, a search for three common words read their whole lists
-- (60,000 mandates for "smart sustainable cities" at 40,000 resolutions) to keep a thousand.
--
-- A partition is made before the ingest that needs it (`cover_mandate_search`), in a statement of its own: made
-- inside the ingest, it would hold a lock on the whole index until the ingest commits. Ids beyond the partitions
-- (two ingests at once) land in `mandate_search_beyond` until the next `cover_mandate_search` moves
-- them into their partition.

-- One row: how many ids a new partition holds, and the first id no partition holds yet. Partitions of 5,000 ids
-- (about 400 resolutions): a search reads whole partitions (see `Store::search`), and one is about the part of
-- the index a search needs for a common phrase; a registry of 40,000 resolutions has about a hundred.
CREATE TABLE search_partitions (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    width BIGINT NOT NULL CHECK (width > 0),
    covered_upto BIGINT NOT NULL
);
INSERT INTO search_partitions (id, width, covered_upto) VALUES (1, 5000, 1);

ALTER TABLE mandate_search RENAME TO mandate_search_unpartitioned;
ALTER INDEX mandate_search_pkey RENAME TO mandate_search_unpartitioned_pkey;
ALTER INDEX mandate_search_document RENAME TO mandate_search_unpartitioned_document;

-- No primary key (the ingest adds a mandate once, see `index_for_search`), and a hash index to find a mandate's
-- entry: with a B-tree on the ids, the planner read a range of ids through it and checked the words of every
-- row (1 us a row) instead of reading the matches from the GIN index (9 against 1.4 ms for "cybersecurity" in
-- 10,000 ids), as it misjudges how many mandates have all the words of a phrase.
CREATE TABLE mandate_search (
    mandate_id BIGINT NOT NULL REFERENCES mandates (id),
    context TEXT NOT NULL,
    document tsvector NOT NULL
) PARTITION BY RANGE (mandate_id);
CREATE INDEX mandate_search_mandate ON mandate_search USING HASH (mandate_id);
CREATE INDEX mandate_search_document ON mandate_search USING GIN (document);
CREATE TABLE mandate_search_beyond PARTITION OF mandate_search DEFAULT;

-- Make partitions until every id below `upto` has one, moving what `mandate_search_beyond` holds of their
-- ranges into them. Callers at once wait for each other on the row of `search_partitions`.
CREATE FUNCTION cover_mandate_search(upto BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    w BIGINT;
    covered BIGINT;
    moved mandate_search_beyond[];
BEGIN
    IF (SELECT covered_upto FROM search_partitions WHERE id = 1) >= upto THEN
        RETURN;
    END IF;
    SELECT width, covered_upto INTO w, covered FROM search_partitions WHERE id = 1 FOR UPDATE;
    WHILE covered < upto LOOP
        WITH m AS (
            DELETE FROM mandate_search_beyond WHERE mandate_id >= covered AND mandate_id < covered + w
            RETURNING mandate_id, context, document
        )
        SELECT array_agg(ROW(m.mandate_id, m.context, m.document)::mandate_search_beyond) INTO moved FROM m;
        EXECUTE format('CREATE TABLE %I PARTITION OF mandate_search FOR VALUES FROM (%s) TO (%s)',
                       'mandate_search_from_' || covered, covered, covered + w);
        IF moved IS NOT NULL THEN
            INSERT INTO mandate_search SELECT * FROM unnest(moved);
        END IF;
        covered := covered + w;
    END LOOP;
    UPDATE search_partitions SET covered_upto = covered WHERE id = 1;
END
$$;

SELECT cover_mandate_search(coalesce((SELECT max(id) FROM mandates), 0) + 1);
INSERT INTO mandate_search SELECT mandate_id, context, document FROM mandate_search_unpartitioned;
DROP TABLE mandate_search_unpartitioned;
