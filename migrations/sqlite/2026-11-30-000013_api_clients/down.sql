DROP TABLE api_client_requests;
DROP TABLE api_client_secrets;
DROP TABLE api_clients;
DELETE FROM users WHERE role = 'client';
