package io.simca.ca.admin;

import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.crypto.SigningKey;
import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.pki.CertificateIssuer;
import io.simca.ca.pki.IssuerInfo;
import io.simca.ca.pki.LintPolicy;
import io.simca.ca.pki.OperatorProfile;
import io.simca.ca.pki.OperatorRole;
import io.simca.ca.store.AuditEntry;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.OperatorRow;
import io.simca.ca.store.OperatorStatus;
import io.simca.ca.store.OperatorStore;
import io.simca.ca.store.StoreConflictException;
import io.simca.ca.store.Stores;
import io.simca.est.codec.CsrDecoder;
import io.simca.est.codec.EstRequestException;
import io.simca.est.codec.ParsedCsr;
import java.nio.file.Files;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator credentials of the admin API ({@code simca operator issue|list|revoke}): issues
 * certificates for keys the operator generated (a CSR; the private key never reaches the server),
 * stores each before it is handed out, revokes them, and audits every change.
 *
 * <p>Issued by the {@code default} issuing CA with {@link OperatorProfile}, whose key purpose no
 * device certificate carries. A name has at most one live credential; the last live admin cannot be
 * revoked (nobody could issue a new one).
 */
public final class OperatorRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorRegistry.class);

  /** The {@code issued_by} of the credential {@code ca init} wrote. */
  public static final String CA_INIT = "system:ca-init";

  private final Stores stores;
  private final Supplier<LoadedHierarchy> hierarchy;
  private final Clock clock;
  private final CertificateIssuer issuer = CertificateIssuer.create(LintPolicy.DEFAULT);

  public OperatorRegistry(Stores stores, Supplier<LoadedHierarchy> hierarchy, Clock clock) {
    this.stores = stores;
    this.hierarchy = hierarchy;
    this.clock = clock;
  }

  private OperatorStore store() {
    return stores.operators();
  }

  /**
   * Signs a credential for the key in {@code csrDer} (PKCS#10, proof of possession checked; its
   * subject and extensions are ignored: the profile builds them), stores it, audits it, and only
   * then returns it.
   */
  public IssuedOperator issue(
      String name, OperatorRole role, int days, byte[] csrDer, String actor) {
    requireName(name);
    if (days < 1 || days > OperatorProfile.MAX_ISSUE_DAYS) {
      throw CaException.malformed(
          "bad_days", "days must be 1 to " + OperatorProfile.MAX_ISSUE_DAYS + ", not " + days);
    }
    ParsedCsr csr;
    try {
      csr = CsrDecoder.decodeDer(csrDer, null);
    } catch (EstRequestException e) {
      throw CaException.malformed("bad_csr", e.getMessage());
    }
    IssuingCa ca = issuingCa();
    Instant now = clock.instant();
    X509Certificate cert =
        issuer.issue(
            OperatorProfile.forIssuer(ca.cert())
                .withValidity(Duration.ofDays(days))
                .template(name, role, csr.publicKey(), IssuerInfo.of(ca.cert()), now),
            ca.signingKey());
    OperatorRow row = row(cert, name, role, ca.keyId(), actor);
    try {
      store().insert(row);
    } catch (StoreConflictException e) {
      audit(
          AuditEntry.builder("operator_issue", actor, AuditOutcome.DENY)
              .reason("operator_exists")
              .detail(name + " (" + role.id() + "): a live credential exists"));
      throw new CaException(
          ErrorKind.CONFLICT,
          "operator_exists",
          "operator '" + name + "' already has a live credential; revoke it first");
    }
    // The row is live but the credential is useless until the caller has the certificate, which
    // it gets only after this audit record commits.
    audit(
        AuditEntry.builder("operator_issue", actor, AuditOutcome.OK)
            .serial(cert.getSerialNumber())
            .detail(
                name
                    + " ("
                    + role.id()
                    + ") until "
                    + row.notAfter()
                    + ", issued by CA "
                    + ca.label()));
    List<X509Certificate> chain = new ArrayList<>(ca.signingKey().chain());
    chain.add(0, cert);
    return new IssuedOperator(row, chain);
  }

  /** Every credential, by name. */
  public List<OperatorRow> list() {
    return store().all();
  }

  /** The stored credential with this serial, if any (the admin listener's check). */
  public Optional<OperatorRow> bySerial(java.math.BigInteger serial) {
    return store().bySerial(serial);
  }

  /**
   * Revokes every live credential named {@code name}; NOT_FOUND for a name never issued, CONFLICT
   * when it would remove the last live admin. Revoking a name with nothing live left is a no-op
   * (idempotent), still audited.
   */
  public List<OperatorRow> revoke(String name, String actor) {
    requireName(name);
    List<OperatorRow> revoked;
    try {
      revoked = store().revokeByName(name, actor, clock.instant(), true);
    } catch (OperatorStore.LastAdminException e) {
      audit(
          AuditEntry.builder("operator_revoke", actor, AuditOutcome.DENY)
              .reason("last_admin")
              .detail(e.getMessage()));
      throw new CaException(ErrorKind.CONFLICT, "last_admin", e.getMessage());
    }
    if (revoked.isEmpty() && store().all().stream().noneMatch(r -> r.name().equals(name))) {
      throw new CaException(ErrorKind.NOT_FOUND, "operator_not_found", "no operator named " + name);
    }
    for (OperatorRow r : revoked) {
      audit(
          AuditEntry.builder("operator_revoke", actor, AuditOutcome.OK)
              .serial(r.serial())
              .detail(name + " (" + r.role() + ")"));
    }
    if (revoked.isEmpty()) {
      audit(
          AuditEntry.builder("operator_revoke", actor, AuditOutcome.OK)
              .detail(name + ": no live credential, nothing changed"));
    }
    return revoked;
  }

  /**
   * Stores the first credential {@code ca init} wrote ({@code operators/admin.p12}) unless its
   * serial is known, so it can be listed and revoked like any other; a revoked one stays revoked.
   * Called at every start; a missing file (moved off the node) is fine.
   */
  public void registerFirstAdmin(DataDir dir) {
    String name = HierarchyInitializer.ADMIN;
    if (!Files.isRegularFile(dir.operatorP12(name))
        || !Files.isRegularFile(dir.operatorPass(name))) {
      LOG.info(
          "no {} beside the node: first admin credential not registered", dir.operatorP12(name));
      return;
    }
    char[] pass = KeyFiles.readPassphrase(dir.operatorPass(name));
    SigningKey key;
    try {
      key = KeyFiles.readPkcs12(dir.operatorP12(name), pass);
    } finally {
      Arrays.fill(pass, '\0');
    }
    X509Certificate cert = key.cert();
    Optional<OperatorRole> role = OperatorProfile.roleOf(cert);
    if (role.isEmpty() || !OperatorProfile.hasOperatorKeyPurpose(cert)) {
      LOG.warn(
          "{} predates stored operator credentials (no operator key purpose): the admin API will"
              + " refuse it; initialise a new data dir or issue credentials from one",
          dir.operatorP12(name));
      return;
    }
    Optional<IssuingCa> ca =
        hierarchy.get().all().stream()
            .filter(c -> c.cert().getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
            .filter(c -> verifies(cert, c.cert()))
            .findFirst();
    if (ca.isEmpty()) {
      LOG.warn("{} was not issued by this hierarchy: not registered", dir.operatorP12(name));
      return;
    }
    OperatorRow row = row(cert, name, role.get(), ca.get().keyId(), CA_INIT);
    try {
      if (store().insertIfAbsent(row)) {
        audit(
            AuditEntry.builder("operator_issue", CA_INIT, AuditOutcome.OK)
                .serial(cert.getSerialNumber())
                .detail(
                    name + " (" + role.get().id() + ") until " + row.notAfter() + ", registered"));
        LOG.info("registered the first admin credential {}", dir.operatorP12(name));
      }
    } catch (StoreConflictException e) {
      LOG.warn(
          "{} not registered: another live credential is named '{}'", dir.operatorP12(name), name);
    }
  }

  private IssuingCa issuingCa() {
    LoadedHierarchy h = hierarchy.get();
    return h.byLabel(HierarchyInitializer.DEFAULT_LABEL)
        .filter(IssuingCa::active)
        .or(() -> h.all().stream().filter(IssuingCa::active).findFirst())
        .orElseThrow(
            () ->
                CaException.unavailable(
                    "no active issuing CA to sign operator credentials", Duration.ofSeconds(60)));
  }

  private static OperatorRow row(
      X509Certificate cert, String name, OperatorRole role, String caId, String issuedBy) {
    try {
      return new OperatorRow(
          cert.getSerialNumber(),
          name,
          role.id(),
          caId,
          cert.getSubjectX500Principal().getName(),
          cert.getEncoded(),
          OperatorStatus.ACTIVE,
          cert.getNotBefore().toInstant(),
          cert.getNotAfter().toInstant(),
          issuedBy,
          null,
          null,
          null);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode operator certificate", e);
    }
  }

  private void audit(AuditEntry.Builder entry) {
    stores.audit().append(entry.build());
  }

  private static void requireName(String name) {
    if (!OperatorProfile.isValidName(name)) {
      throw CaException.malformed(
          "bad_operator_name",
          "operator name must be 1-64 of [A-Za-z0-9._-], starting alphanumeric");
    }
  }

  private static boolean verifies(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
