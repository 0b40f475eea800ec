package io.simca.ca.server;

import io.simca.ca.server.coap.CoapListener;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started server: its bound ports, its context, and an orderly stop (drain, then close the
 * store).
 */
public final class RunningServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);

  private final CaServices services;
  private final HttpVerticle.Ports ports;
  private final CoapListener coap;
  private volatile boolean closed;

  /**
   * @param coap the EST-coaps listener, or null when {@code server.coap.enabled} is false
   */
  RunningServer(CaServices services, HttpVerticle.Ports ports, CoapListener coap) {
    this.services = services;
    this.ports = ports;
    this.coap = coap;
  }

  public int estPort() {
    return ports.est();
  }

  public int httpPort() {
    return ports.http();
  }

  public int adminPort() {
    return ports.admin();
  }

  /** The EST-coaps UDP port; empty when the listener is off. */
  public OptionalInt coapPort() {
    return coap == null ? OptionalInt.empty() : OptionalInt.of(coap.port());
  }

  public ServerContext context() {
    return services.ctx();
  }

  public CaServices services() {
    return services;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ServerContext ctx = services.ctx();
    Duration grace = ctx.config().server().shutdownGrace();
    if (coap != null) {
      coap.close(); // drains its enrolments while the blocking executor still runs
    }
    try {
      ctx.vertx().close().await(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("listeners did not stop cleanly: {}", e.toString());
    }
    services.stop();
    ctx.stores().close();
    LOG.info("simca stopped");
  }
}
