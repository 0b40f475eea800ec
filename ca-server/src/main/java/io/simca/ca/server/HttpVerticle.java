package io.simca.ca.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One instance per core: binds the three listeners. Vert.x spreads connections to the same
 * host:port across instances, so every core runs TLS and routing without shared locks.
 */
final class HttpVerticle extends VerticleBase {

  private final CaServices services;
  private final Ports ports;
  private final Duration grace;
  private List<HttpServer> servers = List.of();

  /** The ports to bind; 0 = ephemeral (only for the first instance; the rest reuse what it got). */
  record Ports(int est, int http, int admin) {}

  HttpVerticle(CaServices services, Ports ports, Duration grace) {
    this.services = services;
    this.ports = ports;
    this.grace = grace;
  }

  @Override
  public Future<?> start() {
    ServerContext ctx = services.ctx();
    var cfg = ctx.config().server();
    HttpServerOptions base =
        new HttpServerOptions()
            .setTcpNoDelay(
                true) // one TLS record per response, no Nagle stall (libest's 44 ms lesson)
            .setCompressionSupported(false)
            .setIdleTimeout((int) cfg.idleTimeout().toSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            .setMaxHeaderSize(cfg.maxHeaderBytes());
    boolean nativeTls = cfg.nativeTls();
    HttpServer est =
        guarded(
            "est",
            TlsOptions.est(base, ctx.dataDir(), nativeTls)
                .setHost(cfg.est().host())
                .setPort(ports.est()),
            Routers.est(vertx, services));
    // HTTP/1.1 only, as relying parties speak it (RFC 6960 A.1, RFC 5019 §5): Vert.x would accept
    // an h2c upgrade here by default, and its HTTP/2 response sends a body even to HEAD.
    HttpServer http =
        guarded(
            "http",
            new HttpServerOptions(base)
                .setHttp2ClearTextEnabled(false)
                .setHost(cfg.http().host())
                .setPort(ports.http()),
            Routers.http(vertx, services));
    HttpServer admin =
        guarded(
            "admin",
            TlsOptions.admin(base, ctx.dataDir(), ctx.hierarchy(), nativeTls)
                .setHost(cfg.admin().host())
                .setPort(ports.admin()),
            Routers.admin(vertx, services));
    servers = List.of(est, http, admin);
    return Future.all(est.listen(), http.listen(), admin.listen());
  }

  private HttpServer guarded(
      String listener, HttpServerOptions options, Handler<HttpServerRequest> handler) {
    var cfg = services.ctx().config().server();
    return SlowClientGuard.install(
        vertx,
        options,
        listener,
        cfg.maxConnections(),
        cfg.requestHeadTimeout(),
        cfg.maxHeaderCount(),
        handler);
  }

  @Override
  public Future<?> stop() {
    // Graceful: stop accepting, let requests in flight finish within the grace period.
    return Future.join(
        servers.stream()
            .map(s -> (Future<?>) s.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS))
            .toList());
  }

  Ports boundPorts() {
    return new Ports(
        servers.get(0).actualPort(), servers.get(1).actualPort(), servers.get(2).actualPort());
  }
}
