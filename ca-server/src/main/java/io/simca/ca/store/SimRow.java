package io.simca.ca.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A SIM of the inventory.
 *
 * @param iccid ICCID digits (the primary key)
 * @param imsi IMSI digits
 * @param imei the IMEI the SIM is locked to; null until the first enrolment locks it
 * @param imeiLockedAt when the lock was taken (null if pre-provisioned by import or not locked yet)
 * @param statusReason free text or reason code of the last status change, may be null
 * @param createdAt set by the store on insert when null
 * @param updatedAt set by the store on every change
 */
public record SimRow(
    String iccid,
    String imsi,
    String imei,
    Instant imeiLockedAt,
    String tenant,
    SimStatus status,
    String statusReason,
    Instant createdAt,
    Instant updatedAt) {

  public SimRow {
    Objects.requireNonNull(iccid, "iccid");
    Objects.requireNonNull(imsi, "imsi");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(status, "status");
  }

  /** A SIM as a CSV import line creates it: active, times set by the store. */
  public static SimRow imported(String iccid, String imsi, String imei, String tenant) {
    return new SimRow(iccid, imsi, imei, null, tenant, SimStatus.ACTIVE, null, null, null);
  }
}
