package io.simca.ca.store;

import java.time.Instant;

/**
 * Per-SIM limits that {@link CertificateStore#reserve(CertificateReservation, ReservationLimits)}
 * enforces inside the reservation's own transaction, so concurrent enrolments cannot overshoot them
 * (a check before the write can be passed by every request of a burst).
 *
 * @param maxSince most certificates the SIM may have created since {@code since} (0: no limit)
 * @param since start of the rate window
 * @param denyKeyReuse refuse a key that another SIM already claimed
 * @param token the attestation token behind the request, whose single use is recorded in the same
 *     transaction (a replay conflicts there), or empty (re-enrolment without a token)
 */
public record ReservationLimits(
    int maxSince, Instant since, boolean denyKeyReuse, java.util.Optional<UsedToken> token) {

  /** A token's {@code (iss, jti)} and its {@code exp} (the replay entry's lifetime). */
  public record UsedToken(String issuer, String jti, Instant expiresAt) {}

  public static final ReservationLimits NONE =
      new ReservationLimits(0, Instant.EPOCH, false, java.util.Optional.empty());
}
