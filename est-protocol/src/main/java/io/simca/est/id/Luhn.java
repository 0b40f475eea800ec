package io.simca.est.id;

/** The Luhn mod-10 check shared by ICCIDs (ITU-T E.118) and IMEIs (3GPP TS 23.003 Annex B). */
final class Luhn {
  private Luhn() {}

  /** True when {@code digits} (ASCII digits only, check digit last) has a valid Luhn sum. */
  static boolean isValid(String digits) {
    return sum(digits, false) % 10 == 0;
  }

  /** The check digit that makes {@code payload} (ASCII digits) + digit Luhn-valid. */
  static char checkDigit(String payload) {
    return (char) ('0' + (10 - sum(payload, true) % 10) % 10);
  }

  /**
   * The Luhn sum, doubling every second digit from the right (from the last if {@code doubleLast}).
   */
  private static int sum(String digits, boolean doubleLast) {
    int sum = 0;
    boolean doubleIt = doubleLast;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum;
  }

  /**
   * True when {@code s} is non-empty and made of ASCII digits only (no signs, no Unicode digits).
   */
  static boolean isAsciiDigits(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
