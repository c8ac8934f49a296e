DROP INDEX users_oidc_subject;
ALTER TABLE users DROP COLUMN oidc_subject;
DROP TABLE oidc_logins;
DROP TABLE sessions;
CREATE TABLE auth_codes (
    code TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    means TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
