package io.simca.ca.pki;

import java.math.BigInteger;
import java.util.Optional;

/** RFC 5280 §4.1.2.2: the serial MUST be a positive integer of no more than 20 octets. */
public final class SerialNumberLint implements Lint {
  public String name() {
    return "e_serial_positive_max_20_octets";
  }

  public String citation() {
    return "RFC 5280 §4.1.2.2";
  }

  public Optional<LintFinding> check(LintInput in) {
    BigInteger s = in.tbs().getSerialNumber().getValue();
    if (s.signum() <= 0) {
      return finding("serial number is not positive");
    }
    if (s.toByteArray().length > 20) {
      return finding("serial number is " + s.toByteArray().length + " octets, more than 20");
    }
    return Optional.empty();
  }
}
