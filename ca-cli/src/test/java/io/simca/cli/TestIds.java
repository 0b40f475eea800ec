package io.simca.cli;

/** Luhn-correct ICCIDs and IMEIs for tests and the import benchmark. */
final class TestIds {

  private TestIds() {}

  /** A 19-digit ICCID {@code 89 <17 digits from prefix + n> <check>}. */
  static String iccid(String prefix, long n) {
    String body = "89" + prefix;
    String num = Long.toString(n);
    body = body + "0".repeat(Math.max(0, 18 - body.length() - num.length())) + num;
    return body + check(body);
  }

  /** A 15-digit IMEI with TAC 35209900. */
  static String imei(long n) {
    String body = "35209900" + String.format("%06d", n % 1_000_000);
    return body + check(body);
  }

  static String imsi(long n) {
    return "90170" + String.format("%010d", n % 10_000_000_000L);
  }

  /** The Luhn check digit for {@code body} (ITU-T E.118 / ISO/IEC 7812). */
  static char check(String body) {
    int sum = 0;
    boolean dbl = true;
    for (int i = body.length() - 1; i >= 0; i--) {
      int d = body.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  /** A valid CSV row. */
  static String row(String prefix, long n, String tenant) {
    return iccid(prefix, n) + "," + imsi(n) + "," + imei(n) + "," + tenant;
  }
}
