-- An Idempotency-Key belongs to whoever used it first: the signed-in person, or for anonymous
-- callers the exact body they sent (its SHA-256). A replay by anyone else, or with another body,
-- is refused instead of answered with someone's request.
ALTER TABLE requests ADD COLUMN idempotency_scope TEXT;
ALTER TABLE requests ADD COLUMN idempotency_fingerprint TEXT;
DROP INDEX requests_idempotency;
CREATE UNIQUE INDEX requests_idempotency ON requests (idempotency_scope, idempotency_key);
CREATE INDEX requests_idempotency_key ON requests (idempotency_key);
