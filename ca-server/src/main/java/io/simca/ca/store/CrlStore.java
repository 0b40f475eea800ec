package io.simca.ca.store;

import java.util.Optional;

/**
 * CRL numbers and the latest published CRL per issuing CA, shared by all nodes.
 *
 * <p>Blocking JDBC: call off the event loop.
 */
public interface CrlStore {

  /**
   * The next cRLNumber for the CA: 1, 2, 3... strictly increasing and never handed out twice, also
   * across nodes (RFC 5280 5.2.3). A number may be skipped if its CRL is never saved.
   */
  long nextCrlNumber(String caId);

  /**
   * Publishes the CRL as the CA's latest, unless a CRL with a higher or equal number is already
   * stored (two nodes racing: the newer one wins).
   *
   * @return true if stored
   */
  boolean save(CrlRow crl);

  Optional<CrlRow> latest(String caId);
}
