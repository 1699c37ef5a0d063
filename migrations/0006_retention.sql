-- The hourly purge (service/src/retention.rs) finds old rows by time without reading
-- whole tables.
CREATE INDEX verifications_by_time ON verifications (created_at);
CREATE INDEX sms_codes_by_expiry ON sms_codes (expires_at);
CREATE INDEX sms_outbox_by_time ON sms_outbox (created_at);
CREATE INDEX audit_events_by_action_time ON audit_events (action, created_at);
