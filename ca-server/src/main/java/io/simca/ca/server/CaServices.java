package io.simca.ca.server;

/**
 * The long-lived domain services the routes call (issuance, revocation, OCSP, CRL, admin),
 * created once per process by {@link SimcaServer} and shared by every verticle instance.
 */
public record CaServices(ServerContext ctx) {

  /** Starts background duties (schedules, listeners). Called once, after the listeners are up. */
  void start() {
  }

  /** Stops background duties before the store closes. */
  void stop() {
  }
}
