package io.simca.ca.server;

import io.simca.ca.admin.AdminServices;
import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.ocsp.OcspPresigner;
import io.simca.ca.ocsp.OcspResponseSigner;

/**
 * The long-lived domain services the routes call (issuance, revocation, OCSP, CRL, admin),
 * created once per process by {@link #create} and shared by every verticle instance.
 */
public record CaServices(
    ServerContext ctx,
    OcspPresigner ocspPresigner,
    AdminServices admin) {

  static CaServices create(ServerContext ctx) {
    OcspPresigner presigner = new OcspPresigner(new OcspResponseSigner(CryptoProviders.get()), ctx.config().ocsp().validity());
    return new CaServices(ctx, presigner, AdminServices.create(ctx.stores()));
  }

  /** Starts background duties (schedules, listeners). Called once, after the listeners are up. */
  void start() {
  }

  /** Stops background duties before the store closes. */
  void stop() {
  }
}
