-- The event feed in commit order (service/src/billing.rs, `sequence`). On PostgreSQL an
-- event's id is taken at INSERT but the row becomes visible at COMMIT, so ids do not
-- follow commit order and a reader's cursor could pass an event that commits late. Each
-- event now records the transaction that wrote it; a feed position is given only once
-- that transaction has ended (its id is below every running transaction's), under a
-- lock, so positions only ever grow in what readers can see. SQLite has one writer:
-- there ids are commit order and serve as positions.
ALTER TABLE audit_events ADD COLUMN writer_xid BIGINT NOT NULL DEFAULT {{XACT_ID}};
ALTER TABLE audit_events ADD COLUMN feed_position BIGINT;
-- Events before this migration keep their ids as positions, so cursors held by the
-- billing system and the webhook deliverer stay valid.
UPDATE audit_events SET feed_position = id WHERE state_after IS NOT NULL;
CREATE UNIQUE INDEX audit_events_feed_position ON audit_events (feed_position);
CREATE INDEX audit_events_unsequenced ON audit_events (writer_xid, id)
    WHERE feed_position IS NULL AND state_after IS NOT NULL;
