DROP TABLE export_chunks;
