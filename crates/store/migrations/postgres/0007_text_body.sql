-- Each text carries its instrument's body beside its conference year, so that a conference ("WRC-22") is one
-- range of an index however many texts other bodies have of that year. The body is part of an instrument's
-- identity and never changes. An ingest writes it; the trigger fills it for rows written without it (an import).
ALTER TABLE texts ADD COLUMN body TEXT NOT NULL DEFAULT '';
UPDATE texts SET body = i.body FROM instruments i WHERE i.id = texts.instrument_id;
CREATE FUNCTION texts_body() RETURNS trigger AS $$
BEGIN
    NEW.body := (SELECT i.body FROM instruments i WHERE i.id = NEW.instrument_id);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER texts_body BEFORE INSERT ON texts FOR EACH ROW WHEN (NEW.body = '') EXECUTE FUNCTION texts_body();
DROP INDEX texts_conference;
CREATE INDEX texts_conference ON texts (body, conference_year);
