-- Which SIM first had a public key certified (policy.denyKeyReuse). One row per key, so two
-- concurrent enrolments of one key for two SIMs cannot both pass: the second insert conflicts
-- (issue 19: the read-then-write check let 2 of 16 through).
CREATE TABLE key_claim (
    spki_sha256  VARCHAR(64)              NOT NULL,
    iccid        VARCHAR(22)              NOT NULL,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_key_claim PRIMARY KEY (spki_sha256)
);

INSERT INTO key_claim (spki_sha256, iccid, claimed_at)
SELECT spki_sha256, MIN(iccid), MIN(created_at)
FROM certificate
WHERE iccid IS NOT NULL
GROUP BY spki_sha256;
