package io.simca.ca.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every certificate the CA reserved, issued or revoked, keyed by serial.
 *
 * <p>Issuance is two writes: {@link #reserve} before signing, {@link #markIssued} (certificate,
 * first OCSP response and the ALLOW audit event, one transaction) after. Revocation only ever moves
 * {@code issued} to {@code revoked}.
 *
 * <p>Blocking JDBC: call off the event loop.
 */
public interface CertificateStore {

  /**
   * Records a serial about to be signed, status {@code reserved}.
   *
   * @throws StoreConflictException if the serial exists (draw a new one)
   */
  void reserve(CertificateReservation reservation);

  /**
   * As {@link #reserve(CertificateReservation)}, enforcing {@code limits} in the same transaction:
   * the SIM's inventory row is locked, so its reservations are counted one after the other on every
   * node, and the key is claimed for the SIM in a table with one row per key.
   *
   * @throws ReservationRefusedException when a limit refuses (nothing written)
   */
  void reserve(CertificateReservation reservation, ReservationLimits limits);

  /** A reservation that never became a certificate: serial and SIM, for the audit trail. */
  record AbandonedReservation(java.math.BigInteger serial, String iccid, Instant reservedAt) {}

  /**
   * Deletes reservations still {@code reserved} that were made before {@code before}: left by a
   * crash between reservation and storing the certificate (nothing was answered for them), they
   * would otherwise count against the SIM's rate limit forever. Each deletion commits together with
   * its audit event, {@code audit.apply(reservation)}. Returns what it deleted.
   */
  java.util.List<AbandonedReservation> deleteReservationsBefore(
      Instant before, java.util.function.Function<AbandonedReservation, AuditEntry> audit);

  /**
   * Stores the signed certificate, its first OCSP response and the audit event that says it was
   * issued in one transaction, and moves the row from {@code reserved} to {@code issued}: after a
   * crash there is either all of it or none (a certificate is never issued unaudited).
   *
   * @throws IllegalStateException if the serial is not reserved (unknown, or already
   *     issued/revoked); nothing is written then
   */
  AuditEvent markIssued(BigInteger serial, byte[] certDer, OcspResponseRow good, AuditEntry issued);

  Optional<CertificateRow> find(BigInteger serial);

  /** Newest first (by creation time, then serial). */
  List<CertificateRow> list(CertFilter filter, int offset, int limit);

  /**
   * Revokes every issued certificate of the SIM that has not expired at {@code now}.
   *
   * @param at revocationDate to record
   * @return the serials this call moved to {@code revoked} (already revoked ones are not repeated)
   */
  List<BigInteger> revokeAllForIccid(String iccid, int reasonCode, Instant at, Instant now);

  /**
   * Revokes one issued certificate.
   *
   * @return false if the serial is unknown, only reserved, or already revoked
   */
  boolean revoke(BigInteger serial, int reasonCode, Instant at, Optional<Instant> invalidityDate);

  /**
   * True if a certificate of this CA generation was revoked at or after {@code since} (CRL
   * staleness).
   */
  boolean revokedSince(String caId, Instant since);

  /**
   * Certificates reserved or issued for the SIM since {@code since} (rate limit). Reservations
   * count so that parallel requests cannot overrun the limit while in flight.
   */
  int countIssuedSince(String iccid, Instant since);

  /**
   * The key-reuse rule: true if a certificate for this key (any status) exists for anything but
   * this SIM, i.e. another ICCID or a non-device certificate.
   */
  boolean spkiCertifiedForOtherSim(String spkiSha256, String iccid);

  /**
   * Streams the revoked, unexpired certificates of a CA, ordered by stored serial (deterministic,
   * so an unchanged set yields the same CRL entries order), without holding them all in memory (a
   * CRL of a million entries is fine). Runs in one read transaction.
   */
  void forEachRevoked(String caId, Instant now, Consumer<RevokedEntry> consumer);

  /** {@link #forEachRevoked} collected; for small CAs and tests. */
  default List<RevokedEntry> revokedUnexpired(String caId, Instant now) {
    List<RevokedEntry> all = new ArrayList<>();
    forEachRevoked(caId, now, all::add);
    return all;
  }

  /** Number of certificates per status, optionally for one CA (null = all); for metrics. */
  Map<CertStatus, Long> countByStatus(String caId);

  /**
   * Reservations older than {@code before} that were never issued: a node died between reserve and
   * markIssued (or signing failed). For operators and a recovery job.
   */
  List<CertificateRow> staleReservations(Instant before, int limit);
}
