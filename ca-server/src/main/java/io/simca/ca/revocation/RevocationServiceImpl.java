package io.simca.ca.revocation;

import io.simca.ca.crl.CrlService;
import io.simca.ca.crl.PublishedCrl;
import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.ocsp.OcspCache;
import io.simca.ca.ocsp.OcspRefresher;
import io.simca.ca.store.AuditEntry;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.CertStatus;
import io.simca.ca.store.CertificateRow;
import io.simca.ca.store.OcspResponseRow;
import io.simca.ca.store.SimRow;
import io.simca.ca.store.SimStatus;
import io.simca.ca.store.Stores;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@link RevocationService} on the store, the OCSP pre-signer and the CRL publisher. Order per
 * call: commit the new state, re-sign and store the affected OCSP responses, put them in this
 * node's cache (other nodes poll them within a second), schedule the CRL, audit. Every step is
 * idempotent, so an operator retrying after a failure completes the job.
 */
public final class RevocationServiceImpl implements RevocationService {

  private final Supplier<LoadedHierarchy> hierarchy;
  private final Stores stores;
  private final OcspRefresher ocsp;
  private final OcspCache cache;
  private final CrlService crls;
  private final Clock clock;

  public RevocationServiceImpl(
      Supplier<LoadedHierarchy> hierarchy,
      Stores stores,
      OcspRefresher ocsp,
      OcspCache cache,
      CrlService crls,
      Clock clock) {
    this.hierarchy = hierarchy;
    this.stores = stores;
    this.ocsp = ocsp;
    this.cache = cache;
    this.crls = crls;
    this.clock = clock;
  }

  @Override
  public SimRevocation revokeSim(String iccid, SimRevocationReason reason, String actor) {
    SimRow sim =
        stores
            .sims()
            .find(iccid)
            .orElseThrow(
                () ->
                    new CaException(
                        ErrorKind.NOT_FOUND, "unknown_sim", "no SIM with ICCID " + iccid));
    Instant now = clock.instant();
    // Step 1: bar enrolment first, so no new certificate appears while we revoke the old ones.
    stores
        .sims()
        .updateStatus(iccid, reason.simStatus(), reason.name().toLowerCase(java.util.Locale.ROOT));
    // Step 2: revoke every unexpired certificate of the SIM (RFC 5280 §5.3.1 reason per
    // SimRevocationReason).
    List<BigInteger> revoked =
        stores.certs().revokeAllForIccid(iccid, reason.certificateReason().code(), now, now);
    // Step 3: OCSP says revoked at once, here and (by polling) on every node.
    resign(revoked, now);
    boolean already =
        revoked.isEmpty()
            && sim.status() != SimStatus.ACTIVE
            && sim.status() != SimStatus.SUSPENDED;
    stores
        .audit()
        .append(
            AuditEntry.builder("sim_revoke", actor, AuditOutcome.OK)
                .iccid(iccid)
                .reason(reason.name().toLowerCase(java.util.Locale.ROOT))
                .detail(
                    (already ? "already revoked; " : "")
                        + "status "
                        + sim.status().name().toLowerCase(java.util.Locale.ROOT)
                        + " -> "
                        + reason.simStatus().name().toLowerCase(java.util.Locale.ROOT)
                        + "; revoked "
                        + revoked.stream()
                            .map(s -> s.toString(16))
                            .collect(Collectors.joining(",", "[", "]")))
                .build());
    return new SimRevocation(iccid, reason.simStatus(), revoked, already);
  }

  @Override
  public boolean revokeCertificate(
      BigInteger serial, RevocationReason reason, Optional<Instant> invalidityDate, String actor) {
    CertificateRow cert =
        stores
            .certs()
            .find(serial)
            .filter(c -> c.status() != CertStatus.RESERVED)
            .orElseThrow(
                () ->
                    new CaException(
                        ErrorKind.NOT_FOUND,
                        "unknown_certificate",
                        "no certificate " + serial.toString(16)));
    Instant now = clock.instant();
    boolean changed = stores.certs().revoke(serial, reason.code(), now, invalidityDate);
    if (changed) {
      resign(List.of(serial), now);
    }
    stores
        .audit()
        .append(
            AuditEntry.builder("cert_revoke", actor, AuditOutcome.OK)
                .serial(serial)
                .iccid(cert.iccid())
                .reason(reason.cliName())
                .detail(
                    changed
                        ? "revoked" + invalidityDate.map(d -> "; invalidityDate " + d).orElse("")
                        : "already revoked")
                .build());
    return changed;
  }

  @Override
  public Map<String, Long> publishCrl(Optional<String> label, String actor) {
    List<IssuingCa> cas =
        hierarchy.get().all().stream()
            .filter(ca -> label.map(ca.label()::equals).orElse(true))
            .toList();
    if (cas.isEmpty()) {
      throw new CaException(
          ErrorKind.NOT_FOUND, "unknown_label", "no issuing CA '" + label.orElse("") + "'");
    }
    Map<String, Long> numbers = new LinkedHashMap<>();
    for (IssuingCa ca : cas) {
      PublishedCrl crl = crls.publishNow(ca);
      numbers.put(ca.active() ? ca.label() : ca.label() + "-g" + ca.generation(), crl.crlNumber());
    }
    stores
        .audit()
        .append(
            AuditEntry.builder("crl_publish", actor, AuditOutcome.OK)
                .detail("published " + numbers)
                .build());
    return numbers;
  }

  /**
   * Re-signs, stores and caches the responses of freshly revoked serials; schedules their CAs'
   * CRLs.
   */
  private void resign(List<BigInteger> serials, Instant now) {
    if (serials.isEmpty()) {
      return;
    }
    List<OcspResponseRow> rows = new ArrayList<>();
    for (BigInteger serial : serials) {
      stores.certs().find(serial).flatMap(c -> ocsp.sign(c, now)).ifPresent(rows::add);
    }
    stores.ocsp().upsertAll(rows);
    rows.forEach(cache::put);
    rows.stream().map(OcspResponseRow::caId).distinct().forEach(crls::scheduleRefresh);
  }
}
