package io.simca.ca.ocsp;

import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.store.CertStatus;
import io.simca.ca.store.CertificateRow;
import io.simca.ca.store.OcspResponseRow;
import io.simca.ca.store.Stores;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-signs pre-signed responses before their nextUpdate (RFC 5019 §2.2.4 / §6.2: a cached response
 * must be replaced before it goes stale), in batches, each batch one store transaction. The status
 * comes from the certificate row, so a refresh can never resurrect a revoked certificate. Expired
 * certificates are not refreshed (RFC 5019 §2.2.4 lets responders stop answering for them) and
 * leave the cache. Blocking: runs on the OCSP scheduler thread.
 */
public final class OcspRefresher {

  private static final Logger LOG = LoggerFactory.getLogger(OcspRefresher.class);
  static final int BATCH = 256;

  private final Supplier<LoadedHierarchy> hierarchy;
  private final Stores stores;
  private final OcspPresigner presigner;
  private final OcspCache cache;
  private final Duration refreshInterval;
  private final Clock clock;

  public OcspRefresher(
      Supplier<LoadedHierarchy> hierarchy,
      Stores stores,
      OcspPresigner presigner,
      OcspCache cache,
      Duration refreshInterval,
      Clock clock) {
    this.hierarchy = hierarchy;
    this.stores = stores;
    this.presigner = presigner;
    this.cache = cache;
    this.refreshInterval = refreshInterval;
    this.clock = clock;
  }

  /** Re-signs every response that is older than the refresh interval; returns how many. */
  public int refreshDue() {
    Instant now = clock.instant();
    List<BigInteger> due =
        stores.ocsp().dueBefore(now.plus(presigner.validity()).minus(refreshInterval), now);
    int done = 0;
    for (int i = 0; i < due.size(); i += BATCH) {
      done += resign(due.subList(i, Math.min(due.size(), i + BATCH)));
    }
    if (done > 0) {
      LOG.info("re-signed {} OCSP responses ({} were due)", done, due.size());
    }
    return done;
  }

  /** Re-signs the given serials from their certificate rows, stores and caches the responses. */
  public int resign(List<BigInteger> serials) {
    Instant now = clock.instant();
    List<OcspResponseRow> rows = new ArrayList<>(serials.size());
    for (BigInteger serial : serials) {
      Optional<CertificateRow> cert = stores.certs().find(serial);
      if (cert.isEmpty()
          || cert.get().status() == CertStatus.RESERVED
          || !cert.get().notAfter().isAfter(now)) {
        cache.remove(serial);
        continue;
      }
      sign(cert.get(), now).ifPresent(rows::add);
    }
    if (!rows.isEmpty()) {
      stores.ocsp().upsertAll(rows);
      rows.forEach(cache::put);
    }
    return rows.size();
  }

  /** The current response for a certificate row; empty if its CA generation is not loaded. */
  public Optional<OcspResponseRow> sign(CertificateRow cert, Instant now) {
    Optional<IssuingCa> ca = hierarchy.get().byKeyId(cert.caId());
    if (ca.isEmpty()) {
      LOG.warn(
          "no loaded CA {} for serial {}: OCSP response not re-signed",
          cert.caId(),
          cert.serial().toString(16));
      return Optional.empty();
    }
    if (cert.status() == CertStatus.REVOKED) {
      int reason = cert.revocationReason() == null ? -1 : cert.revocationReason();
      return Optional.of(presigner.revoked(ca.get(), cert.serial(), cert.revokedAt(), reason, now));
    }
    return Optional.of(presigner.good(ca.get(), cert.serial(), now));
  }
}
