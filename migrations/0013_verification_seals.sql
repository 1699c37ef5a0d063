-- What an uploaded file carries beside a valid signature, as /verify shows it to its
-- holder (issue 30): its PAdES level (b-b, b-t, b-lt, b-lta), the trusted time of the
-- signature and the time-stamping authority that vouches for it.
ALTER TABLE verifications ADD COLUMN seal_level TEXT;
ALTER TABLE verifications ADD COLUMN trusted_time BIGINT;
ALTER TABLE verifications ADD COLUMN tsa TEXT;
