package io.simca.attester.http;

import io.simca.attester.AttesterMetrics;
import io.simca.attester.AttesterSettings;
import io.simca.attester.session.SessionTable;
import io.simca.est.attest.AttestationMinter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;

/** The token endpoint's routes: {@code POST /attest}, {@code GET /health}, {@code GET /metrics}. */
public final class AttestRoutes {

  /** A PEM CSR with a 4096-bit RSA key is ~1.7 KiB; nothing legitimate comes near this. */
  static final int BODY_LIMIT = 16 * 1024;

  private AttestRoutes() {}

  public static Router router(
      Vertx vertx,
      AttesterSettings settings,
      SessionTable sessions,
      AttestationMinter minter,
      AttesterMetrics metrics,
      Clock clock) {
    Router r = Router.router(vertx);
    r.post("/attest")
        .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
        .handler(
            new AttestHandler(
                vertx,
                sessions,
                settings.sims(),
                minter,
                settings.tokenTtl(),
                new SessionRateLimiter(settings.rateBurst(), settings.ratePerMinute(), clock),
                metrics));
    // RFC 9110 §15.5.6: a 405 names the methods the resource has.
    r.route("/attest")
        .handler(
            rc ->
                rc.response()
                    .setStatusCode(405)
                    .putHeader("Allow", "POST")
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("use POST with the device's public key or CSR\n"));
    r.get("/health")
        .handler(
            rc ->
                rc.response()
                    .putHeader("Content-Type", "application/json")
                    .end(
                        new JsonObject()
                            .put("status", "ok")
                            .put("kid", settings.kid())
                            .put("sessions", sessions.size())
                            .encode()));
    r.get("/metrics")
        .handler(
            rc ->
                rc.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape()));
    r.errorHandler(
        413,
        rc ->
            rc.response()
                .setStatusCode(413)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end("request body over " + BODY_LIMIT + " bytes\n"));
    return r;
  }
}
