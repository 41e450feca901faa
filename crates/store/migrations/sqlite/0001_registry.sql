-- The mandate registry, SQLite flavour. Times are RFC 3339 UTC strings; flags are 0/1 integers.

-- One row per ingested file content. A changed file under the same name is a new version; the old one stays.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    is_current INTEGER NOT NULL DEFAULT 1,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    encoding TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    -- The decoded text all spans refer to, and the parsed model as JSON (schema/document.schema.json).
    text TEXT NOT NULL,
    model TEXT NOT NULL,
    diagnostics INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    ingested_by TEXT NOT NULL,
    UNIQUE (name, version)
);
CREATE INDEX documents_sha256 ON documents (sha256, is_current);

-- An instrument regardless of revision: "PP Resolution 130", "COM5 Recommendation 2".
CREATE TABLE instruments (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    committee TEXT NOT NULL,
    number TEXT NOT NULL,
    title TEXT,
    abrogated INTEGER NOT NULL DEFAULT 0,
    -- Orders lists the way people read them: by body, kind, committee, then number as a number.
    sort_key TEXT NOT NULL,
    UNIQUE (kind, body, committee, number)
);
CREATE INDEX instruments_order ON instruments (sort_key);
CREATE INDEX instruments_number ON instruments (number);

-- One appearance of one revision of an instrument in one document: its full text or an excerpt of a summary.
CREATE TABLE texts (
    id INTEGER PRIMARY KEY,
    instrument_id INTEGER NOT NULL REFERENCES instruments (id),
    document_id INTEGER NOT NULL REFERENCES documents (id),
    -- "Rev. Bucharest, 2022", "Bucharest, 2022", "Rev.WRC-19", or '' when the citation gives none.
    revision TEXT NOT NULL,
    revision_year INTEGER,
    -- The year of the conference that adopted this text: the revision's, or for a text cited without one, the
    -- year most texts of the same body in the same document give ("Decision 5" in a summary of PP-22: 2022).
    conference_year INTEGER,
    is_full INTEGER NOT NULL,
    status TEXT,
    section TEXT,
    citation TEXT NOT NULL,
    title TEXT,
    model TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL
);
CREATE INDEX texts_instrument ON texts (instrument_id);
CREATE INDEX texts_document ON texts (document_id);

CREATE TABLE mandates (
    id INTEGER PRIMARY KEY,
    instrument_id INTEGER NOT NULL REFERENCES instruments (id),
    text_id INTEGER NOT NULL REFERENCES texts (id),
    revision TEXT NOT NULL,
    -- 1 while it belongs to the instrument's latest text; 0 once superseded or no longer in the text.
    is_current INTEGER NOT NULL DEFAULT 1,
    ordinal INTEGER NOT NULL,
    heading TEXT,
    verb TEXT,
    label TEXT,
    action TEXT NOT NULL,
    addressees TEXT NOT NULL,
    partners TEXT NOT NULL,
    cadence TEXT,
    report_to TEXT,
    -- Further bodies reported to, joined by "; " ("to the next PP and annually to Council").
    also_report_to TEXT NOT NULL,
    deadline TEXT,
    deadline_year INTEGER,
    -- R = 1, T = 2, D = 4.
    sectors INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    -- Tracking.
    status TEXT NOT NULL DEFAULT 'not_started',
    progress INTEGER NOT NULL DEFAULT 0,
    owner TEXT,
    needs_review INTEGER NOT NULL DEFAULT 0,
    carried_from INTEGER REFERENCES mandates (id),
    superseded_by INTEGER REFERENCES mandates (id),
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX mandates_instrument ON mandates (instrument_id, is_current, ordinal);
CREATE INDEX mandates_status ON mandates (status);
CREATE INDEX mandates_owner ON mandates (owner);

CREATE TABLE mandate_addressees (
    mandate_id INTEGER NOT NULL REFERENCES mandates (id),
    addressee TEXT NOT NULL,
    PRIMARY KEY (mandate_id, addressee)
) WITHOUT ROWID;

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    mandate_id INTEGER NOT NULL REFERENCES mandates (id),
    reference TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
CREATE INDEX evidence_mandate ON evidence (mandate_id);

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    mandate_id INTEGER NOT NULL REFERENCES mandates (id),
    body TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
CREATE INDEX comments_mandate ON comments (mandate_id);

-- Append-only: every change of a mandate, one row per field.
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    mandate_id INTEGER NOT NULL REFERENCES mandates (id),
    version INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX history_mandate ON history (mandate_id, id);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;

-- The reference table of a summary: a PP instrument, its contributions, linked Sector resolutions, focal points.
CREATE TABLE table_rows (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    instrument_id INTEGER REFERENCES instruments (id),
    ordinal INTEGER NOT NULL,
    label TEXT NOT NULL,
    title TEXT NOT NULL,
    abrogated INTEGER NOT NULL,
    focal_points TEXT NOT NULL,
    model TEXT NOT NULL
);
CREATE INDEX table_rows_document ON table_rows (document_id, ordinal);

CREATE TABLE table_links (
    row_id INTEGER NOT NULL REFERENCES table_rows (id),
    ordinal INTEGER NOT NULL,
    body TEXT NOT NULL,
    number TEXT NOT NULL,
    title TEXT,
    suppressed INTEGER NOT NULL,
    PRIMARY KEY (row_id, ordinal)
) WITHOUT ROWID;

-- Full-text search over current mandates only (so an FTS5 'rebuild', which would add every row, must not be run): the action, the block heading and the names addressed. The words
-- are read from the mandates table (external content), so the text is not stored twice.
CREATE VIRTUAL TABLE mandate_search USING fts5 (
    action, heading, addressees, content = 'mandates', content_rowid = 'id', tokenize = 'porter unicode61'
);
