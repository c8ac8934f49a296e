DROP INDEX requests_requester_name;
DROP INDEX requests_subject_number;
DROP INDEX requests_requester_number;
DROP INDEX requests_finished;
DROP INDEX requests_type;
DROP INDEX requests_status;
DROP TABLE exports;
DROP TABLE saved_filters;
