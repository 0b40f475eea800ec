package io.simca.est.id;

/**
 * A SIM card's Integrated Circuit Card Identifier: the identity a device certificate is issued to
 * ({@code CN=<ICCID>}) and the {@code sub} of a SIM attestation token.
 *
 * <p>Always valid once constructed: 18 to 22 ASCII digits, the telecom major industry identifier
 * "89", and a correct Luhn check digit (ITU-T E.118 §4.4). No trimming or 'F' padding removal is
 * done; callers pass the canonical digits.
 */
public record Iccid(String value) {

  public Iccid {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * The ICCID made of {@code payload} (its digits but the last) and the Luhn check digit that
   * completes it: for provisioning tools, simulators and tests that mint identities.
   */
  public static Iccid withCheckDigit(String payload) {
    return new Iccid(Luhn.isAsciiDigits(payload) ? payload + Luhn.checkDigit(payload) : payload);
  }

  /** Parses and validates an ICCID; throws {@link IllegalArgumentException} with a short reason. */
  public static Iccid parse(String value) {
    return new Iccid(value);
  }

  private static String problem(String v) {
    if (v == null || v.isEmpty()) {
      return "ICCID is empty";
    }
    if (!Luhn.isAsciiDigits(v)) {
      return "ICCID must contain digits only";
    }
    // ITU-T E.118: up to 19 digits plus check digit; issued ICCIDs are 18..22 digits in practice.
    if (v.length() < 18 || v.length() > 22) {
      return "ICCID must have 18 to 22 digits";
    }
    // ITU-T E.118 §4.4: major industry identifier 89 = telecommunications.
    if (!v.startsWith("89")) {
      return "ICCID must start with 89";
    }
    if (!Luhn.isValid(v)) {
      return "ICCID check digit is wrong";
    }
    return null;
  }

  @Override
  public String toString() {
    return value;
  }
}
