package io.simca.ca.server.admin;

import io.simca.ca.admin.OperatorRegistry;
import io.simca.ca.error.CaException;
import io.simca.ca.pki.OperatorRole;
import io.simca.ca.server.Blocking;
import io.simca.ca.store.AuditEntry;
import io.simca.ca.store.AuditLog;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.OperatorRow;
import io.simca.ca.store.OperatorStatus;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits an operator certificate only while its stored credential is live: known, not revoked, not
 * expired, same role. What the store said is reused for at most {@link #MAX_STALENESS}, so a
 * credential revoked on any node is refused on every node within about a second, at one store read
 * per operator per second. A revocation made on this node takes effect here at once ({@link
 * #forget}). The store unreachable means refused (503), never admitted.
 *
 * <p>One per process, shared by every verticle instance.
 */
public final class OperatorGate {

  /** How long a store answer is reused (issue 19: "cached for at most ~1 s"). */
  public static final Duration MAX_STALENESS = Duration.ofSeconds(1);

  /** Entries kept before the cache is cleared (only certificates that passed TLS get here). */
  private static final int MAX_ENTRIES = 10_000;

  private record Seen(Optional<OperatorRow> row, long atNanos) {}

  private final OperatorRegistry registry;
  private final AuditLog audit;
  private final Blocking blocking;
  private final Clock clock;
  private final ConcurrentHashMap<BigInteger, Seen> seen = new ConcurrentHashMap<>();

  public OperatorGate(OperatorRegistry registry, AuditLog audit, Blocking blocking, Clock clock) {
    this.registry = registry;
    this.audit = audit;
    this.blocking = blocking;
    this.clock = clock;
  }

  /** The stored credential of {@code serial} if it may act as {@code role}, else a 403 (or 503). */
  public Future<OperatorRow> admit(BigInteger serial, OperatorRole role, String clientAddr) {
    Seen s = seen.get(serial);
    if (s != null && System.nanoTime() - s.atNanos() < MAX_STALENESS.toNanos()) {
      return refusal(s.row(), role)
          .<Future<OperatorRow>>map(Future::failedFuture)
          .orElseGet(() -> Future.succeededFuture(s.row().orElseThrow()));
    }
    return blocking.run(
        () -> {
          Optional<OperatorRow> row = registry.bySerial(serial);
          if (seen.size() >= MAX_ENTRIES) {
            seen.clear();
          }
          seen.put(serial, new Seen(row, System.nanoTime()));
          Optional<CaException> refusal = refusal(row, role);
          if (refusal.isPresent()) {
            // At most once per serial per MAX_STALENESS on this node: a leaked, revoked
            // credential cannot flood the trail.
            audit.append(
                AuditEntry.builder(
                        "admin_auth", "operator-serial:" + serial.toString(16), AuditOutcome.DENY)
                    .reason(refusal.get().reason())
                    .serial(serial)
                    .clientAddr(clientAddr)
                    .detail(refusal.get().detail())
                    .build());
            throw refusal.get();
          }
          return row.orElseThrow();
        });
  }

  /** Drops what this node knew about {@code serials} (after revoking them here). */
  public void forget(Collection<BigInteger> serials) {
    serials.forEach(seen::remove);
  }

  /** Why {@code row} may not act as {@code role} now; empty when it may. */
  private Optional<CaException> refusal(Optional<OperatorRow> row, OperatorRole role) {
    if (row.isEmpty()) {
      return refuse(
          "operator_unknown",
          "operator certificate is not a registered credential (issue one with simca operator"
              + " issue)");
    }
    OperatorRow r = row.get();
    if (r.status() == OperatorStatus.REVOKED) {
      return refuse("operator_revoked", "operator credential " + r.name() + " is revoked");
    }
    if (!r.usableAt(clock.instant())) {
      return refuse(
          "operator_expired", "operator credential " + r.name() + " is expired or not yet valid");
    }
    if (!r.role().equals(role.id())) {
      return refuse(
          "operator_role_mismatch", "operator certificate role differs from its stored credential");
    }
    return Optional.empty();
  }

  private static Optional<CaException> refuse(String reason, String detail) {
    return Optional.of(CaException.forbidden(reason, detail));
  }
}
