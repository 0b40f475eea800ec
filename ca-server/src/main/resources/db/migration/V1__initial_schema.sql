-- simca store, version 1 (DESIGN.md "Store").
--
-- One SQL text for H2 2.x and PostgreSQL 15, also parsed by jOOQ's DDLDatabase to generate
-- io.simca.ca.store.jooq. Keep to the common subset: BIGINT, INT, VARCHAR(n), BOOLEAN,
-- BYTEA (H2 alias of BINARY VARYING, max 1e9 bytes), TIMESTAMP WITH TIME ZONE (microseconds on
-- both). Identifiers are unquoted and never reserved words, so the same generated names resolve
-- on H2 (folds to upper case) and PostgreSQL (folds to lower case).
-- Serials are the lowercase hex of the positive BigInteger (BigInteger.toString(16)).
-- Enumerations are lowercase strings guarded by CHECK constraints.

CREATE TABLE ca (
    id          VARCHAR(40)              NOT NULL,  -- lowercase hex of the CA certificate's SubjectKeyIdentifier
    label       VARCHAR(64)              NOT NULL,
    generation  INT                      NOT NULL,
    subject     VARCHAR(512)             NOT NULL,
    cert_der    BYTEA                    NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    not_before  TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ca PRIMARY KEY (id),
    CONSTRAINT uk_ca_label_generation UNIQUE (label, generation),
    CONSTRAINT ck_ca_status CHECK (status IN ('active', 'retired'))
);

CREATE TABLE sim (
    iccid          VARCHAR(22)              NOT NULL,
    imsi           VARCHAR(15)              NOT NULL,
    imei           VARCHAR(15),                       -- NULL: locked to the IMEI of the first enrolment
    imei_locked_at TIMESTAMP WITH TIME ZONE,
    tenant         VARCHAR(64)              NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    status_reason  VARCHAR(256),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sim PRIMARY KEY (iccid),
    CONSTRAINT ck_sim_status CHECK (status IN ('active', 'suspended', 'lost', 'stolen', 'decommissioned'))
);
CREATE INDEX ix_sim_imsi ON sim (imsi);
CREATE INDEX ix_sim_tenant ON sim (tenant);
CREATE INDEX ix_sim_status ON sim (status);

-- Boulder-style: a row is reserved (serial, key, subject, validity) before the CA signs, so a
-- crash between signing and storing still leaves a record of the serial.
CREATE TABLE certificate (
    serial            VARCHAR(40)              NOT NULL,
    ca_id             VARCHAR(40)              NOT NULL,
    iccid             VARCHAR(22),                      -- NULL for non-device certificates
    imei              VARCHAR(15),
    tenant            VARCHAR(64),
    spki_sha256       VARCHAR(64)              NOT NULL,
    subject           VARCHAR(512)             NOT NULL,
    profile           VARCHAR(32)              NOT NULL,
    status            VARCHAR(16)              NOT NULL,
    not_before        TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after         TIMESTAMP WITH TIME ZONE NOT NULL,
    cert_der          BYTEA,                            -- NULL while reserved
    revoked_at        TIMESTAMP WITH TIME ZONE,
    revocation_reason INT,                              -- RFC 5280 5.3.1 CRLReason code
    invalidity_date   TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_by_policy  VARCHAR(64),
    CONSTRAINT pk_certificate PRIMARY KEY (serial),
    CONSTRAINT fk_certificate_ca FOREIGN KEY (ca_id) REFERENCES ca (id),
    CONSTRAINT ck_certificate_status CHECK (status IN ('reserved', 'issued', 'revoked'))
);
CREATE INDEX ix_certificate_iccid ON certificate (iccid);
CREATE INDEX ix_certificate_spki ON certificate (spki_sha256);
CREATE INDEX ix_certificate_ca_status_not_after ON certificate (ca_id, status, not_after);
CREATE INDEX ix_certificate_not_after ON certificate (not_after);

