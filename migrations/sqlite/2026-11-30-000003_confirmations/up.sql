-- A request from someone who did not sign in waits here until its requester confirms it through
-- the e-mailed link (24 hours): only then is it a request that staff see. The table keeps the
-- hash of the link's token, never the token.
CREATE TABLE pending_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    submission TEXT NOT NULL,
    via TEXT NOT NULL,
    idempotency_key TEXT,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,
    request_id BIGINT REFERENCES requests(id)
);
CREATE INDEX pending_requests_expiry ON pending_requests (expires_at);
