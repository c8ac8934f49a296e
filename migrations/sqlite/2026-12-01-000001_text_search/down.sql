DROP TRIGGER request_text_update;
DROP TRIGGER request_text_delete;
DROP TRIGGER request_text_insert;
DROP TABLE request_text;
