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
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['documents', 'instruments', 'texts', 'mandates', 'mandate_addressees', 'evidence',
                             'comments', 'history', 'table_rows', 'table_links']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION move_change_mark()', t || '_change_mark', t);
    END LOOP;
END
$$;
