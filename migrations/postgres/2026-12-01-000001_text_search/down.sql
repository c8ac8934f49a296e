DROP INDEX requests_requester_email_trgm;
DROP INDEX requests_purpose_trgm;
DROP INDEX requests_subject_name_trgm;
DROP INDEX requests_requester_name_trgm;
DROP INDEX requests_reference_trgm;
