-- Text search without scanning: trigram indexes (pg_trgm, a trusted extension since
-- PostgreSQL 13, so the database's owner may create it) on the lower-cased columns the search
-- matches a part of. `lower(column) LIKE '%…%'` reads them for three characters or more.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX requests_reference_trgm ON requests USING gin (lower(reference) gin_trgm_ops);
CREATE INDEX requests_requester_name_trgm ON requests USING gin (lower(requester_name) gin_trgm_ops);
CREATE INDEX requests_subject_name_trgm ON requests USING gin (lower(subject_name) gin_trgm_ops);
CREATE INDEX requests_purpose_trgm ON requests USING gin (lower(purpose) gin_trgm_ops);
CREATE INDEX requests_requester_email_trgm ON requests USING gin (lower(requester_email) gin_trgm_ops);
