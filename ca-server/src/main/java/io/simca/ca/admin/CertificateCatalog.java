package io.simca.ca.admin;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.store.CertFilter;
import io.simca.ca.store.CertificateRow;
import io.simca.ca.store.Stores;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Read access to issued certificates for operators ({@code cert list}, {@code cert show}). Blocking
 * JDBC.
 */
public final class CertificateCatalog {

  // RFC 5280 §4.1.2.2: at most 20 octets.
  private static final Pattern SERIAL_HEX = Pattern.compile("[0-9a-fA-F]{1,40}");

  private final Stores stores;

  public CertificateCatalog(Stores stores) {
    this.stores = stores;
  }

  /** Newest first. */
  public List<CertificateRow> list(CertFilter filter, Paging paging) {
    return stores.certs().list(filter, paging.offset(), paging.limit());
  }

  /** NOT_FOUND for an unknown serial, MALFORMED for one that is not hex. */
  public CertificateRow show(String serialHex) {
    BigInteger serial = parseSerial(serialHex);
    return stores
        .certs()
        .find(serial)
        .orElseThrow(
            () ->
                new CaException(
                    ErrorKind.NOT_FOUND,
                    "cert_unknown",
                    "no certificate with serial " + serialHex));
  }

  /**
   * Hex as the admin API and the CLI print it (lowercase; a leading {@code 0x} and colons are
   * tolerated).
   */
  public static BigInteger parseSerial(String text) {
    String s = text == null ? "" : text.strip().replace(":", "");
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    if (!SERIAL_HEX.matcher(s).matches()) {
      throw CaException.malformed("bad_serial", "serial must be 1-40 hex digits");
    }
    return new BigInteger(s, 16);
  }
}
