package io.simca.est.id;

/**
 * A subscriber's International Mobile Subscription Identity (3GPP TS 23.003 §2.2): MCC (3 digits) +
 * MNC (2 or 3) + MSIN, at most 15 digits. It has no check digit, so validation is limited to shape.
 * Carried in attestation tokens to tie a SIM to its subscription.
 */
public record Imsi(String value) {

  public Imsi {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("IMSI is empty");
    }
    if (!Luhn.isAsciiDigits(value)) {
      throw new IllegalArgumentException("IMSI must contain digits only");
    }
    // 3GPP TS 23.003 §2.2: not more than 15 digits; MCC + 2-digit MNC + some MSIN needs 6.
    if (value.length() < 6 || value.length() > 15) {
      throw new IllegalArgumentException("IMSI must have 6 to 15 digits");
    }
  }

  /** Parses and validates an IMSI; throws {@link IllegalArgumentException} with a short reason. */
  public static Imsi parse(String value) {
    return new Imsi(value);
  }

  /** Mobile Country Code: the first 3 digits. */
  public String mcc() {
    return value.substring(0, 3);
  }

  @Override
  public String toString() {
    return value;
  }
}
