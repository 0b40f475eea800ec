package io.simca.attester.http;

import io.simca.attester.AttesterMetrics;
import io.simca.attester.inventory.SimDirectory;
import io.simca.attester.inventory.SimLookup;
import io.simca.attester.session.Session;
import io.simca.attester.session.SessionTable;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.attest.JwkThumbprint;
import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;
import io.simca.est.id.Imsi;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /attest}: the caller's source address names its session (the packet core assigned it
 * and reported it over RADIUS), the session names the SIM, the inventory names its ICCID, and the
 * token binds all of it to the key in the body ({@code cnf.jkt}). Nothing the caller says about
 * itself is believed: no header, no claimed identity, only the address the network routes to it.
 */
final class AttestHandler implements Handler<RoutingContext> {

  private static final Logger AUDIT = LoggerFactory.getLogger("io.simca.attester.audit");
  private static final Logger LOG = LoggerFactory.getLogger(AttestHandler.class);

  private final Vertx vertx;
  private final SessionTable sessions;
  private final SimDirectory sims;
  private final AttestationMinter minter;
  private final Duration tokenTtl;
  private final SessionRateLimiter limiter;
  private final AttesterMetrics metrics;

  AttestHandler(
      Vertx vertx,
      SessionTable sessions,
      SimDirectory sims,
      AttestationMinter minter,
      Duration tokenTtl,
      SessionRateLimiter limiter,
      AttesterMetrics metrics) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.sims = sims;
    this.minter = minter;
    this.tokenTtl = tokenTtl;
    this.limiter = limiter;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext rc) {
    String caller = rc.request().remoteAddress().hostAddress();
    Optional<Session> found = lookup(caller);
    if (found.isEmpty()) {
      refuse(rc, 403, "no_session", "no live session for " + caller + " on this APN");
      return;
    }
    Session session = found.get();
    PublicKey key;
    try {
      key =
          DeviceKeys.read(rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes());
    } catch (IllegalArgumentException e) {
      refuse(rc, 400, "bad_key", e.getMessage());
      return;
    }
    Optional<Duration> wait =
        limiter.acquire(session.nas().getHostAddress() + '/' + session.sessionId());
    if (wait.isPresent()) {
      rc.response().putHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
      refuse(rc, 429, "rate_limited", "too many tokens for this session; retry later");
      return;
    }
    Future.fromCompletionStage(sims.byImsi(session.imsi()), vertx.getOrCreateContext())
        .onComplete(
            ar -> {
              try {
                decide(
                    rc,
                    session,
                    key,
                    caller,
                    ar.succeeded() ? ar.result() : unavailable(ar.cause()));
              } catch (RuntimeException e) {
                // A bug must still answer: the device retries, the log says what broke.
                LOG.error("POST /attest from {} failed", caller, e);
                refuse(rc, 500, "internal_error", "internal error; retry later");
              }
            });
  }

  private void decide(
      RoutingContext rc, Session session, PublicKey key, String caller, SimLookup lookup) {
    switch (lookup) {
      case SimLookup.Unavailable u -> {
        rc.response().putHeader("Retry-After", "5");
        refuse(rc, 503, "inventory_unavailable", "SIM inventory unavailable; retry later");
      }
      case SimLookup.Unknown u -> refuse(rc, 403, "unknown_sim", u.reason());
      case SimLookup.Found f when !f.active() ->
          refuse(rc, 403, "sim_not_active", "the SIM is " + f.status() + " in the inventory");
      case SimLookup.Found f -> mint(rc, session, f, key, caller);
    }
  }

  private static SimLookup unavailable(Throwable cause) {
    return new SimLookup.Unavailable(String.valueOf(cause));
  }

  private void mint(
      RoutingContext rc, Session session, SimLookup.Found sim, PublicKey key, String caller) {
    Iccid iccid;
    Imsi imsi;
    Imei imei;
    try {
      iccid = Iccid.parse(sim.iccid());
      imsi = Imsi.parse(session.imsi());
      imei = Imei.fromImeisv(session.imeisv());
    } catch (IllegalArgumentException e) {
      refuse(
          rc,
          403,
          "bad_identity",
          "the network reported an identity that is not valid: " + e.getMessage());
      return;
    }
    // Signing is a key operation: off the event loop.
    vertx
        .executeBlocking(
            () ->
                minter.mint(
                    iccid,
                    imsi,
                    imei,
                    key,
                    tokenTtl,
                    session.mccmnc(),
                    session.apn(),
                    session.rat()),
            false)
        .onSuccess(
            token -> {
              metrics.tokenIssued();
              AUDIT.info(
                  "attested iccid={} imsi={} imei={} ip={} jkt={} ttl={}s",
                  iccid.value(),
                  imsi.value(),
                  imei.value(),
                  caller,
                  JwkThumbprint.sha256(key),
                  tokenTtl.toSeconds());
              rc.response()
                  .putHeader("Content-Type", "text/plain; charset=us-ascii")
                  .putHeader("Cache-Control", "no-store")
                  .end(token);
            })
        .onFailure(
            e -> {
              rc.response().putHeader("Retry-After", "5");
              refuse(rc, 503, "signing_failed", "token signing failed; retry later");
            });
  }

  private Optional<Session> lookup(String caller) {
    try {
      // A literal from the socket: no name lookup happens.
      return sessions.find(InetAddress.getByName(caller));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private void refuse(RoutingContext rc, int status, String reason, String message) {
    metrics.tokenRefused(reason);
    AUDIT.info(
        "refused ip={} reason={} status={}",
        rc.request().remoteAddress().hostAddress(),
        reason,
        status);
    if (!rc.response().ended()) {
      rc.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end(message + "\n");
    }
  }
}
