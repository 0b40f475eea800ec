package io.simca.ca.admin;

import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.store.AuditEntry;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.CertFilter;
import io.simca.ca.store.DuplicateSimException;
import io.simca.ca.store.SimFilter;
import io.simca.ca.store.SimImportResult;
import io.simca.ca.store.SimRow;
import io.simca.ca.store.SimStatus;
import io.simca.ca.store.SimStore;
import io.simca.ca.store.Stores;
import io.simca.est.id.Iccid;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The SIM inventory as operators manage it (admin API and CLI): import, show, list, resume. Every
 * change is audited with the operator's identity; reads are not (they would drown the trail).
 * Blocking JDBC: run off the event loop.
 *
 * <p>Resume rule: a {@code suspended} SIM (e.g. after an IMEI mismatch) goes back to {@code
 * active}. A SIM reported {@code lost}, {@code stolen} or {@code decommissioned} stays barred
 * unless the operator passes {@code force} (the device was found, the report was a mistake); its
 * revoked certificates stay revoked (revocation is final, RFC 5280 §3.3), so the device enrols
 * again. Resuming an active SIM changes nothing.
 */
public final class SimInventory {

  /**
   * At most this many bad rows are returned by the endpoint (the CLI checks whole files locally).
   */
  public static final int MAX_ERRORS = 1000;

  /** {@link #show} lists at most this many certificates of the SIM. */
  public static final int MAX_CERTS_SHOWN = 50;

  private static final Set<SimStatus> BARRED =
      EnumSet.of(SimStatus.LOST, SimStatus.STOLEN, SimStatus.DECOMMISSIONED);

  private final Stores stores;

  public SimInventory(Stores stores) {
    this.stores = stores;
  }

  /** Checks every row of {@code csv}, then imports it in one transaction (all or nothing). */
  public SimImportOutcome importCsv(String csv, ImportOptions options, String actor) {
    SimCsv.Parsed parsed = SimCsv.parse(csv);
    SimImportOutcome outcome = decide(parsed, options);
    audit(outcome, parsed, actor);
    return outcome;
  }

  private SimImportOutcome decide(SimCsv.Parsed parsed, ImportOptions options) {
    if (parsed.hasErrors() && !options.skipInvalid()) {
      List<SimCsv.LineError> errors = parsed.errors();
      return new SimImportOutcome.InvalidRows(
          errors.subList(0, Math.min(errors.size(), MAX_ERRORS)), errors.size());
    }
    int skippedInvalid = parsed.errors().size();
    if (parsed.rows().isEmpty()) {
      return new SimImportOutcome.Imported(0, 0, skippedInvalid);
    }
    try {
      SimImportResult r =
          stores
              .sims()
              .insertAll(
                  parsed.rows(),
                  options.skipExisting() ? SimStore.OnExisting.SKIP : SimStore.OnExisting.FAIL);
      return new SimImportOutcome.Imported(
          r.inserted(), r.skippedExisting().size(), skippedInvalid);
    } catch (DuplicateSimException e) {
      return new SimImportOutcome.ExistingIccids(e.iccids(), e.total());
    }
  }

  private void audit(SimImportOutcome outcome, SimCsv.Parsed parsed, String actor) {
    AuditEntry entry =
        switch (outcome) {
          case SimImportOutcome.Imported i ->
              AuditEntry.builder("sim_import", actor, AuditOutcome.OK)
                  .detail(
                      "inserted "
                          + i.inserted()
                          + ", skipped existing "
                          + i.skippedExisting()
                          + ", skipped invalid "
                          + i.skippedInvalid()
                          + " of "
                          + (parsed.rows().size() + parsed.errors().size())
                          + " row(s)")
                  .build();
          case SimImportOutcome.InvalidRows r ->
              AuditEntry.builder("sim_import", actor, AuditOutcome.ERROR)
                  .reason("invalid_rows")
                  .detail(
                      r.totalInvalid()
                          + " invalid row(s), nothing imported; first: line "
                          + r.errors().get(0).line()
                          + ": "
                          + r.errors().get(0).error())
                  .build();
          case SimImportOutcome.ExistingIccids x ->
              AuditEntry.builder("sim_import", actor, AuditOutcome.ERROR)
                  .reason("iccid_exists")
                  .detail(
                      x.total()
                          + " ICCID(s) already in the store, nothing imported: "
                          + String.join(
                              ", ", x.iccids().subList(0, Math.min(10, x.iccids().size()))))
                  .build();
        };
    stores.audit().append(entry);
  }

