package io.simca.ca.server;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyProbe;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.rootca.RootRevocationPublisher;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /health}: 200 when the node has finished starting (OCSP responses loaded, CRLs
 * published), the store answers and every issuing CA key is loaded and valid, else 503, so a load
 * balancer sends no traffic to a node that is still loading.
 */
final class HealthHandler {

  private final ServerContext ctx;

  private HealthHandler(ServerContext ctx) {
    this.ctx = ctx;
  }

  static void mount(Router router, ServerContext ctx) {
    router.get("/health").method(HttpMethod.HEAD).handler(new HealthHandler(ctx)::handle);
  }

  /**
   * The root's CRL and OCSP answers about the issuing CAs (signed offline, 90 days): {@code
   * expiring} a third of that before their nextUpdate, so there is time for a root ceremony; once
   * {@code expired}, relying parties that check the whole chain refuse every device. Not part of
   * {@code status}: the node can still enrol and answer for its own certificates.
   */
  static JsonObject rootRevocation(Optional<Instant> nextUpdate, Instant now) {
    if (nextUpdate.isEmpty()) {
      return new JsonObject().put("status", "missing");
    }
    Instant next = nextUpdate.get();
    String status =
        !next.isAfter(now)
            ? "expired"
            : next.isBefore(now.plus(RootRevocationPublisher.VALIDITY.dividedBy(3)))
                ? "expiring"
                : "ok";
    return new JsonObject().put("status", status).put("nextUpdate", next.toString());
  }

  /** What the blocking part of a health check found. */
  private record Probe(
      boolean storeUp, Optional<Instant> rootNextUpdate, Set<String> unusableKeyIds) {}

  /** Active issuing keys that cannot sign now (an HSM that went away); file keys always can. */
  private Set<String> unusableKeys() {
    Set<String> out = new HashSet<>();
    for (IssuingCa ca : ctx.hierarchy().all()) {
      if (ca.active() && !KeyProbe.usable(ca.signingKey(), CryptoProviders.get())) {
        out.add(ca.keyId());
      }
    }
    return out;
  }

  private void handle(RoutingContext rc) {
    ctx.bulkheads()
        .health()
        .run(
            () ->
                new Probe(
                    ctx.stores().db().ping(),
                    RootRevocationPublisher.nextUpdate(ctx.dataDir()),
                    unusableKeys()))
        .onComplete(
            ar -> {
              boolean storeUp = ar.succeeded() && ar.result().storeUp();
              Optional<Instant> rootNext =
                  ar.succeeded() ? ar.result().rootNextUpdate() : Optional.empty();
              Instant now = ctx.clock().instant();
              JsonArray cas = new JsonArray();
              boolean keysOk = !ctx.hierarchy().all().isEmpty();
              for (IssuingCa ca : ctx.hierarchy().all()) {
                boolean valid = ca.cert().getNotAfter().toInstant().isAfter(now);
                boolean usable =
                    ar.succeeded() && !ar.result().unusableKeyIds().contains(ca.keyId());
                keysOk &= valid && usable;
                cas.add(
                    new JsonObject()
                        .put("label", ca.label())
                        .put("keyId", ca.keyId())
                        .put("valid", valid)
                        .put("key", usable ? "up" : "down")
                        .put("notAfter", ca.cert().getNotAfter().toInstant().toString()));
              }
              boolean ready = ctx.ready().get();
              boolean up = storeUp && keysOk && ready;
              JsonObject body =
                  new JsonObject()
                      .put("status", up ? "up" : ready ? "down" : "starting")
                      .put("store", storeUp ? "up" : "down")
                      .put("keys", keysOk ? "up" : "down")
                      .put("issuingCas", cas)
                      .put("rootRevocation", rootRevocation(rootNext, now));
              rc.response()
                  .setStatusCode(up ? 200 : 503)
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Cache-Control", "no-store")
                  .end(body.encode());
            });
  }
}
