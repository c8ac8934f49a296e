ALTER TABLE requests DROP COLUMN waiting_for;
