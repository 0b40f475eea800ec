package io.simca.ca.pki;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Certificate serial numbers: 16 bytes from a CSPRNG, positive, never zero.
 *
 * <p>Why: RFC 5280 §4.1.2.2 requires a positive integer of at most 20 octets; unpredictable serials
 * (at least 64 bits of CSPRNG output, CA/B Forum BR §7.1) defeat chosen-prefix collision attacks on
 * the signature. 16 bytes with the top bit cleared is 127 random bits and encodes in at most 16
 * octets, so it never needs a leading zero byte and never exceeds the limit.
 */
public final class SerialNumbers {

  /** Bytes of randomness per serial. */
  public static final int LENGTH = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private SerialNumbers() {}

  /** A fresh serial: positive, at most 16 octets, never zero. */
  public static BigInteger next() {
    byte[] b = new byte[LENGTH];
    BigInteger serial;
    do {
      RANDOM.nextBytes(b);
      b[0] &= 0x7F; // RFC 5280 §4.1.2.2: positive, so the DER INTEGER needs no 0x00 pad
      serial = new BigInteger(1, b);
    } while (serial.bitLength() < 64); // zero or implausibly short: draw again (p ~ 2^-63)
    return serial;
  }
}
