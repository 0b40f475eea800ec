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
 */
public record ReservationLimits(int maxSince, Instant since, boolean denyKeyReuse) {

  public static final ReservationLimits NONE = new ReservationLimits(0, Instant.EPOCH, false);
}
