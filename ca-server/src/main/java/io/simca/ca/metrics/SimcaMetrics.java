package io.simca.ca.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.simca.ca.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The node's Prometheus metrics: enrolments by outcome and reason with latency histograms, OCSP
 * requests by status, CRL age, store pool usage. Meters are cached per tag set so the hot paths do
 * a map lookup and an atomic add, nothing more.
 */
public final class SimcaMetrics {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Timer> enrolTimers = new ConcurrentHashMap<>();
  private final Map<String, Counter> ocspCounters = new ConcurrentHashMap<>();
  private final Map<String, Instant> crlThisUpdate = new ConcurrentHashMap<>();
  private final Clock clock;

  public SimcaMetrics(Clock clock) {
    this.clock = clock;
  }

  /** Pool gauges read from HikariCP at scrape time, and the embedded H2 file's size. */
  public void bindStore(Database db) {
    gauge("simca_store_pool_active", db, d -> d.poolStats().active());
    gauge("simca_store_pool_idle", db, d -> d.poolStats().idle());
    gauge("simca_store_pool_waiting", db, d -> d.poolStats().waiting());
    gauge("simca_store_pool_max", db, d -> d.poolStats().max());
    if (db.h2FileBytes().isPresent()) {
      // The embedded file is compacted while running (H2Compactor); alert if it keeps growing.
      gauge("simca_store_h2_file_bytes", db, d -> d.h2FileBytes().orElse(0));
    }
  }

  /**
   * One enrolment decision: {@code kind} enroll/reenroll, {@code outcome} allow/deny/error, {@code
   * reason} a stable code.
   */
  public void enrolment(String kind, String outcome, String reason, Duration latency) {
    String key = kind + '|' + outcome + '|' + reason;
    enrolTimers
        .computeIfAbsent(
            key,
            k ->
                Timer.builder("simca_enrolments")
                    .description("EST enrolments by kind, outcome and reason")
                    .tags("kind", kind, "outcome", outcome, "reason", reason)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(latency);
  }

  /**
   * One OCSP request answered with {@code status} (good, revoked, unknown, unauthorized, malformed,
   * trylater, notmodified).
   */
  public void ocsp(String status) {
    ocspCounters
        .computeIfAbsent(
            status,
            s ->
                Counter.builder("simca_ocsp_requests")
                    .description("OCSP requests by answered status")
                    .tag("status", s)
                    .register(registry))
        .increment();
  }

  /** A CRL was (re)generated for {@code label}; the age gauge counts from its thisUpdate. */
  public void crlGenerated(String label, Instant thisUpdate) {
    if (crlThisUpdate.put(label, thisUpdate) == null) {
      Gauge.builder(
              "simca_crl_age_seconds",
              crlThisUpdate,
              m ->
                  Duration.between(m.getOrDefault(label, clock.instant()), clock.instant())
                      .toSeconds())
          .description("Seconds since the current CRL's thisUpdate")
          .tag("label", label)
          .register(registry);
    }
  }

  /** A bulkhead's in-flight work and its rejections ({@code simca_bulkhead_*{pool=...}}). */
  public Runnable bindBulkhead(String pool, IntSupplier inFlight) {
    Gauge.builder("simca_bulkhead_in_flight", inFlight::getAsInt)
        .tag("pool", pool)
        .description("requests running or queued in the pool")
        .register(registry);
    Counter rejected =
        Counter.builder("simca_bulkhead_rejected")
            .tag("pool", pool)
            .description("requests answered 503 because the pool and its queue were full")
            .register(registry);
    return rejected::increment;
  }

  /** Prometheus text exposition format 0.0.4. */
  public String scrape() {
    return registry.scrape();
  }

  private <T> void gauge(String name, T obj, ToDoubleFunction<T> f) {
    Gauge.builder(name, obj, f).register(registry);
  }
}
