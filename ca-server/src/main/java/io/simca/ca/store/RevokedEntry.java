package io.simca.ca.store;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One revokedCertificates entry of a CRL (RFC 5280 5.1.2.6).
 *
 * @param reasonCode CRLReason code (5.3.1)
 * @param invalidityDate 5.3.2, null if unknown
 */
public record RevokedEntry(
    BigInteger serial, Instant revokedAt, int reasonCode, Instant invalidityDate) {}
