-- Search: saved (and shared) filters, Excel exports with their progress, and the indexes
-- the search criteria need.
CREATE TABLE saved_filters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_user_id BIGINT REFERENCES users(id),
    name TEXT NOT NULL,
    criteria TEXT NOT NULL,
    shared BOOLEAN NOT NULL,
    system BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX saved_filters_owner ON saved_filters (owner_user_id);

INSERT INTO saved_filters (owner_user_id, name, criteria, shared, system, created_at, updated_at)
VALUES (NULL, 'Papieren en attesten', '{"module":"papieren-en-attesten"}', 1, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

CREATE TABLE exports (
    id TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    criteria TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    total_rows BIGINT NOT NULL,
    rows_written BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    content BLOB,
    error TEXT,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);

CREATE INDEX requests_status ON requests (status, submitted_at);
CREATE INDEX requests_type ON requests (document_type_code, submitted_at);
CREATE INDEX requests_finished ON requests (finished_at);
CREATE INDEX requests_requester_number ON requests (requester_national_number);
CREATE INDEX requests_subject_number ON requests (subject_national_number);
CREATE INDEX requests_requester_name ON requests (requester_name);
