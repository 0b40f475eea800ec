package io.simca.ca.server;

import io.simca.ca.config.BulkheadsConfig;
import io.simca.ca.metrics.SimcaMetrics;
import io.vertx.core.Vertx;

/**
 * One bounded {@link Blocking} per kind of request work ({@code server.bulkheads}); their threads
 * end with the Vert.x instance.
 */
public record Bulkheads(
    Blocking enrollment, Blocking ocsp, Blocking admin, Blocking imports, Blocking health) {

  static Bulkheads create(Vertx vertx, BulkheadsConfig cfg, SimcaMetrics metrics) {
    return new Bulkheads(
        Blocking.bounded(vertx, "enrollment", cfg.enrollment(), metrics),
        Blocking.bounded(vertx, "ocsp", cfg.ocsp(), metrics),
        Blocking.bounded(vertx, "admin", cfg.admin(), metrics),
        Blocking.bounded(vertx, "imports", cfg.imports(), metrics),
        Blocking.bounded(vertx, "health", cfg.health(), metrics));
  }
}
