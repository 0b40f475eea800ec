package io.simca.ca.admin;

import io.simca.ca.store.OperatorRow;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A freshly issued operator credential: its stored row and the certificate with its chain (leaf
 * first, up to the root) for the client's PKCS#12 file. The private key never came here.
 */
public record IssuedOperator(OperatorRow row, List<X509Certificate> chain) {

  public IssuedOperator {
    chain = List.copyOf(chain);
  }
}
