DROP INDEX tasks_type_status;
