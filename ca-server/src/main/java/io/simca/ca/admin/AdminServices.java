package io.simca.ca.admin;

import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.store.Stores;
import java.time.Clock;
import java.util.function.Supplier;

/** The operator services of one node, created once and shared by every admin handler. */
public record AdminServices(
    SimInventory sims, CertificateCatalog certs, AuditTrail audit, OperatorRegistry operators) {

  public static AdminServices create(
      Stores stores, Supplier<LoadedHierarchy> hierarchy, Clock clock) {
    return create(stores, hierarchy, clock, java.util.Optional.empty());
  }

  /** As above, with the node's signed audit checkpoints for {@code audit verify}. */
  public static AdminServices create(
      Stores stores,
      Supplier<LoadedHierarchy> hierarchy,
      Clock clock,
      java.util.Optional<io.simca.ca.audit.AuditCheckpoints> checkpoints) {
    return new AdminServices(
        new SimInventory(stores),
        new CertificateCatalog(stores),
        new AuditTrail(stores.audit(), checkpoints),
        new OperatorRegistry(stores, hierarchy, clock));
  }
}
