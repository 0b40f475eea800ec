package io.simca.ca.server;

import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.store.CaRecordValue;
import io.simca.ca.store.CaStatus;
import io.simca.ca.store.Stores;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * Every generation a node can sign for is a row in {@code ca}, so certificates can reference it; at
 * start and whenever the node takes up a new generation. Idempotent (upsert), so nodes sharing a
 * store may register the same CA in any order.
 */
final class CaRegistry {

  private CaRegistry() {}

  static void register(Stores stores, LoadedHierarchy hierarchy) {
    for (IssuingCa ca : hierarchy.all()) {
      X509Certificate cert = ca.cert();
      try {
        stores
            .cas()
            .upsert(
                new CaRecordValue(
                    ca.keyId(),
                    ca.label(),
                    ca.generation(),
                    cert.getSubjectX500Principal().getName(),
                    cert.getEncoded(),
                    ca.active() ? CaStatus.ACTIVE : CaStatus.RETIRED,
                    cert.getNotBefore().toInstant(),
                    cert.getNotAfter().toInstant()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("cannot encode CA certificate " + ca.label(), e);
      }
    }
  }
}
