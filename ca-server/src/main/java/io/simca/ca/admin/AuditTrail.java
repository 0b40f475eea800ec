package io.simca.ca.admin;

import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditFilter;
import io.simca.ca.store.AuditLog;
import io.simca.ca.store.VerifyResult;
import java.util.List;

/**
 * The audit log as operators and SIEMs read it: pages in seq order ({@code afterSeq} is the cursor,
 * so a SIEM polls with the last seq it saw) and a chain check. Blocking JDBC.
 */
public final class AuditTrail {

  private final AuditLog log;
  private final java.util.Optional<io.simca.ca.audit.AuditCheckpoints> checkpoints;

  public AuditTrail(AuditLog log) {
    this(log, java.util.Optional.empty());
  }

  /** With the node's signed checkpoints, which {@link #verify} holds the chain against. */
  public AuditTrail(
      AuditLog log, java.util.Optional<io.simca.ca.audit.AuditCheckpoints> checkpoints) {
    this.log = log;
    this.checkpoints = checkpoints;
  }

  public List<AuditEvent> list(AuditFilter filter, long afterSeq, int limit) {
    new Paging(0, limit); // same bounds as other listings
    return log.list(filter, Math.max(0, afterSeq), limit);
  }

  /**
   * Recomputes the whole hash chain (streaming) and reports its first break; then requires it to
   * reach the newest signed checkpoint with the same hash (truncation, rewrite).
   */
  public VerifyResult verify() {
    VerifyResult chain = log.verify();
    return checkpoints.map(c -> c.check(chain, log)).orElse(chain);
  }
}
