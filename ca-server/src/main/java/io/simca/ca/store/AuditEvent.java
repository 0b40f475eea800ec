package io.simca.ca.store;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A stored audit event: the {@link AuditEntry} fields plus its place in the chain.
 *
 * @param seq 1..n, gap-free
 * @param prevHash hash of event {@code seq - 1} ({@link AuditChain#GENESIS} for seq 1)
 * @param hash {@link AuditChain#hash(AuditEvent)} of this event
 */
public record AuditEvent(
    long seq,
    Instant at,
    String eventType,
    String actor,
    AuditOutcome outcome,
    String reason,
    String iccid,
    String imei,
    BigInteger serial,
    String attester,
    String jti,
    String tokenSha256,
    String clientAddr,
    String policy,
    String detail,
    String prevHash,
    String hash) {

  /** The entry part, without chain fields. */
  public AuditEntry entry() {
    return new AuditEntry(
        at,
        eventType,
        actor,
        outcome,
        reason,
        iccid,
        imei,
        serial,
        attester,
        jti,
        tokenSha256,
        clientAddr,
        policy,
        detail);
  }
}
