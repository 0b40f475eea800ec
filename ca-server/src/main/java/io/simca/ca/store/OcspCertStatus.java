package io.simca.ca.store;

/**
 * The certificate status a pre-signed OCSP response asserts (RFC 6960 4.2.1); {@code unknown} is
 * never stored. Stored lowercase.
 */
public enum OcspCertStatus {
  GOOD,
  REVOKED
}
