package io.simca.ca.store;

import java.util.List;
import java.util.Optional;

/**
 * The SIM inventory: which SIMs may enrol, for which tenant, locked to which IMEI.
 *
 * <p>Blocking JDBC: call off the event loop.
 */
public interface SimStore {

  /** What an import does with an ICCID that is already stored. */
  enum OnExisting {
    /**
     * The whole import fails with {@link DuplicateSimException} naming the ICCIDs; nothing is
     * written.
     */
    FAIL,
    /**
     * Existing SIMs are left untouched and reported in {@link SimImportResult#skippedExisting()}.
     */
    SKIP
  }

  /** {@link #insertAll(List, OnExisting)} with {@link OnExisting#FAIL}. */
  default SimImportResult insertAll(List<SimRow> rows) {
    return insertAll(rows, OnExisting.FAIL);
  }

  /**
   * Bulk import in one transaction (all or nothing), written in JDBC batches of {@value
   * JooqSimStore#CHUNK} rows. An ICCID twice in {@code rows} always fails the import.
   *
   * @throws DuplicateSimException if {@code onExisting} is FAIL and an ICCID exists, or if the
   *     input repeats an ICCID
   */
  SimImportResult insertAll(List<SimRow> rows, OnExisting onExisting);

  Optional<SimRow> find(String iccid);

  /** SIMs ordered by ICCID. */
  List<SimRow> list(SimFilter filter, int offset, int limit);

  long count(SimFilter filter);

  /** Sets status and reason; false if the SIM does not exist. */
  boolean updateStatus(String iccid, SimStatus newStatus, String reason);

  /**
   * Sets status and reason only if the SIM is still in {@code expected} (compare-and-set), so a
   * concurrent change, e.g. a revocation landing during a resume, is never overwritten. False if
   * the SIM does not exist or its status changed meanwhile.
   */
  boolean updateStatusIf(String iccid, SimStatus expected, SimStatus newStatus, String reason);

  /**
   * Locks the SIM to {@code imei} if it has no IMEI yet, atomically ({@code UPDATE ... WHERE imei
   * IS NULL}): of two concurrent first enrolments exactly one locks.
   *
   * @return true if this call set the lock; false if the SIM is unknown or already locked (read the
   *     SIM to compare the stored IMEI)
   */
  boolean lockImeiIfUnset(String iccid, String imei);
}
