package io.simca.ca.server;

import io.simca.ca.config.BulkheadsConfig;
import io.simca.ca.crypto.SigningUnavailableException;
import io.simca.ca.error.CaException;
import io.simca.ca.metrics.SimcaMetrics;
import io.simca.ca.store.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs JDBC and key operations off the event loop, unordered so requests do not queue behind each
 * other, translating a lost store or HSM into a retryable 503.
 *
 * <p>A bulkhead ({@link #bounded}) has worker threads of its own and admits at most threads + queue
 * requests; one more is refused at once with 503 + Retry-After, so a flood of one kind of work
 * (imports, enrolments against a slow store) holds its own threads and nobody else's. The unbounded
 * form runs on Vert.x's shared worker pool, for background duties.
 */
public final class Blocking {

  private static final Logger LOG = LoggerFactory.getLogger(Blocking.class);
  private static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(5);
  private static final Duration KEY_RETRY_AFTER = Duration.ofSeconds(30);
  private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);
  private static final long BUSY_LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

  private final Vertx vertx;
  private final String name;
  private final WorkerExecutor executor; // null: Vert.x's shared worker pool, unbounded
  private final int capacity;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Runnable onRejected;
  private volatile long lastBusyLog;

  private Blocking(
      Vertx vertx, String name, WorkerExecutor executor, int capacity, Runnable onRejected) {
    this.vertx = vertx;
    this.name = name;
    this.executor = executor;
    this.capacity = capacity;
    this.onRejected = onRejected;
  }

  /** Vert.x's shared worker pool, no admission limit: background duties. */
  public Blocking(Vertx vertx) {
    this(vertx, "background", null, Integer.MAX_VALUE, () -> {});
  }

  /** A bulkhead named {@code name} with its own threads and queue. */
  public static Blocking bounded(
      Vertx vertx, String name, BulkheadsConfig.Pool pool, SimcaMetrics metrics) {
    Blocking[] self = new Blocking[1];
    Runnable rejected = metrics.bindBulkhead(name, () -> self[0].inFlight.get());
    self[0] =
        new Blocking(
            vertx,
            name,
            vertx.createSharedWorkerExecutor("simca-" + name, pool.threads(), 60, TimeUnit.SECONDS),
            pool.threads() + pool.queue(),
            rejected);
    return self[0];
  }

  public <T> Future<T> run(Callable<T> work) {
    if (inFlight.incrementAndGet() > capacity) {
      inFlight.decrementAndGet();
      onRejected.run();
      logBusy();
      // Overload: a metric and a rate-limited log line, no audit row (it would add load).
      return Future.failedFuture(
          CaException.unavailable(
              CaException.BUSY, name + " workers are busy, retry later", BUSY_RETRY_AFTER));
    }
    Callable<T> guarded =
        () -> {
          try {
            return work.call();
          } catch (StoreUnavailableException e) {
            throw CaException.unavailable(
                "certificate store unavailable, retry later", STORE_RETRY_AFTER);
          } catch (SigningUnavailableException e) {
            throw CaException.unavailable(
                "signing_key_unavailable", "signing key unavailable, retry later", KEY_RETRY_AFTER);
          }
        };
    Future<T> f =
        executor == null
            ? vertx.executeBlocking(guarded, false)
            : executor.executeBlocking(guarded, false);
    return f.onComplete(ar -> inFlight.decrementAndGet());
  }

  private void logBusy() {
    long now = System.nanoTime();
    if (now - lastBusyLog > BUSY_LOG_EVERY_NANOS) {
      lastBusyLog = now;
      LOG.warn("{} pool full ({} in flight): answering 503 + Retry-After", name, capacity);
    }
  }
}
