package io.simca.ca.store;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A stored certificate in any state.
 *
 * @param certDer the DER certificate; null while {@link CertStatus#RESERVED}
 * @param revocationReason RFC 5280 5.3.1 CRLReason code, null unless revoked
 * @param invalidityDate RFC 5280 5.3.2, null if not given
 */
public record CertificateRow(
    BigInteger serial,
    String caId,
    String iccid,
    String imei,
    String tenant,
    String spkiSha256,
    String subject,
    String profile,
    CertStatus status,
    Instant notBefore,
    Instant notAfter,
    byte[] certDer,
    Instant revokedAt,
    Integer revocationReason,
    Instant invalidityDate,
    Instant createdAt,
    String issuedByPolicy) {}
