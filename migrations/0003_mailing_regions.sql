-- Paper requests and offline stamping keep the province / city / district of their
-- mailing addresses apart from the street line (R13, R14), so operators can sort and
-- couriers can route them.
ALTER TABLE paper_requests ADD COLUMN province TEXT NOT NULL DEFAULT '';
ALTER TABLE paper_requests ADD COLUMN city TEXT NOT NULL DEFAULT '';
ALTER TABLE paper_requests ADD COLUMN district TEXT NOT NULL DEFAULT '';
ALTER TABLE offline_stampings ADD COLUMN return_province TEXT NOT NULL DEFAULT '';
ALTER TABLE offline_stampings ADD COLUMN return_city TEXT NOT NULL DEFAULT '';
ALTER TABLE offline_stampings ADD COLUMN return_district TEXT NOT NULL DEFAULT '';
CREATE INDEX paper_requests_status ON paper_requests (status, created_at);
CREATE INDEX offline_stampings_status ON offline_stampings (status, created_at);
CREATE INDEX subject_changes_open ON subject_changes (resolved_at, created_at);
-- R14: one offline stamping in progress per contract, even under concurrent submits.
CREATE UNIQUE INDEX offline_stampings_open ON offline_stampings (contract_id) WHERE status <> 'returned';
