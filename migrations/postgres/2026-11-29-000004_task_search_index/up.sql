-- Searching requests by open task type: the tasks of a type and state, by request.
CREATE INDEX tasks_type_status ON tasks (task_type, status, request_id);
