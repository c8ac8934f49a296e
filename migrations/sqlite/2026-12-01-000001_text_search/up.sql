-- Text search without scanning: a trigram full-text index (FTS5) over the columns the search
-- matches a part of (reference, names, purpose, e-mail), kept in step with `requests` by
-- triggers. A search of three characters or more reads the index (a phrase query on trigrams
-- is a substring match, case-insensitive); a shorter one still scans.
CREATE VIRTUAL TABLE request_text USING fts5(
    reference, requester_name, subject_name, purpose, requester_email,
    content = 'requests', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO request_text (request_text) VALUES ('rebuild');

CREATE TRIGGER request_text_insert AFTER INSERT ON requests BEGIN
    INSERT INTO request_text (rowid, reference, requester_name, subject_name, purpose, requester_email)
    VALUES (new.id, new.reference, new.requester_name, new.subject_name, new.purpose, new.requester_email);
END;
CREATE TRIGGER request_text_delete AFTER DELETE ON requests BEGIN
    INSERT INTO request_text (request_text, rowid, reference, requester_name, subject_name, purpose, requester_email)
    VALUES ('delete', old.id, old.reference, old.requester_name, old.subject_name, old.purpose, old.requester_email);
END;
CREATE TRIGGER request_text_update
AFTER UPDATE OF reference, requester_name, subject_name, purpose, requester_email ON requests BEGIN
    INSERT INTO request_text (request_text, rowid, reference, requester_name, subject_name, purpose, requester_email)
    VALUES ('delete', old.id, old.reference, old.requester_name, old.subject_name, old.purpose, old.requester_email);
    INSERT INTO request_text (rowid, reference, requester_name, subject_name, purpose, requester_email)
    VALUES (new.id, new.reference, new.requester_name, new.subject_name, new.purpose, new.requester_email);
END;
