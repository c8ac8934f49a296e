-- The catalogue, the people who sign in, single-use sign-in codes and the audit trail.
CREATE TABLE document_categories (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE document_types (
    code TEXT PRIMARY KEY NOT NULL,
    category_code TEXT NOT NULL REFERENCES document_categories(code),
    kind TEXT NOT NULL CHECK (kind IN ('criminal_record', 'register_certificate', 'civil_status_deed')),
    name TEXT NOT NULL,
    summary TEXT NOT NULL,
    automatic_allowed BOOLEAN NOT NULL,
    police_advice_required BOOLEAN NOT NULL,
    deed_type TEXT CHECK (deed_type IS NULL OR deed_type IN ('birth', 'marriage', 'death', 'divorce')),
    position INTEGER NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX document_types_category ON document_types (category_code, position);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('citizen', 'staff', 'police')),
    username TEXT UNIQUE,
    national_number TEXT UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT,
    created_at TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP,
    CHECK ((role = 'citizen' AND national_number IS NOT NULL) OR (role <> 'citizen' AND username IS NOT NULL))
);

CREATE TABLE auth_codes (
    code TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    means TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);

CREATE TABLE audit_events (
    id BIGSERIAL PRIMARY KEY,
    occurred_at TIMESTAMP NOT NULL,
    actor_role TEXT NOT NULL,
    actor_id BIGINT,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    reason TEXT,
    details TEXT
);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id, occurred_at);

INSERT INTO document_categories (code, name, description, position) VALUES ('strafregister', 'Strafregister', 'Uittreksels uit het strafregister (vroeger ''bewijs van goed gedrag en zeden'').', 1);
INSERT INTO document_categories (code, name, description, position) VALUES ('bevolkingsregister', 'Attesten uit het bevolkingsregister', 'Attesten op basis van het rijksregister: woonst, gezin, nationaliteit en meer.', 2);
INSERT INTO document_categories (code, name, description, position) VALUES ('burgerlijke-stand', 'Akten van de burgerlijke stand', 'Afschriften en uittreksels van akten uit de databank akten burgerlijke stand (DABS).', 3);

INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('strafregister-595', 'strafregister', 'criminal_record', 'Uittreksel uit het strafregister (model 595)', 'Algemeen model, voor de meeste doeleinden (werk, vereniging, verblijf).', TRUE, FALSE, NULL, 1);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('strafregister-596-1', 'strafregister', 'criminal_record', 'Uittreksel uit het strafregister (model 596.1)', 'Voor een gereglementeerde activiteit zoals onderwijs, bewaking of taxi.', TRUE, FALSE, NULL, 2);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('strafregister-596-2', 'strafregister', 'criminal_record', 'Uittreksel uit het strafregister (model 596.2)', 'Voor een activiteit met contact met minderjarigen. Altijd na advies van de politie.', FALSE, TRUE, NULL, 3);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('bewijs-van-woonst', 'bevolkingsregister', 'register_certificate', 'Bewijs van woonst', 'Toont je huidige adres volgens het rijksregister.', TRUE, FALSE, NULL, 10);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('bewijs-van-woonst-historiek', 'bevolkingsregister', 'register_certificate', 'Bewijs van woonst met historiek', 'Toont je huidige en vorige adressen met de data van inschrijving.', TRUE, FALSE, NULL, 11);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('samenstelling-van-het-gezin', 'bevolkingsregister', 'register_certificate', 'Samenstelling van het gezin', 'Toont wie er volgens het rijksregister tot je gezin behoort.', TRUE, FALSE, NULL, 12);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('nationaliteitsbewijs', 'bevolkingsregister', 'register_certificate', 'Nationaliteitsbewijs', 'Bevestigt je nationaliteit volgens het rijksregister.', TRUE, FALSE, NULL, 13);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('attest-van-leven', 'bevolkingsregister', 'register_certificate', 'Attest van leven', 'Bevestigt dat je in leven bent, bijvoorbeeld voor een buitenlands pensioen.', TRUE, FALSE, NULL, 14);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('uittreksel-bevolkingsregister', 'bevolkingsregister', 'register_certificate', 'Uittreksel uit het bevolkingsregister', 'Een uittreksel met je persoonsgegevens uit het bevolkingsregister.', TRUE, FALSE, NULL, 15);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('attest-wettelijke-samenwoning', 'bevolkingsregister', 'register_certificate', 'Attest van wettelijke samenwoning', 'Bevestigt een verklaring van wettelijke samenwoning.', TRUE, FALSE, NULL, 16);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('geboorteakte', 'burgerlijke-stand', 'civil_status_deed', 'Geboorteakte', 'Uittreksel of afschrift van een geboorteakte, nationaal of meertalig model.', TRUE, FALSE, 'birth', 20);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('huwelijksakte', 'burgerlijke-stand', 'civil_status_deed', 'Huwelijksakte', 'Uittreksel of afschrift van een huwelijksakte, nationaal of meertalig model.', TRUE, FALSE, 'marriage', 21);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('overlijdensakte', 'burgerlijke-stand', 'civil_status_deed', 'Overlijdensakte', 'Uittreksel of afschrift van een overlijdensakte, nationaal of meertalig model.', TRUE, FALSE, 'death', 22);
INSERT INTO document_types (code, category_code, kind, name, summary, automatic_allowed, police_advice_required, deed_type, position) VALUES ('echtscheidingsakte', 'burgerlijke-stand', 'civil_status_deed', 'Echtscheidingsakte', 'Uittreksel of afschrift van een echtscheidingsakte.', TRUE, FALSE, 'divorce', 23);
