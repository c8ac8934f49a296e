-- Webhooks: an API client subscribes a URL to events; each event is one delivery row (its
-- webhook-id the same on every retry and replay) written in the transaction of the change,
-- with a durable job that sends it (Standard Webhooks signatures, the secret per subscription).
CREATE TABLE webhook_subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    api_client_id BIGINT NOT NULL REFERENCES api_clients(id),
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    paused_at TIMESTAMP,
    paused_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_subscriptions_client ON webhook_subscriptions (api_client_id);

CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id TEXT NOT NULL UNIQUE,
    subscription_id BIGINT NOT NULL REFERENCES webhook_subscriptions(id),
    event_type TEXT NOT NULL,
    request_id BIGINT REFERENCES requests(id),
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TIMESTAMP,
    last_status INTEGER,
    last_error TEXT,
    delivered_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    -- When it was (last) queued: created, replayed or resumed; retries go on for 3 days from it.
    queued_at TIMESTAMP NOT NULL,
    -- The one job that may send it now (a replay or a resume queues a new one).
    job_id BIGINT
);
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);
