DROP INDEX requests_reference_prefix;
