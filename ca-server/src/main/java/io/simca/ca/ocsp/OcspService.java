package io.simca.ca.ocsp;

import io.simca.ca.config.OcspConfig;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyService;
import io.simca.ca.hierarchy.KeyVault;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.store.OcspResponseRow;
import io.simca.ca.store.Stores;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's OCSP side: the cache and responder the HTTP routes use, and the background duties that
 * keep them right (start-up load, change polling, refresh before nextUpdate, responder certificate
 * renewal). Each duty runs on its own scheduler thread, never on an event loop.
 */
public final class OcspService {

  private static final Logger LOG = LoggerFactory.getLogger(OcspService.class);

  /** How often other nodes' writes are polled; keeps propagation well under a second. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  static final Duration RENEWAL_INTERVAL = Duration.ofDays(1);

  private final Stores stores;
  private final OcspConfig config;
  private final OcspCache cache = new OcspCache();
  private final OcspResponder responder;
  private final OcspRefresher refresher;
  private final OcspChangeFollower follower;
  private final ResponderRenewal renewal;
  private final RootOcspResponses rootResponses;
  private ScheduledExecutorService followScheduler;
  private ScheduledExecutorService refreshScheduler;

  /**
   * @param onNewRevocation told when polling finds a revocation committed elsewhere (CRL refresh)
   */
  public OcspService(
      AtomicReference<LoadedHierarchy> hierarchyRef,
      DataDir dataDir,
      KeyVault keys,
      Stores stores,
      OcspPresigner presigner,
      OcspConfig config,
      Duration responderRenewBefore,
      Clock clock,
      Consumer<OcspResponseRow> onNewRevocation) {
    this.stores = stores;
    this.config = config;
    this.rootResponses =
        new RootOcspResponses(dataDir.rootOcspDir(), hierarchyRef.get().root(), presigner.signer());
    this.responder =
        new OcspResponder(
            hierarchyRef::get,
            cache,
            stores.ocsp(),
            presigner.signer(),
            config,
            clock,
            rootResponses);
    this.refresher =
        new OcspRefresher(
            hierarchyRef::get, stores, presigner, cache, config.refreshInterval(), clock);
    this.follower = new OcspChangeFollower(stores.ocsp(), cache, clock, onNewRevocation);
    this.renewal =
        new ResponderRenewal(
            dataDir, hierarchyRef, new HierarchyService(clock, keys), responderRenewBefore);
  }

  public OcspCache cache() {
    return cache;
  }

  /** The root's pre-signed answers about the issuing CAs (health reports their expiry). */
  public RootOcspResponses rootResponses() {
    return rootResponses;
  }

  public OcspResponder responder() {
    return responder;
  }

  public OcspRefresher refresher() {
    return refresher;
  }

  /** What issuance calls after committing a certificate and its first response. */
  public Consumer<OcspResponseRow> cacheHook() {
    return cache::put;
  }

  /** Blocking: loads every stored response, renews due responders, then starts the schedules. */
  public synchronized void start() {
    long t0 = System.nanoTime();
    int loaded = follower.loadAll();
    LOG.info(
        "OCSP cache loaded {} responses in {} ms", loaded, (System.nanoTime() - t0) / 1_000_000);
    renewResponders();
    followScheduler = Executors.newSingleThreadScheduledExecutor(daemon("simca-ocsp-follow"));
    followScheduler.scheduleWithFixedDelay(
        guard("root OCSP reload", rootResponses::reloadIfChanged), 10, 10, TimeUnit.SECONDS);
    followScheduler.scheduleWithFixedDelay(
        guard("poll", follower::poll),
        POLL_INTERVAL.toMillis(),
        POLL_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    refreshScheduler = Executors.newSingleThreadScheduledExecutor(daemon("simca-ocsp-refresh"));
    // A quarter of the refresh interval: every response is re-signed between 1 and 1.25 intervals
    // old.
    long every = Math.max(1_000, config.refreshInterval().toMillis() / 4);
    refreshScheduler.scheduleWithFixedDelay(
        guard("refresh", refresher::refreshDue), 0, every, TimeUnit.MILLISECONDS);
    refreshScheduler.scheduleWithFixedDelay(
        guard("responder renewal", this::renewResponders),
        RENEWAL_INTERVAL.toMillis(),
        RENEWAL_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  public synchronized void stop() {
    for (ScheduledExecutorService s :
        new ScheduledExecutorService[] {followScheduler, refreshScheduler}) {
      if (s != null) {
        s.shutdownNow();
        try {
          s.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Renews due responder certificates and re-signs the responses of the CAs concerned. */
  public void renewResponders() {
    for (String caId : renewal.renewDue()) {
      resignCa(caId);
    }
  }

  /** Re-signs every stored response of one CA (new responder certificate). */
  public int resignCa(String caId) {
    List<BigInteger> serials = new ArrayList<>();
    stores
        .ocsp()
        .forEachCurrent(
            row -> {
              if (row.caId().equals(caId)) {
                serials.add(row.serial());
              }
            });
    int done = 0;
    for (int i = 0; i < serials.size(); i += OcspRefresher.BATCH) {
      done +=
          refresher.resign(serials.subList(i, Math.min(serials.size(), i + OcspRefresher.BATCH)));
    }
    LOG.info("re-signed {} OCSP responses of CA {}", done, caId);
    return done;
  }

  private static Runnable guard(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("OCSP {} failed: {}", what, e.toString());
      }
    };
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