-- Pre-signed OCSP responses (RFC 5019), one current response per certificate. updated_at lets
-- other nodes poll for changes (changedSince).
CREATE TABLE ocsp_response (
    serial        VARCHAR(40)              NOT NULL,
    ca_id         VARCHAR(40)              NOT NULL,
    cert_status   VARCHAR(16)              NOT NULL,
    response_der  BYTEA                    NOT NULL,
    this_update   TIMESTAMP WITH TIME ZONE NOT NULL,
    next_update   TIMESTAMP WITH TIME ZONE NOT NULL,
    produced_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ocsp_response PRIMARY KEY (serial),
    CONSTRAINT fk_ocsp_response_certificate FOREIGN KEY (serial) REFERENCES certificate (serial),
    CONSTRAINT ck_ocsp_response_status CHECK (cert_status IN ('good', 'revoked'))
);
CREATE INDEX ix_ocsp_response_next_update ON ocsp_response (next_update);
CREATE INDEX ix_ocsp_response_ca ON ocsp_response (ca_id);
CREATE INDEX ix_ocsp_response_updated_at ON ocsp_response (updated_at);

-- Single-use attestation token ids (replay cache). The primary key makes "first use wins"
-- atomic across nodes sharing one database.
CREATE TABLE attestation_jti (
    issuer     VARCHAR(128)             NOT NULL,
    jti        VARCHAR(128)             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_attestation_jti PRIMARY KEY (jti, issuer)
);
CREATE INDEX ix_attestation_jti_expires_at ON attestation_jti (expires_at);

-- Latest published CRL per issuing CA.
CREATE TABLE crl (
    ca_id       VARCHAR(40)              NOT NULL,
    crl_number  BIGINT                   NOT NULL,
    crl_der     BYTEA                    NOT NULL,
    this_update TIMESTAMP WITH TIME ZONE NOT NULL,
    next_update TIMESTAMP WITH TIME ZONE NOT NULL,
    entries     INT                      NOT NULL,
    CONSTRAINT pk_crl PRIMARY KEY (ca_id)
);

-- CRL numbers are handed out before the CRL is built (RFC 5280 5.2.3: monotonically
-- increasing), independently of which CRL is finally published.
CREATE TABLE crl_counter (
    ca_id       VARCHAR(40) NOT NULL,
    last_number BIGINT      NOT NULL,
    CONSTRAINT pk_crl_counter PRIMARY KEY (ca_id)
);

-- Append-only, hash-chained audit log (see AuditLog for the canonical encoding).
CREATE TABLE audit_event (
    seq          BIGINT                   NOT NULL,  -- 1..n, gap-free, assigned under the audit_head lock
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type   VARCHAR(48)              NOT NULL,
    actor        VARCHAR(256)             NOT NULL,
    outcome      VARCHAR(16)              NOT NULL,
    reason       VARCHAR(64),
    iccid        VARCHAR(22),
    imei         VARCHAR(15),
    serial       VARCHAR(40),
    attester     VARCHAR(128),
    jti          VARCHAR(128),
    token_sha256 VARCHAR(64),
    client_addr  VARCHAR(64),
    policy       VARCHAR(64),
    detail       VARCHAR(2000),
    prev_hash    VARCHAR(64)              NOT NULL,
    hash         VARCHAR(64)              NOT NULL,
    CONSTRAINT pk_audit_event PRIMARY KEY (seq),
    CONSTRAINT ck_audit_event_outcome CHECK (outcome IN ('allow', 'deny', 'ok', 'error'))
);
CREATE INDEX ix_audit_event_at ON audit_event (at);
CREATE INDEX ix_audit_event_iccid ON audit_event (iccid);
CREATE INDEX ix_audit_event_type ON audit_event (event_type);

-- The chain head: appenders lock this single row (SELECT ... FOR UPDATE) so that appends from
-- several nodes serialise and the chain stays linear.
CREATE TABLE audit_head (
    id        INT         NOT NULL,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL,
    CONSTRAINT pk_audit_head PRIMARY KEY (id),
    CONSTRAINT ck_audit_head_single CHECK (id = 1)
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
