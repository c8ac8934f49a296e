-- The start of a reference ("PA-2023-03") as a range of this index: LIKE 'PA-2023-03%'
-- uses it whatever the database's collation.
CREATE INDEX requests_reference_prefix ON requests (reference text_pattern_ops);
