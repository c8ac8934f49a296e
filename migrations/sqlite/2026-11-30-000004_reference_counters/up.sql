-- References restart each year: PA-<year>-<nnnnnn>, numbered per year. One row per year holds
-- the last number given; an UPDATE takes the next one (a row lock on PostgreSQL, the write
-- lock on SQLite), so two instances never give the same number.
CREATE TABLE reference_counters (
    year INTEGER PRIMARY KEY,
    last BIGINT NOT NULL
);
INSERT INTO reference_counters (year, last)
SELECT CAST(substr(reference, 4, 4) AS INTEGER), MAX(CAST(substr(reference, 9) AS BIGINT))
FROM requests
WHERE reference LIKE 'PA-____-%'
GROUP BY 1;
