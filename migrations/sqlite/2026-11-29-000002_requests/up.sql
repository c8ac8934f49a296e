-- Requests (aanvragen) with their tasks, documents, the e-mail outbox, durable jobs, and the
-- state of the mocked outside systems that must survive a restart (DABS, My eBox, police).
CREATE TABLE requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT NOT NULL UNIQUE,
    document_type_code TEXT NOT NULL REFERENCES document_types(code),
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'awaiting_police_advice', 'awaiting_deed',
        'awaiting_shipment', 'ready_for_pickup', 'delivered', 'refused', 'cancelled')),
    processing TEXT NOT NULL CHECK (processing IN ('automatic', 'manual')),
    manual_reasons TEXT NOT NULL,
    submitted_via TEXT NOT NULL CHECK (submitted_via IN ('web', 'api')),
    requester_user_id BIGINT REFERENCES users(id),
    requester_name TEXT NOT NULL,
    requester_email TEXT NOT NULL,
    requester_national_number TEXT,
    subject_is_requester BOOLEAN NOT NULL,
    subject_name TEXT NOT NULL,
    subject_national_number TEXT,
    subject_birth_date DATE,
    for_use TEXT NOT NULL CHECK (for_use IN ('belgium', 'abroad')),
    destination_country TEXT,
    purpose TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
    delivery_preference TEXT NOT NULL CHECK (delivery_preference IN ('digital', 'post', 'counter')),
    delivery_method TEXT CHECK (delivery_method IS NULL OR delivery_method IN ('digital', 'post', 'counter')),
    answers TEXT NOT NULL,
    police_advice TEXT CHECK (police_advice IS NULL OR police_advice IN ('favourable', 'unfavourable')),
    police_advice_remark TEXT,
    idempotency_key TEXT,
    submitted_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX requests_idempotency ON requests (requester_email, idempotency_key);
CREATE INDEX requests_requester ON requests (requester_user_id, submitted_at);
CREATE INDEX requests_submitted ON requests (submitted_at, id);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id BIGINT NOT NULL REFERENCES requests(id),
    task_type TEXT NOT NULL CHECK (task_type IN ('handle_request', 'confirm_shipment', 'confirm_pickup',
        'give_advice', 'add_deed', 'cancel_request')),
    status TEXT NOT NULL CHECK (status IN ('open', 'parked', 'done', 'cancelled')),
    assignee_user_id BIGINT REFERENCES users(id),
    due_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    completed_by BIGINT REFERENCES users(id),
    note TEXT,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tasks_inbox ON tasks (status, created_at, id);
CREATE INDEX tasks_request ON tasks (request_id, status);
CREATE INDEX tasks_assignee ON tasks (assignee_user_id, status);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id BIGINT NOT NULL REFERENCES requests(id),
    kind TEXT NOT NULL CHECK (kind IN ('document', 'letter')),
    title TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content BLOB NOT NULL,
    verification_code TEXT UNIQUE,
    issued_to_name TEXT NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    valid_until TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX documents_request ON documents (request_id);

CREATE TABLE download_links (
    token TEXT PRIMARY KEY NOT NULL,
    document_id BIGINT NOT NULL REFERENCES documents(id),
    requires_sign_in BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

CREATE TABLE emails (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id BIGINT REFERENCES requests(id),
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    template TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'kept')),
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX emails_request ON emails (request_id);

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    run_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    locked_by TEXT,
    locked_until TIMESTAMP,
    done_at TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX jobs_due ON jobs (done_at, run_at);

CREATE TABLE mock_ebox_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    national_number TEXT NOT NULL,
    sender TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    document_id BIGINT REFERENCES documents(id),
    delivered_at TIMESTAMP NOT NULL
);
CREATE INDEX mock_ebox_person ON mock_ebox_messages (national_number, delivered_at);

CREATE TABLE mock_dabs_deeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT NOT NULL UNIQUE,
    deed_type TEXT NOT NULL CHECK (deed_type IN ('birth', 'marriage', 'death', 'divorce')),
    national_numbers TEXT NOT NULL,
    registered_on DATE NOT NULL,
    place TEXT NOT NULL,
    details TEXT NOT NULL,
    added_at TIMESTAMP NOT NULL
);

CREATE TABLE mock_police_advice_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id BIGINT NOT NULL UNIQUE REFERENCES requests(id),
    subject_name TEXT NOT NULL,
    subject_national_number TEXT,
    purpose TEXT NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    advice TEXT CHECK (advice IS NULL OR advice IN ('favourable', 'unfavourable')),
    remark TEXT,
    answered_at TIMESTAMP,
    answered_by TEXT
);
