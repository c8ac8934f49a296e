-- Accounts of API clients (role 'client').
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('citizen', 'staff', 'police', 'client'));

-- API clients: machines of integrators (a case system, a citizen portal) that call the API
-- with OAuth 2.0 client credentials. Each has an account in users (role 'client') so what it
-- does is attributed to it like anyone's; its secrets are kept only as argon2 hashes.
CREATE TABLE api_clients (
    id BIGSERIAL PRIMARY KEY,
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
    id BIGSERIAL PRIMARY KEY,
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
