package io.simca.ca.ocsp;

import io.simca.ca.store.OcspCertStatus;
import io.simca.ca.store.OcspResponseRow;
import io.simca.ca.store.OcspResponseStore;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps this node's cache in step with responses other nodes (or any writer) commit: polls {@link
 * OcspResponseStore#changedSince} a few times a second, so a revocation anywhere is answered here
 * within a second (DESIGN.md "Revocation"). Works the same on H2 and PostgreSQL.
 *
 * <p>{@code updated_at} is stamped by each writer's clock before its commit, so every poll re-reads
 * {@link #OVERLAP} back from the previous poll's start; rows already applied (same serial and
 * updated_at) are skipped. Not thread-safe: one scheduler thread calls {@link #poll}.
 */
public final class OcspChangeFollower {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(OcspChangeFollower.class);

  /** Clock skew between writers plus commit latency that a poll tolerates. */
  static final Duration OVERLAP = Duration.ofSeconds(2);

  private final OcspResponseStore store;
  private final OcspCache cache;
  private final Clock clock;
  private final Consumer<OcspResponseRow> onNewRevocation;
  private final Map<BigInteger, Instant> applied = new HashMap<>();
  private Instant lastPollStart;

  /**
   * @param onNewRevocation called for a row that turns a cached non-revoked status into revoked
   *     (the CRL of its CA is then due)
   */
  public OcspChangeFollower(
      OcspResponseStore store,
      OcspCache cache,
      Clock clock,
      Consumer<OcspResponseRow> onNewRevocation) {
    this.store = store;
    this.cache = cache;
    this.clock = clock;
    this.onNewRevocation = onNewRevocation;
  }

  /**
   * Loads every current response (node start); changes from {@code start} on are followed by {@link
   * #poll}.
   */
  public int loadAll() {
    lastPollStart = clock.instant();
    int[] n = {0};
    store.forEachCurrent(
        row -> {
          if (apply(row)) {
            n[0]++;
          }
        });
    return n[0];
  }

  /** One poll; returns the number of rows applied. */
  public int poll() {
    Instant start = clock.instant();
    Instant since = (lastPollStart == null ? start : lastPollStart).minus(OVERLAP);
    int count = 0;
    for (OcspResponseRow row : store.changedSince(since)) {
      Instant seen = applied.get(row.serial());
      if (seen != null && seen.equals(row.updatedAt())) {
        continue;
      }
      applied.put(row.serial(), row.updatedAt());
      boolean newlyRevoked =
          row.certStatus() == OcspCertStatus.REVOKED && !cachedRevoked(row.serial());
      if (apply(row)) {
        count++;
        if (newlyRevoked) {
          onNewRevocation.accept(row);
        }
      }
    }
    applied.values().removeIf(t -> t != null && t.isBefore(since));
    lastPollStart = start;
    return count;
  }

  /** One unreadable row must not stop the others from being followed. */
  private boolean apply(OcspResponseRow row) {
    try {
      cache.put(row);
      return true;
    } catch (RuntimeException e) {
      LOG.warn(
          "skipping unreadable OCSP response of serial {}: {}",
          row.serial().toString(16),
          e.getMessage());
      return false;
    }
  }

  private boolean cachedRevoked(BigInteger serial) {
    Optional<PresignedResponse> hit = cache.get(serial);
    return hit.isPresent() && hit.get().state() instanceof OcspResponseSigner.Revoked;
  }
}
