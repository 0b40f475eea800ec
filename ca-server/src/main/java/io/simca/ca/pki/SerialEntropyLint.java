package io.simca.ca.pki;

import java.util.Optional;

/**
 * CA/Browser Forum BR §7.1: serials carry at least 64 bits of CSPRNG output. simca draws 128 bits
 * ({@link SerialNumbers}); a serial shorter than 64 bits cannot have come from there.
 */
public final class SerialEntropyLint implements Lint {
  public String name() {
    return "e_serial_min_64_bits";
  }

  public String citation() {
    return "CA/B Forum BR §7.1";
  }

  public Optional<LintFinding> check(LintInput in) {
    int bits = in.tbs().getSerialNumber().getValue().bitLength();
    return bits < 64
        ? finding("serial number has " + bits + " bits, fewer than 64")
        : Optional.empty();
  }
}
