package io.simca.attester;

import io.simca.attester.http.AttestRoutes;
import io.simca.attester.radius.AccountingListener;
import io.simca.attester.session.SessionJournal;
import io.simca.attester.session.SessionTable;
import io.simca.est.attest.AttestationMinter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code simca attester serve}: the session journal, the RADIUS accounting listener that feeds it
 * and the token endpoint that reads it, started together and stopped together.
 */
public final class AttesterService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AttesterService.class);
  private static final long EXPIRE_EVERY_MS = 30_000;

  private final Vertx vertx;
  private final SessionJournal journal;
  private final AccountingListener radius;
  private final HttpServer http;
  private final int radiusPort;

  private AttesterService(
      Vertx vertx,
      SessionJournal journal,
      AccountingListener radius,
      HttpServer http,
      int radiusPort) {
    this.vertx = vertx;
    this.journal = journal;
    this.radius = radius;
    this.http = http;
    this.radiusPort = radiusPort;
  }

  /**
   * Starts everything or nothing.
   *
   * @throws IllegalStateException with one line saying why it could not start
   */
  public static AttesterService start(AttesterSettings settings) throws InterruptedException {
    Clock clock = Clock.systemUTC();
    AttesterMetrics metrics = new AttesterMetrics();
    SessionJournal journal = new SessionJournal(settings.sessionsFile());
    SessionTable sessions = new SessionTable(journal, settings.sessionMaxIdle(), clock);
    metrics.watch(sessions);
    Vertx vertx = Vertx.vertx();
    AccountingListener radius = null;
    try {
      radius =
          AccountingListener.start(settings.radius(), settings.radiusSecret(), sessions, metrics);
      AttestationMinter minter =
          new AttestationMinter(settings.kid(), settings.issuer(), settings.signingKey(), clock);
      HttpServerOptions options =
          new HttpServerOptions()
              .setHost(settings.http().getHostString())
              .setPort(settings.http().getPort())
              .setIdleTimeout(60)
              .setMaxHeaderSize(8192);
      settings
          .tls()
          .ifPresent(
              tls ->
                  options
                      .setSsl(true)
                      .setKeyCertOptions(
                          new PemKeyCertOptions()
                              .setCertPath(tls.certificateChain().toString())
                              .setKeyPath(tls.privateKey().toString())));
      HttpServer http =
          vertx
              .createHttpServer(options)
              .requestHandler(
                  AttestRoutes.router(vertx, settings, sessions, minter, metrics, clock))
              .listen()
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      vertx.setPeriodic(EXPIRE_EVERY_MS, id -> vertx.executeBlocking(sessions::expire, false));
      LOG.info(
          "attester {} up: RADIUS accounting on udp/{}:{}, tokens on {}://{}:{} ({} live sessions)",
          settings.kid(),
          settings.radius().getHostString(),
          settings.radius().getPort(),
          settings.tls().isPresent() ? "https" : "http",
          settings.http().getHostString(),
          http.actualPort(),
          sessions.size());
      return new AttesterService(vertx, journal, radius, http, settings.radius().getPort());
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      stopQuietly(radius, vertx, journal);
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(
          "cannot listen for tokens on " + settings.http() + ": " + cause.getMessage());
    } catch (RuntimeException | InterruptedException e) {
      stopQuietly(radius, vertx, journal);
      throw e;
    }
  }

  public int httpPort() {
    return http.actualPort();
  }

  public int radiusPort() {
    return radiusPort;
  }

  @Override
  public void close() throws InterruptedException {
    radius.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("attester stop: {}", e.getMessage());
    }
    journal.close();
  }

  private static void stopQuietly(AccountingListener radius, Vertx vertx, SessionJournal journal) {
    try {
      if (radius != null) {
        radius.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    vertx.close();
    journal.close();
  }
}
