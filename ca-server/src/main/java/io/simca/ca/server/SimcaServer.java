package io.simca.ca.server;

import io.simca.ca.config.SimcaConfig;
import io.simca.ca.config.StoreConfig;
import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.KeyVault;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.metrics.SimcaMetrics;
import io.simca.ca.rootca.RootRevocationPublisher;
import io.simca.ca.server.coap.CoapListener;
import io.simca.ca.store.StoreSettings;
import io.simca.ca.store.Stores;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires and starts a node: crypto provider, store (migrated), hierarchy, services, then the
 * listeners. Thin on purpose (parse config, wire, run); the work lives in the services.
 */
public final class SimcaServer {

  private static final Logger LOG = LoggerFactory.getLogger(SimcaServer.class);

  private SimcaServer() {}

  /** Starts a node on an initialised data dir and blocks until every listener is bound. */
  public static RunningServer start(SimcaConfig config, DataDir dataDir) throws Exception {
    return start(config, dataDir, storeSettings(config.store(), dataDir));
  }

  /**
   * As {@link #start(SimcaConfig, DataDir)} with explicit store settings (tests: a fresh PostgreSQL
   * schema).
   */
  public static RunningServer start(
      SimcaConfig config, DataDir dataDir, StoreSettings storeSettings) throws Exception {
    LOG.info("crypto provider: {}", CryptoProviders.get().name());
    new RootRevocationPublisher(CryptoProviders.get(), Clock.systemUTC())
        .refreshIfDue(dataDir)
        .ifPresent(
            p ->
                LOG.info(
                    "root revocation data signed (development root key in {}): {} issuing CA(s),"
                        + " next update {}",
                    dataDir.rootPassFile(),
                    p.issuingCas(),
                    p.nextUpdate()));
    KeyVault keys = KeyVault.of(config.ca().keys());
    LOG.info("CA keys: {}", keys.describe());
    LoadedHierarchy hierarchy = LoadedHierarchy.load(dataDir, keys);
    Stores stores = Stores.open(storeSettings);
    Vertx vertx = null;
    CoapListener coap = null;
    try {
      CaRegistry.register(stores, hierarchy);
      int cores = Runtime.getRuntime().availableProcessors();
      int instances = config.server().instances() == 0 ? cores : config.server().instances();
      vertx =
          Vertx.vertx(
              new VertxOptions()
                  .setEventLoopPoolSize(Math.max(instances, 1))
                  .setWorkerPoolSize(Math.max(16, config.store().poolSize() * 2))
                  .setPreferNativeTransport(true));
      LOG.info(
          "network transport: {}",
          vertx.isNativeTransportEnabled()
              ? "epoll (native)"
              : "NIO (native epoll unavailable: " + vertx.unavailableNativeTransportCause() + ")");
      SimcaMetrics metrics = new SimcaMetrics(Clock.systemUTC());
      metrics.bindStore(stores.db());
      ServerContext ctx =
          new ServerContext(
              config,
              dataDir,
              keys,
              new AtomicReference<>(hierarchy),
              stores,
              vertx,
              new Blocking(vertx),
              Bulkheads.create(vertx, config.server().bulkheads(), metrics),
              Clock.systemUTC(),
              metrics,
              new AtomicBoolean());
      CaServices services = CaServices.create(ctx);
      services.admin().operators().registerFirstAdmin(dataDir);

      // The first instance binds (possibly ephemeral) ports; the others share what it got.
      var cfg = config.server();
      HttpVerticle first =
          new HttpVerticle(
              services,
              new HttpVerticle.Ports(cfg.est().port(), cfg.http().port(), cfg.admin().port()),
              cfg.shutdownGrace());
      vertx.deployVerticle(first).await(60, TimeUnit.SECONDS);
      HttpVerticle.Ports bound = first.boundPorts();
      if (instances > 1) {
        vertx
            .deployVerticle(
                () -> new HttpVerticle(services, bound, cfg.shutdownGrace()),
                new DeploymentOptions().setInstances(instances - 1))
            .await(60, TimeUnit.SECONDS);
      }
      coap = cfg.coap().enabled() ? CoapListener.start(services) : null;
      services.start();
      ctx.ready().set(true);
      LOG.info(
          "simca listening: EST https://{}:{}  OCSP/CRL http://{}:{}  admin https://{}:{}  EST-coaps {} ({} instances)",
          cfg.est().host(),
          bound.est(),
          cfg.http().host(),
          bound.http(),
          cfg.admin().host(),
          bound.admin(),
          coap == null ? "off" : "coaps://" + cfg.coap().host() + ":" + coap.port(),
          instances);
      return new RunningServer(services, bound, coap);
    } catch (Exception e) {
      if (coap != null) {
        coap.close();
      }
      if (vertx != null) {
        vertx.close();
      }
      stores.close();
      throw e;
    }
  }

  public static StoreSettings storeSettings(StoreConfig store, DataDir dataDir) {
    if (store.embedded()) {
      return StoreSettings.h2(dataDir.root())
          .withPoolSize(store.poolSize())
          .withConnectionTimeout(store.connectionTimeout())
          .withH2CompactInterval(store.h2CompactInterval());
    }
    return new StoreSettings(
        store.url(),
        store.user(),
        store.password(),
        store.poolSize(),
        store.connectionTimeout(),
        store.h2CompactInterval());
  }
}
