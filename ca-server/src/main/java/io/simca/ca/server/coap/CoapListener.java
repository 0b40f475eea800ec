package io.simca.ca.server.coap;

import io.simca.ca.config.CoapListenerConfig;
import io.simca.ca.server.CaServices;
import io.simca.ca.server.ServerContext;
import java.time.Duration;
import java.util.List;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EST-coaps listener (RFC 9148): a Californium CoAP server on one DTLS endpoint, serving {@code
 * /.well-known/est/[<label>/]{crts,sen,sren,att}} over the node's issuance engine, plus {@code
 * /.well-known/core} discovery (RFC 6690) with the {@code ace.est.*} resource types of §4.1.
 */
public final class CoapListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CoapListener.class);

  private final CoapServer server;
  private final CoapEndpoint endpoint;
  private final InFlight inFlight;
  private final Duration grace;
  private boolean closed;

  private CoapListener(
      CoapServer server, CoapEndpoint endpoint, InFlight inFlight, Duration grace) {
    this.server = server;
    this.endpoint = endpoint;
    this.inFlight = inFlight;
    this.grace = grace;
  }

  /** Binds {@code server.coap} and starts serving; blocking (reads the TLS key, binds). */
  public static CoapListener start(CaServices services) {
    ServerContext ctx = services.ctx();
    CoapListenerConfig cfg = ctx.config().server().coap();
    Configuration config = DtlsEndpoints.configuration(cfg);
    CoapEndpoint endpoint = DtlsEndpoints.create(cfg, config, ctx.dataDir());
    endpoint.addInterceptor(
        new OversizeAudit(
            services.issuance(), ctx.bulkheads().enrollment(), cfg.maxBodyBytes(), cfg.maxPeers()));
    InFlight inFlight = new InFlight();
    CoapServer server = new CoapServer(config);
    server.addEndpoint(endpoint);
    Resource wellKnown = server.getRoot().getChild(".well-known");
    wellKnown.add(
        new EstRootResource(
            List.of(
                new CrtsResource(ctx),
                EnrollResource.enroll(
                    ctx, services.issuance(), services.clientCertificates(), inFlight),
                EnrollResource.reenroll(
                    ctx, services.issuance(), services.clientCertificates(), inFlight),
                new AttResource(ctx))));
    try {
      server.start();
    } catch (RuntimeException e) {
      server.destroy();
      throw e;
    }
    return new CoapListener(server, endpoint, inFlight, ctx.config().server().shutdownGrace());
  }

  /** The bound UDP port (the configured one, or the ephemeral one for port 0). */
  public int port() {
    return endpoint.getAddress().getPort();
  }

  /**
   * Turns new enrolments away (5.03 + Max-Age), lets those under way finish for up to {@code
   * server.shutdownGrace}, then stops the endpoint. Call before the blocking executor goes away.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!inFlight.close(grace)) {
        LOG.warn("EST-coaps: enrolments still running after {}; stopping anyway", grace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.destroy();
  }
}
