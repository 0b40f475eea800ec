package io.simca.est.attest;

import java.util.Optional;

/**
 * Where the verifier looks up attester keys by {@code kid}. An interface so the server can swap the
 * file-based {@link PemAttesterDirectory} for a store-backed or test directory.
 */
@FunctionalInterface
public interface AttesterDirectory {

  /** The attester named {@code kid}, or empty when it is not trusted. */
  Optional<TrustedAttester> find(String kid);
}
