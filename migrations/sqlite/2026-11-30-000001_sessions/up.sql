-- Server-side sessions: the browser holds a random secret in an HttpOnly cookie (API clients a
-- signed bearer token naming the session); the database holds only its SHA-256, so a copy of
-- the database signs nobody in. Sign-out, idle timeout and a disabled account end a session
-- here, at once, on every instance.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('citizen', 'staff', 'police', 'admin')),
    means TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('cookie', 'bearer')),
    provider TEXT CHECK (provider IS NULL OR provider IN ('citizen', 'staff')),
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    checked_at TIMESTAMP NOT NULL,
    verified_at TIMESTAMP NOT NULL,
    refresh_token TEXT,
    ended_at TIMESTAMP,
    end_reason TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- A sign-in on its way through an OpenID Connect provider: the state names it, and it can be
-- completed once, within ten minutes.
CREATE TABLE oidc_logins (
    state TEXT PRIMARY KEY NOT NULL,
    provider TEXT NOT NULL CHECK (provider IN ('citizen', 'staff')),
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    means TEXT,
    return_to TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);

-- Staff are known by their provider's issuer and subject (`iss sub`), which do not change;
-- a username may be given to someone else later.
ALTER TABLE users ADD COLUMN oidc_subject TEXT;
CREATE UNIQUE INDEX users_oidc_subject ON users (oidc_subject);

-- The single-use codes of the old in-process mock login; the mock providers keep their own.
DROP TABLE auth_codes;
