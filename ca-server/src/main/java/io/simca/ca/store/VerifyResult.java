package io.simca.ca.store;

import java.util.Optional;

/**
 * Outcome of {@link AuditLog#verify()}.
 *
 * @param checked events whose link and hash were verified before the first break (all of them when
 *     ok)
 * @param lastSeq seq of the chain head that was verified against
 * @param firstBreak the first problem in seq order, empty if the chain is intact
 */
public record VerifyResult(long checked, long lastSeq, Optional<Break> firstBreak) {

  public boolean ok() {
    return firstBreak.isEmpty();
  }

  /** What is wrong with the chain at one seq. */
  public enum Problem {
    /** The row with this seq is missing (deleted, or seq renumbered). */
    SEQ_GAP,
    /**
     * The row's prev_hash is not the hash of the row before: rows reordered, inserted or replaced.
     */
    BROKEN_LINK,
    /** The row's content no longer matches its hash: a column was altered. */
    CONTENT_ALTERED,
    /**
     * The head (audit_head) disagrees with the last row: rows removed at the end, or head tampered.
     */
    HEAD_MISMATCH,
    /**
     * The chain ends before the newest signed checkpoint's seq: events were removed from the end
     * (and the head moved back with them).
     */
    BEHIND_CHECKPOINT,
    /** The event at a signed checkpoint's seq has another hash: the chain was rewritten. */
    DIFFERS_FROM_CHECKPOINT
  }

  /**
   * @param seq the seq at which the chain breaks
   * @param problem what kind of break
   * @param detail a sentence for operators
   */
  public record Break(long seq, Problem problem, String detail) {}

  @Override
  public String toString() {
    return firstBreak
        .map(
            b ->
                "audit chain BROKEN at seq "
                    + b.seq()
                    + " ("
                    + b.problem()
                    + "): "
                    + b.detail()
                    + "; "
                    + checked
                    + " event(s) verified before it")
        .orElse("audit chain ok: " + checked + " event(s), head seq " + lastSeq);
  }
}
