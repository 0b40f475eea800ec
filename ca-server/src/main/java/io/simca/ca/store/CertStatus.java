package io.simca.ca.store;

/**
 * Lifecycle of a certificate row: reserved before signing, issued once the DER is stored, revoked.
 * Stored lowercase.
 */
public enum CertStatus {
  RESERVED,
  ISSUED,
  REVOKED
}
