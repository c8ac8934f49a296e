ALTER TABLE exports DROP COLUMN language;
ALTER TABLE exports DROP COLUMN sort;
DROP INDEX mock_ebox_delivery;
ALTER TABLE mock_ebox_messages DROP COLUMN delivery_id;
ALTER TABLE emails DROP COLUMN message_id;
DROP INDEX jobs_failed;
UPDATE jobs SET done_at = failed_at WHERE failed_at IS NOT NULL;
ALTER TABLE jobs DROP COLUMN failed_at;
