-- Accounts of API clients (role 'client'): SQLite changes a CHECK by rebuilding the table.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE users_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    role TEXT NOT NULL CHECK (role IN ('citizen', 'staff', 'police', 'client')),
    username TEXT UNIQUE,
    national_number TEXT UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT,
    created_at TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP,
    oidc_subject TEXT,
    CHECK ((role = 'citizen' AND national_number IS NOT NULL) OR (role <> 'citizen' AND username IS NOT NULL))
);
INSERT INTO users_new (id, role, username, national_number, display_name, email, created_at, last_login_at, oidc_subject)
    SELECT id, role, username, national_number, display_name, email, created_at, last_login_at, oidc_subject FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE UNIQUE INDEX users_oidc_subject ON users (oidc_subject);

-- API clients: machines of integrators (a case system, a citizen portal) that call the API
-- with OAuth 2.0 client credentials. Each has an account in users (role 'client') so what it
-- does is attributed to it like anyone's; its secrets are kept only as argon2 hashes.
CREATE TABLE api_clients (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL UNIQUE REFERENCES users(id),
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    document_types TEXT,
    contact_email TEXT,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE api_client_secrets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    api_client_id BIGINT NOT NULL REFERENCES api_clients(id),
    hash TEXT NOT NULL,
    hint TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    last_used_at TIMESTAMP
);
CREATE INDEX api_client_secrets_client ON api_client_secrets (api_client_id);

-- The client that submitted a request (channel 'api').
CREATE TABLE api_client_requests (
    request_id BIGINT PRIMARY KEY NOT NULL REFERENCES requests(id),
    api_client_id BIGINT NOT NULL REFERENCES api_clients(id)
);
CREATE INDEX api_client_requests_client ON api_client_requests (api_client_id);
