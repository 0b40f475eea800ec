package io.simca.ca.store;

/** A reservation that a {@link ReservationLimits} limit refused; nothing was written. */
public final class ReservationRefusedException extends RuntimeException {

  /** Which limit. */
  public enum Limit {
    RATE,
    KEY_REUSE,
    REPLAY
  }

  private final Limit limit;

  public ReservationRefusedException(Limit limit, String message) {
    super(message);
    this.limit = limit;
  }

  public Limit limit() {
    return limit;
  }
}
