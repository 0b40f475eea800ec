-- Operator credentials of the admin API (issue 19): each certificate the admin listener accepts
-- must have a row here, so a leaked credential can be cut off on every node. Deny by default: a
-- certificate that chains to the hierarchy but has no row (or a revoked or expired one) is refused.
--
-- active_name equals name while the credential is live and is NULL once it is revoked (an expired
-- row is cleared when the name is issued again); its UNIQUE constraint makes "one live credential
-- per name" atomic across nodes without a read-then-write (both databases allow many NULLs).
CREATE TABLE operator_credential (
    serial      VARCHAR(40)              NOT NULL,  -- lowercase hex, as certificate.serial
    name        VARCHAR(64)              NOT NULL,  -- the certificate's CN
    active_name VARCHAR(64),
    role        VARCHAR(16)              NOT NULL,
    ca_id       VARCHAR(40)              NOT NULL,
    subject     VARCHAR(512)             NOT NULL,
    cert_der    BYTEA                    NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    not_before  TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after   TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_by   VARCHAR(256)             NOT NULL,  -- audit actor of the issuer, or 'system:ca-init'
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    revoked_by  VARCHAR(256),
    CONSTRAINT pk_operator_credential PRIMARY KEY (serial),
    CONSTRAINT uk_operator_credential_active_name UNIQUE (active_name),
    CONSTRAINT fk_operator_credential_ca FOREIGN KEY (ca_id) REFERENCES ca (id),
    CONSTRAINT ck_operator_credential_role CHECK (role IN ('admin', 'operator', 'auditor', 'attester')),
    CONSTRAINT ck_operator_credential_status CHECK (status IN ('active', 'revoked'))
);
CREATE INDEX ix_operator_credential_name ON operator_credential (name);
