package io.simca.ca.store;

import java.time.Instant;

/**
 * Single use of attestation tokens: each {@code (iss, jti)} is accepted once, on any node sharing
 * the store. Entries are kept until the token expires; an expired token is refused by its {@code
 * exp} anyway, so purging after expiry never reopens a replay.
 *
 * <p>Blocking JDBC: call off the event loop.
 */
public interface JtiReplayCache {

  /**
   * Records the first use of a token id.
   *
   * @param expiresAt the token's {@code exp}; the entry may be purged after it
   * @return true on first use, false if this issuer's jti was seen before (a replay). Atomic across
   *     threads and nodes: of concurrent calls for one jti exactly one returns true.
   */
  boolean markUsed(String issuer, String jti, Instant expiresAt);

  /**
   * True if this issuer's jti was used before. The check that rules out a replay early; the use
   * itself is recorded with the reservation ({@link ReservationLimits#token()}), so a request that
   * dies before its certificate is reserved does not burn its token.
   */
  boolean seen(String issuer, String jti);

  /** Deletes entries whose token expired before {@code now}; returns how many. */
  int purgeExpired(Instant now);
}
