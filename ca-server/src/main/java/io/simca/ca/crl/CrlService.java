package io.simca.ca.crl;

import io.simca.ca.config.CrlConfig;
import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.metrics.SimcaMetrics;
import io.simca.ca.pki.DeviceProfileSettings;
import io.simca.ca.store.CrlRow;
import io.simca.ca.store.Stores;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a full CRL per issuing CA generation (DESIGN.md "Revocation"): on a schedule ({@code
 * crl.interval}), within {@code crl.debounce} after a revocation (a burst of revocations yields one
 * CRL), and on operator request. The latest DER of each CA is kept in memory for the {@code /crl}
 * route and stored in the {@code crl} table (the newest number wins across nodes). Generation is
 * blocking and runs on this service's own thread or the caller's worker.
 */
public final class CrlService {

  private static final Logger LOG = LoggerFactory.getLogger(CrlService.class);

  private final Supplier<LoadedHierarchy> hierarchy;
  private final Stores stores;
  private final CrlConfig config;
  private final URI publicUrl;
  private final Clock clock;
  private final CrlGenerator generator = new CrlGenerator(CryptoProviders.get());
  private final ConcurrentHashMap<String, PublishedCrl> current = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService scheduler;

  private final SimcaMetrics metrics;

  public CrlService(
      Supplier<LoadedHierarchy> hierarchy,
      Stores stores,
      CrlConfig config,
      String publicUrl,
      Clock clock,
      SimcaMetrics metrics) {
    this.metrics = metrics;
    this.hierarchy = hierarchy;
    this.stores = stores;
    this.config = config;
    this.publicUrl = URI.create(publicUrl);
    this.clock = clock;
  }

  /** The CRL distribution point URL the certificates of {@code ca} carry. */
  public URI distributionPoint(IssuingCa ca) {
    return DeviceProfileSettings.defaults(publicUrl, ca.publicName()).crlUrl();
  }

  /** The CRL this node serves for a CA generation. */
  public Optional<PublishedCrl> current(String caId) {
    return Optional.ofNullable(current.get(caId));
  }

  /**
   * Blocking: loads each CA's stored CRL if still fresh, else publishes one; then starts the
   * schedule. A fresh stored CRL that predates a revocation (made while no node was running, or
   * straight in the store) is served at once and regenerated in the background.
   */
  public void start() {
    Instant now = clock.instant();
    List<String> stale = new ArrayList<>();
    for (IssuingCa ca : hierarchy.get().all()) {
      Optional<CrlRow> stored =
          stores
              .crls()
              .latest(ca.keyId())
              .filter(
                  r ->
                      r.thisUpdate().isAfter(now.minus(config.interval()))
                          && r.nextUpdate().isAfter(now));
      if (stored.isPresent()) {
        current.put(ca.keyId(), published(stored.get()));
        // thisUpdate has second precision (RFC 5280 §5.1.2.4): compare from the start of that
        // second.
        if (stores
            .certs()
            .revokedSince(ca.keyId(), stored.get().thisUpdate().truncatedTo(ChronoUnit.SECONDS))) {
          stale.add(ca.keyId());
        }
      } else {
        publishNow(ca);
      }
    }
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "simca-crl");
              t.setDaemon(true);
              return t;
            });
    long every = config.interval().toMillis();
    s.scheduleWithFixedDelay(this::publishAllQuietly, every, every, TimeUnit.MILLISECONDS);
    scheduler = s;
    stale.forEach(this::scheduleRefresh);
  }

  public void stop() {
    ScheduledExecutorService s = scheduler;
    if (s != null) {
      s.shutdownNow();
      try {
        s.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Debounced: the CRL of {@code caId} is regenerated {@code crl.debounce} after the first request
   * of a burst.
   */
  public void scheduleRefresh(String caId) {
    ScheduledExecutorService s = scheduler;
    if (s == null || s.isShutdown()) {
      return; // not started (or stopping): the next start publishes a fresh CRL anyway
    }
    pending.computeIfAbsent(
        caId,
        id ->
            s.schedule(
                () -> {
                  pending.remove(id);
                  hierarchy
                      .get()
                      .byKeyId(id)
                      .ifPresent(
                          ca -> {
                            try {
                              publishNow(ca);
                            } catch (RuntimeException e) {
                              LOG.warn("CRL of {} not regenerated: {}", ca.label(), e.toString());
                            }
                          });
                },
                config.debounce().toMillis(),
                TimeUnit.MILLISECONDS));
  }

  /** Blocking: generates, signs, stores and serves a new CRL for one CA generation now. */
  public PublishedCrl publishNow(IssuingCa ca) {
    synchronized (locks.computeIfAbsent(ca.keyId(), k -> new Object())) {
      long t0 = System.nanoTime();
      Instant now = clock.instant();
      long number = stores.crls().nextCrlNumber(ca.keyId());
      CrlGenerator.Generated crl =
          generator.generate(
              ca,
              distributionPoint(ca),
              number,
              now,
              now.plus(config.validity()),
              sink -> stores.certs().forEachRevoked(ca.keyId(), now, sink));
      CrlRow row =
          new CrlRow(
              ca.keyId(), number, crl.der(), now, now.plus(config.validity()), crl.entries());
      PublishedCrl published =
          stores.crls().save(row)
              ? published(row)
              : stores
                  .crls()
                  .latest(ca.keyId())
                  .map(CrlService::published)
                  .orElse(published(row)); // a newer one won
      current.merge(ca.keyId(), published, (a, b) -> b.crlNumber() >= a.crlNumber() ? b : a);
      metrics.crlGenerated(ca.active() ? ca.label() : ca.label() + "-g" + ca.generation(), now);
      LOG.info(
          "CRL {} of {} gen {}: {} entries, {} bytes, {} ms",
          number,
          ca.label(),
          ca.generation(),
          crl.entries(),
          crl.der().length,
          (System.nanoTime() - t0) / 1_000_000);
      return current.get(ca.keyId());
    }
  }

  private void publishAllQuietly() {
    for (IssuingCa ca : hierarchy.get().all()) {
      try {
        publishNow(ca);
      } catch (RuntimeException e) {
        LOG.warn("scheduled CRL of {} failed: {}", ca.label(), e.toString());
      }
    }
  }

  private static PublishedCrl published(CrlRow row) {
    return new PublishedCrl(
        row.caId(),
        row.crlNumber(),
        row.crlDer(),
        PublishedCrl.etagOf(row.crlDer()),
        row.thisUpdate(),
        row.nextUpdate(),
        row.entries());
  }
}
