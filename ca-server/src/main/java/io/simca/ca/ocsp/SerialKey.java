package io.simca.ca.ocsp;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A certificate serial as a fixed-size map key: 32 bytes of heap instead of a BigInteger and its
 * int[] (about 80), which matters with a million cached responses. Covers every serial RFC 5280
 * §4.1.2.2 allows (positive, at most 20 octets, so at most 159 bits).
 */
record SerialKey(int top, long hi, long lo) {

  /** Empty for serials no conforming CA issues (zero, negative, longer than 20 octets). */
  static Optional<SerialKey> of(BigInteger serial) {
    if (serial.signum() <= 0 || serial.bitLength() > 159) {
      return Optional.empty();
    }
    return Optional.of(
        new SerialKey(
            serial.shiftRight(128).intValue(),
            serial.shiftRight(64).longValue(),
            serial.longValue()));
  }
}