  /** The SIM and its latest certificates; NOT_FOUND if unknown. */
  public SimDetails show(String iccid) {
    SimRow sim = find(iccid);
    return new SimDetails(
        sim, stores.certs().list(CertFilter.ALL.withIccid(sim.iccid()), 0, MAX_CERTS_SHOWN));
  }

  /** SIMs ordered by ICCID. */
  public Page<SimRow> list(SimFilter filter, Paging paging) {
    return new Page<>(
        stores.sims().list(filter, paging.offset(), paging.limit()), stores.sims().count(filter));
  }

  /** See the class comment for which statuses resume. Audited whether allowed or refused. */
  public SimResume resume(String iccid, boolean force, String actor) {
    SimRow sim = find(iccid);
    SimStatus previous = sim.status();
    if (previous == SimStatus.ACTIVE) {
      stores
          .audit()
          .append(
              AuditEntry.builder("sim_resume", actor, AuditOutcome.OK)
                  .iccid(iccid)
                  .detail("already active, nothing changed")
                  .build());
      return new SimResume(iccid, previous, SimStatus.ACTIVE, false);
    }
    if (BARRED.contains(previous) && !force) {
      stores
          .audit()
          .append(
              AuditEntry.builder("sim_resume", actor, AuditOutcome.DENY)
                  .iccid(iccid)
                  .reason("sim_barred")
                  .detail("SIM is " + lower(previous) + "; resume refused without force")
                  .build());
      throw new CaException(
          ErrorKind.CONFLICT,
          "sim_barred",
          "SIM "
              + iccid
              + " is "
              + lower(previous)
              + ": it stays barred unless resumed with force (its revoked certificates stay revoked)");
    }
    String reason = "resumed by " + actor + (force ? " (forced, was " + lower(previous) + ")" : "");
    if (!stores
        .sims()
        .updateStatusIf(
            iccid,
            previous,
            SimStatus.ACTIVE,
            reason.length() > 256 ? reason.substring(0, 256) : reason)) {
      // Changed under us (e.g. revoked meanwhile): never overwrite that with active.
      throw new CaException(
          ErrorKind.CONFLICT,
          "sim_changed",
          "SIM " + iccid + " changed while resuming; check `sim show` and retry");
    }
    stores
        .audit()
        .append(
            AuditEntry.builder("sim_resume", actor, AuditOutcome.OK)
                .iccid(iccid)
                .reason(force && BARRED.contains(previous) ? "forced" : null)
                .detail(lower(previous) + " -> active")
                .build());
    return new SimResume(iccid, previous, SimStatus.ACTIVE, true);
  }

  private SimRow find(String iccid) {
    requireIccid(iccid);
    return stores.sims().find(iccid).orElseThrow(() -> notFound(iccid));
  }

  /** A path ICCID must be a valid ICCID: a clear 400 instead of a pointless lookup. */
  public static void requireIccid(String iccid) {
    try {
      Iccid.parse(iccid);
    } catch (IllegalArgumentException e) {
      throw CaException.malformed("bad_iccid", e.getMessage() + ": " + abbreviate(iccid));
    }
  }

  private static CaException notFound(String iccid) {
    return new CaException(ErrorKind.NOT_FOUND, "sim_unknown", "no SIM with ICCID " + iccid);
  }

  private static String lower(SimStatus s) {
    return s.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() <= 30 ? s : s.substring(0, 27) + "...";
  }
}
