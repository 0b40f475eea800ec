package io.simca.ca.admin;

import io.simca.ca.store.CertificateRow;
import io.simca.ca.store.SimRow;
import java.util.List;

/**
 * {@code sim show}: the SIM and its most recent certificates (newest first, at most {@link
 * SimInventory#MAX_CERTS_SHOWN}).
 */
public record SimDetails(SimRow sim, List<CertificateRow> certificates) {

  public SimDetails {
    certificates = List.copyOf(certificates);
  }
}
