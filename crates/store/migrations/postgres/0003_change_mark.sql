-- A number that moves with every committed change to the registry, so that web servers (several may share this
-- database) can keep pages until it moves. It is a row, not a sequence: a sequence moves before the change
-- commits, and a page made from the old data would then be kept under the new number.
CREATE TABLE change_mark (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    mark BIGINT NOT NULL
);
INSERT INTO change_mark (id, mark) VALUES (1, 0);

CREATE FUNCTION move_change_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE change_mark SET mark = mark + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

-- Once per statement that changes what pages show (accounts and sessions do not).
CREATE TRIGGER documents_change_mark AFTER INSERT OR UPDATE OR DELETE ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION move_change_mark();
CREATE TRIGGER instruments_change_mark AFTER INSERT OR UPDATE OR DELETE ON instruments
    FOR EACH STATEMENT EXECUTE FUNCTION move_change_mark();
CREATE TRIGGER texts_change_mark AFTER INSERT OR UPDATE OR DELETE ON texts
    FOR EACH STATEMENT EXECUTE FUNCTION move_change_mark();
CREATE TRIGGER mandates_change_mark AFTER INSERT OR UPDATE OR DELETE ON mandates
    FOR EACH STATEMENT EXECUTE FUNCTION move_change_mark();
CREATE TRIGGER mandate_addressees_change_mark AFTER INSERT OR UPDATE OR DELETE ON mandate_addressees
    FOR EACH STATEMENT EXECUTE FUNCTION move_change_mark();
CREATE TRIGGER evidence_change_mark AFTER INSERT OR UPDATE OR DELETE ON evidence
    FOR EACH STATEMENT EXECUTE FUNCTION move_change_mark();
CREATE TRIGGER comments_change_mark AFTER INSERT OR UPDATE OR DELETE ON comments
    FOR EACH STATEMENT EXECUTE FUNCTION move_change_mark();
CREATE TRIGGER history_change_mark AFTER INSERT ON history
    FOR EACH STATEMENT EXECUTE FUNCTION move_change_mark();
CREATE TRIGGER table_rows_change_mark AFTER INSERT OR UPDATE OR DELETE ON table_rows
    FOR EACH STATEMENT EXECUTE FUNCTION move_change_mark();
CREATE TRIGGER table_links_change_mark AFTER INSERT OR UPDATE OR DELETE ON table_links
    FOR EACH STATEMENT EXECUTE FUNCTION move_change_mark();
