package io.simca.ca.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The current pre-signed OCSP response of every issued certificate. Each node loads them all at
 * start ({@link #forEachCurrent}) and then follows changes made by other nodes ({@link
 * #changedSince}), so that a revocation is answered everywhere within a second.
 *
 * <p>Blocking JDBC: call off the event loop.
 */
public interface OcspResponseStore {

  /**
   * Inserts or replaces the response for its serial and stamps {@code updated_at}.
   *
   * @throws StoreConflictException if the serial is not a stored certificate
   */
  void upsert(OcspResponseRow response);

  /** {@link #upsert} for many rows in one transaction (re-signing runs). */
  void upsertAll(List<OcspResponseRow> responses);

  Optional<OcspResponseRow> find(BigInteger serial);

  /** Streams every stored response (start-up load), without holding them all in memory. */
  void forEachCurrent(Consumer<OcspResponseRow> consumer);

  /**
   * Responses written strictly after {@code since}, oldest first. {@code updated_at} comes from
   * each writer's clock and rows commit in any order, so pollers should ask with an overlap (e.g.
   * their last poll minus a few seconds) and treat rows idempotently.
   */
  List<OcspResponseRow> changedSince(Instant since);

  /**
   * Serials whose response's {@code nextUpdate} is before {@code instant}: due for re-signing.
   * Certificates expired at {@code now} are left out: nobody needs fresh status for them, and
   * re-checking them every cycle would grow without bound.
   */
  List<BigInteger> dueBefore(Instant instant, Instant now);
}
