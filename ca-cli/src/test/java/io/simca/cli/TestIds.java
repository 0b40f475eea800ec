package io.simca.cli;

import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;

/** Luhn-correct ICCIDs and IMEIs for tests and the import benchmark. */
final class TestIds {

  private TestIds() {}

  /** A 19-digit ICCID {@code 89 <17 digits from prefix + n> <check>}. */
  static String iccid(String prefix, long n) {
    String body = "89" + prefix;
    String num = Long.toString(n);
    body = body + "0".repeat(Math.max(0, 18 - body.length() - num.length())) + num;
    return Iccid.withCheckDigit(body).value();
  }

  /** A 15-digit IMEI with TAC 35209900. */
  static String imei(long n) {
    return Imei.withCheckDigit("35209900" + String.format("%06d", n % 1_000_000)).value();
  }

  static String imsi(long n) {
    return "90170" + String.format("%010d", n % 10_000_000_000L);
  }

  /** {@code id} with its last (check) digit changed: fails the Luhn check. */
  static String wrongCheckDigit(String id) {
    int last = id.length() - 1;
    return id.substring(0, last) + (char) ('0' + (id.charAt(last) - '0' + 1) % 10);
  }

  /** A valid CSV row. */
  static String row(String prefix, long n, String tenant) {
    return iccid(prefix, n) + "," + imsi(n) + "," + imei(n) + "," + tenant;
  }
}
