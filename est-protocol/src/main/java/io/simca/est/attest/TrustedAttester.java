package io.simca.est.attest;

import java.security.PublicKey;
import java.util.Objects;

/**
 * An attester the CA trusts: its key id (the JWS {@code kid}, also the PEM file name), the {@code
 * iss} its tokens must carry, and its public key (EC P-256/P-384 or Ed25519).
 */
public record TrustedAttester(String kid, String issuer, PublicKey key) {
  public TrustedAttester {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(key, "key");
  }
}
