package io.simca.est.id;

import java.util.Locale;

/**
 * A device's International Mobile Equipment Identity (3GPP TS 23.003 §6.2.1): the 15-digit form
 * with Luhn check digit (TAC 8 + SNR 6 + CD 1). It goes into the device certificate as the RFC 7254
 * URN {@code urn:gsma:imei:<TAC>-<SNR>-<CD>}.
 *
 * <p>An IMEI is reported by the network, not proven by the device: treat it as a policy signal,
 * never as the binding (DESIGN.md "Anchors and their lessons").
 */
public record Imei(String value) {

  /** RFC 7254 §3 URN prefix; the NID is case-insensitive (RFC 8141 §3.1). */
  public static final String URN_PREFIX = "urn:gsma:imei:";

  public Imei {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("IMEI is empty");
    }
    if (!Luhn.isAsciiDigits(value) || value.length() != 15) {
      throw new IllegalArgumentException("IMEI must have exactly 15 digits");
    }
    // 3GPP TS 23.003 Annex B: Luhn check digit over TAC + SNR.
    if (!Luhn.isValid(value)) {
      throw new IllegalArgumentException("IMEI check digit is wrong");
    }
  }

  /**
   * The IMEI made of the 14 digits {@code tacAndSnr} and the Luhn check digit that completes them
   * (3GPP TS 23.003 Annex B): for simulators and tests that mint identities.
   */
  public static Imei withCheckDigit(String tacAndSnr) {
    return new Imei(
        Luhn.isAsciiDigits(tacAndSnr) ? tacAndSnr + Luhn.checkDigit(tacAndSnr) : tacAndSnr);
  }

  /**
   * The IMEI of a device as the packet core reports it (3GPP TS 29.061 §16.4.7, 3GPP-IMEISV): the
   * 16-digit IMEISV (TAC, SNR, software version; TS 23.003 §6.2.2), whose IMEI is its first 14
   * digits plus the check digit; a 15-digit IMEI (check digit verified) or its 14 digits without
   * the check digit are taken as well.
   */
  public static Imei fromImeisv(String reported) {
    if (reported == null || !Luhn.isAsciiDigits(reported)) {
      throw new IllegalArgumentException("IMEISV must be 14 to 16 digits");
    }
    return switch (reported.length()) {
      case 14 -> withCheckDigit(reported);
      case 15 -> parse(reported);
      case 16 -> withCheckDigit(reported.substring(0, 14));
      default -> throw new IllegalArgumentException("IMEISV must be 14 to 16 digits");
    };
  }

  /**
   * Parses and validates a 15-digit IMEI; throws {@link IllegalArgumentException} with a short
   * reason.
   */
  public static Imei parse(String value) {
    return new Imei(value);
  }

  /**
   * Parses the RFC 7254 URN form {@code urn:gsma:imei:35209900-176148-1} (no parameters accepted).
   */
  public static Imei fromUrn(String urn) {
    if (urn == null
        || urn.length() <= URN_PREFIX.length()
        || !urn.substring(0, URN_PREFIX.length()).toLowerCase(Locale.ROOT).equals(URN_PREFIX)) {
      throw new IllegalArgumentException("not an urn:gsma:imei URN");
    }
    String[] parts = urn.substring(URN_PREFIX.length()).split("-", -1);
    // RFC 7254 §3: imeival = tac "-" snr "-" check
    if (parts.length != 3
        || parts[0].length() != 8
        || parts[1].length() != 6
        || parts[2].length() != 1) {
      throw new IllegalArgumentException(
          "IMEI URN must be urn:gsma:imei:<8 digits>-<6 digits>-<1 digit>");
    }
    return new Imei(parts[0] + parts[1] + parts[2]);
  }

  /** Type Allocation Code: the 8 digits that name the device model (TAC allowlists use it). */
  public String tac() {
    return value.substring(0, 8);
  }

  /** Serial number: 6 digits. */
  public String snr() {
    return value.substring(8, 14);
  }

  /** The Luhn check digit, as a one-character string. */
  public String checkDigit() {
    return value.substring(14);
  }

  /** RFC 7254 URN, e.g. {@code urn:gsma:imei:35209900-176148-1}. */
  public String toUrn() {
    return URN_PREFIX + tac() + "-" + snr() + "-" + checkDigit();
  }

  @Override
  public String toString() {
    return value;
  }
}
