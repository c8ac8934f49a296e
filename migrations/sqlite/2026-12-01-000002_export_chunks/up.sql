-- A finished report is stored as pieces of at most 1 MiB, written one after another from
-- the file the export made and read back one after another when it is downloaded, so
-- neither holds the whole workbook in memory (1,000,000 rows make some 40 MB).
CREATE TABLE export_chunks (
    export_id TEXT NOT NULL REFERENCES exports(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (export_id, seq)
);

INSERT INTO export_chunks (export_id, seq, content)
    SELECT id, 0, content FROM exports WHERE content IS NOT NULL;
UPDATE exports SET content = NULL;
