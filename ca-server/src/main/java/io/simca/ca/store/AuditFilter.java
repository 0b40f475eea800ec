package io.simca.ca.store;

import java.time.Instant;

/**
 * Which events {@link AuditLog#list} selects; null fields do not filter.
 *
 * @param since inclusive lower bound on {@code at}
 * @param until exclusive upper bound on {@code at}
 */
public record AuditFilter(
    String eventType, String iccid, AuditOutcome outcome, Instant since, Instant until) {

  public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);

  public AuditFilter withEventType(String value) {
    return new AuditFilter(value, iccid, outcome, since, until);
  }

  public AuditFilter withIccid(String value) {
    return new AuditFilter(eventType, value, outcome, since, until);
  }

  public AuditFilter withOutcome(AuditOutcome value) {
    return new AuditFilter(eventType, iccid, value, since, until);
  }

  public AuditFilter withSince(Instant value) {
    return new AuditFilter(eventType, iccid, outcome, value, until);
  }

  public AuditFilter withUntil(Instant value) {
    return new AuditFilter(eventType, iccid, outcome, since, value);
  }
}
