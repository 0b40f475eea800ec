package io.simca.ca.admin;

import io.simca.ca.store.Stores;

/** The operator services of one node, created once and shared by every admin handler. */
public record AdminServices(SimInventory sims, CertificateCatalog certs, AuditTrail audit) {

  public static AdminServices create(Stores stores) {
    return new AdminServices(
        new SimInventory(stores), new CertificateCatalog(stores), new AuditTrail(stores.audit()));
  }
}
