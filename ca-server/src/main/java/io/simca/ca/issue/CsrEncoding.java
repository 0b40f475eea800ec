package io.simca.ca.issue;

/** How a transport carries the PKCS#10 request. */
public enum CsrEncoding {
  /** HTTPS EST: base64 of the DER, line breaks and PEM armour tolerated (RFC 8951 §3). */
  BASE64,
  /** EST-coaps: the DER itself (RFC 9148 §5, Content-Format application/pkcs10). */
  DER
}
