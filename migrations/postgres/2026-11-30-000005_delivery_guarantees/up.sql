-- Nothing lost, nothing doubled. A job that failed for good (its attempts used up) is marked
-- `failed_at` and waits for staff ("Mislukte leveringen") instead of counting as done; every
-- e-mail gets its Message-ID when it is queued, so a resend carries the same one; a delivery
-- into My eBox carries an id the mailbox uses to ignore a duplicate. An Excel export is a job
-- (payload: the export's id) and keeps what it needs to be made again by another instance.
ALTER TABLE jobs ADD COLUMN failed_at TIMESTAMP;
UPDATE jobs SET failed_at = done_at, done_at = NULL WHERE done_at IS NOT NULL AND last_error IS NOT NULL;
CREATE INDEX jobs_failed ON jobs (failed_at);

ALTER TABLE emails ADD COLUMN message_id TEXT;
UPDATE emails SET message_id = '<email-' || id || '@loket.invalid>';

ALTER TABLE mock_ebox_messages ADD COLUMN delivery_id TEXT;
CREATE UNIQUE INDEX mock_ebox_delivery ON mock_ebox_messages (delivery_id);

ALTER TABLE exports ADD COLUMN sort TEXT;
ALTER TABLE exports ADD COLUMN language TEXT;
