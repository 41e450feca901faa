-- A document's text and JSON model (about a megabyte each for a conference's outcome) and its instruments'
-- models are compressed with LZ4 rather than the default pglz, which took much of the time of storing them.
-- A server built without LZ4 keeps the default.
DO $$
BEGIN
    ALTER TABLE documents ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN model SET COMPRESSION lz4;
    ALTER TABLE texts ALTER COLUMN model SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'LZ4 is not available on this server: stored documents keep the default compression';
END
$$;
