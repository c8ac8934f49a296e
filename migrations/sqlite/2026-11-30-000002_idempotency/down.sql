DROP INDEX requests_idempotency_key;
DROP INDEX requests_idempotency;
CREATE UNIQUE INDEX requests_idempotency ON requests (requester_email, idempotency_key);
ALTER TABLE requests DROP COLUMN idempotency_fingerprint;
ALTER TABLE requests DROP COLUMN idempotency_scope;
