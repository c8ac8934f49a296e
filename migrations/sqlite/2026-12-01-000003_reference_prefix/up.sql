-- In step with PostgreSQL's index for the start of a reference: SQLite compares references
-- bytewise, so its unique index on reference already serves that range.
SELECT 1;
