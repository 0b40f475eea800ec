-- CRL generation streams every revoked, unexpired certificate of a CA. With the old index
-- (ca_id, status, not_after) each hit cost a primary-key lookup for the columns the CRL needs;
-- this index carries them, so H2 and PostgreSQL (index-only scan) read the index alone:
-- 100k entries streamed in 0.37 s instead of 1.5 s on H2 (scripts/bench-crl). Same leading
-- columns, so it also serves every query the old one did.
CREATE INDEX ix_certificate_crl ON certificate (ca_id, status, not_after, serial, revoked_at, revocation_reason, invalidity_date);
DROP INDEX ix_certificate_ca_status_not_after;
