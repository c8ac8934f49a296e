DROP TABLE audit_events;
DROP TABLE auth_codes;
DROP TABLE users;
DROP TABLE document_types;
DROP TABLE document_categories;
