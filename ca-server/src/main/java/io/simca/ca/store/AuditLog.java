package io.simca.ca.store;

import java.util.List;

/**
 * The append-only, hash-chained audit log (DESIGN.md "Store"). Every enrolment decision and
 * operator action lands here; {@code audit verify} recomputes the chain ({@link AuditChain}).
 *
 * <p>Appends serialise on the single {@code audit_head} row ({@code SELECT ... FOR UPDATE}) so the
 * chain stays linear with several nodes on one PostgreSQL. The chain detects edits, deletions and
 * reordering of rows; it cannot stop someone with write access from rewriting the whole tail and
 * the head consistently, so export {@link VerifyResult#lastSeq()} and its hash elsewhere to anchor
 * it.
 *
 * <p>Blocking JDBC: call off the event loop.
 */
public interface AuditLog {

  /** Appends one event in its own transaction and returns it with seq and hash. */
  AuditEvent append(AuditEntry entry);

  /** Appends events in order under one lock and one transaction (group commit for batches). */
  List<AuditEvent> appendAll(List<AuditEntry> entries);

  /** Events with {@code seq > afterSeq} matching the filter, ascending, at most {@code limit}. */
  List<AuditEvent> list(AuditFilter filter, long afterSeq, int limit);

  /** Walks the whole chain in seq order (streaming) and reports the first break. */
  VerifyResult verify();

  /** The event with the highest seq, if any (what an audit checkpoint signs). */
  java.util.Optional<AuditEvent> newest();
}
