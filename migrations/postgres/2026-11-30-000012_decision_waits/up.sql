-- A request whose decision waits for an outside system (the national register or DABS did not
-- answer at submission) names it here until a `decide` job has decided it.
ALTER TABLE requests ADD COLUMN waiting_for TEXT
    CHECK (waiting_for IS NULL OR waiting_for IN ('national_register', 'dabs'));
