DROP TABLE api_client_requests;
DROP TABLE api_client_secrets;
DROP TABLE api_clients;
DELETE FROM users WHERE role = 'client';
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('citizen', 'staff', 'police'));
