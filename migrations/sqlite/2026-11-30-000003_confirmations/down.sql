DROP TABLE pending_requests;
