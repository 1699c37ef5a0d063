-- Session ids are stored as their SHA-256 (hex), never as the cookie's value: a copy of
-- the database (a backup, a replica) cannot be replayed as cookies. Rows stored under
-- the plain id cannot be rewritten here (SQLite has no SHA-256), so those sessions end
-- and everyone signs in once more.
DELETE FROM sessions;

-- The demo seed's accounts share a published password: marked, so that a server
-- running without demo mode refuses to sign them in.
ALTER TABLE accounts ADD COLUMN demo BIGINT NOT NULL DEFAULT 0;
