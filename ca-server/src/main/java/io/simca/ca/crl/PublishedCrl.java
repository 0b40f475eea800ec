package io.simca.ca.crl;

import java.time.Instant;

/**
 * The latest CRL of one issuing CA generation as the node serves it.
 *
 * @param etag quoted strong validator (hex SHA-256 of the DER), for conditional GET
 */
public record PublishedCrl(
    String caId,
    long crlNumber,
    byte[] der,
    String etag,
    Instant thisUpdate,
    Instant nextUpdate,
    int entries) {

  /** The quoted hex SHA-256 of a CRL's DER: its strong HTTP validator. */
  public static String etagOf(byte[] der) {
    try {
      return "\""
          + java.util.HexFormat.of()
              .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der))
          + "\"";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
