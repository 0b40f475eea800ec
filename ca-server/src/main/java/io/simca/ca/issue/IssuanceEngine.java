package io.simca.ca.issue;

import io.simca.ca.config.PolicyConfig;
import io.simca.ca.config.SimcaConfig;
import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.ocsp.OcspPresigner;
import io.simca.ca.pki.CertificateIssuer;
import io.simca.ca.pki.CertificateTemplate;
import io.simca.ca.pki.DeviceIdentity;
import io.simca.ca.pki.DeviceProfile;
import io.simca.ca.pki.DeviceProfileSettings;
import io.simca.ca.pki.IssuerInfo;
import io.simca.ca.pki.LintException;
import io.simca.ca.pki.SerialNumbers;
import io.simca.ca.policy.Allow;
import io.simca.ca.policy.Decision;
import io.simca.ca.policy.Deny;
import io.simca.ca.policy.EnrollmentAuthorizer;
import io.simca.ca.policy.EnrollmentRequest;
import io.simca.ca.policy.Evidence;
import io.simca.ca.policy.RequestProblem;
import io.simca.ca.revocation.RevocationReason;
import io.simca.ca.store.AuditEntry;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.CertStatus;
import io.simca.ca.store.CertificateReservation;
import io.simca.ca.store.OcspResponseRow;
import io.simca.ca.store.ReservationLimits;
import io.simca.ca.store.ReservationRefusedException;
import io.simca.ca.store.SimRow;
import io.simca.ca.store.SimStatus;
import io.simca.ca.store.StoreConflictException;
import io.simca.ca.store.StoreUnavailableException;
import io.simca.ca.store.Stores;
import io.simca.est.auth.EstCredentials;
import io.simca.est.codec.CsrDecoder;
import io.simca.est.codec.EstRequestException;
import io.simca.est.codec.ParsedCsr;
import java.math.BigInteger;
import java.net.URI;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device certificate issuance in one visible order (STYLE.md item 5): authorise, CSR rules,
 * profile, reserve, lint and sign, store certificate, OCSP response and ALLOW audit event in one
 * commit, re-check the SIM, answer. Every outcome, allow or deny, is audited here and only here,
 * from the {@link Decision}; a certificate is never returned before its row, its first OCSP
 * response and its audit event are committed.
 *
 * <p>Blocking (store, signing): call from a worker thread. Thread-safe.
 */
public final class IssuanceEngine {

  /**
   * Proof of possession is verified with the fast provider (ACCP when healthy): it bounds enrolment
   * throughput.
   */
  private static final Provider VERIFY_PROVIDER =
      CryptoProviders.get().providerFor("Signature", "SHA256withECDSA");

  private static final Logger LOG = LoggerFactory.getLogger(IssuanceEngine.class);

  /** Profile name stored with device certificates. */
  public static final String PROFILE = "device";

  private static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(5);
  private static final int SERIAL_ATTEMPTS = 3;

  private final SimcaConfig config;
  private final Supplier<LoadedHierarchy> hierarchy;
  private final Stores stores;
  private final EnrollmentAuthorizer authorizer;
  private final CertificateIssuer issuer;
  private final OcspPresigner presigner;
  private final Clock clock;
  private final Consumer<OcspResponseRow> onOcspPublished;
  private final java.util.function.Predicate<java.math.BigInteger> issuingCaRevoked;
  private final Map<String, DeviceProfile> profiles = new ConcurrentHashMap<>();

  /**
   * @param onOcspPublished called with every OCSP response the engine stores (the good one at
   *     issuance, a revoked one when the SIM went away meanwhile), after it is committed
   */
  public IssuanceEngine(
      SimcaConfig config,
      Supplier<LoadedHierarchy> hierarchy,
      Stores stores,
      EnrollmentAuthorizer authorizer,
      OcspPresigner presigner,
      Clock clock,
      Consumer<OcspResponseRow> onOcspPublished) {
    this(config, hierarchy, stores, authorizer, presigner, clock, onOcspPublished, serial -> false);
  }

  /**
   * As above; {@code issuingCaRevoked} says whether the root has revoked an issuing CA certificate
   * (by serial): an issuing CA the root revoked issues nothing more.
   */
  public IssuanceEngine(
      SimcaConfig config,
      Supplier<LoadedHierarchy> hierarchy,
      Stores stores,
      EnrollmentAuthorizer authorizer,
      OcspPresigner presigner,
      Clock clock,
      Consumer<OcspResponseRow> onOcspPublished,
      java.util.function.Predicate<java.math.BigInteger> issuingCaRevoked) {
    this.issuingCaRevoked = Objects.requireNonNull(issuingCaRevoked, "issuingCaRevoked");
    this.config = Objects.requireNonNull(config, "config");
    this.hierarchy = Objects.requireNonNull(hierarchy, "hierarchy");
    this.stores = Objects.requireNonNull(stores, "stores");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.presigner = Objects.requireNonNull(presigner, "presigner");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onOcspPublished = Objects.requireNonNull(onOcspPublished, "onOcspPublished");
    this.issuer = CertificateIssuer.create(settings(config, "any").lintPolicy());
  }

  /**
   * Runs one enrolment end to end. Never throws for bad input: every refusal is an audited {@link
   * EnrollmentOutcome.Refused}.
   */
  public EnrollmentOutcome enroll(EnrollmentSubmission submission) {
    EnrollmentRequest request = decode(submission);
    try {
      return issue(request);
    } catch (StoreUnavailableException | org.jooq.exception.DataAccessException e) {
      // The store failed mid-way: whatever was reserved stays "reserved" (never issued), the client
      // retries.
      LOG.warn(
          "store failure during {} from {}: {}",
          request.kind().eventType(),
          request.clientAddress(),
          e.toString());
      Deny deny =
          new Deny(
                  ErrorKind.UNAVAILABLE,
                  "store_unavailable",
                  "certificate store unavailable, retry later")
              .withRetryAfter(STORE_RETRY_AFTER);
      return refuse(request, deny, null);
    }
  }

  /**
   * Audits a request refused before it reached the engine (unknown label, wrong content type, body
   * too large). Best effort when the store is down: the refusal itself stands.
   */
  public void auditRejected(EnrollmentRequest.Kind kind, String clientAddress, CaException error) {
    audit(
        entry(
            kind,
            AuditOutcome.DENY,
            error.reason(),
            Evidence.NONE,
            null,
            clientAddress,
            null,
            error.detail()));
  }

  private EnrollmentOutcome issue(EnrollmentRequest request) {
    // Step 1: authorise (deny by default; the rules run in the order config/simca.yaml documents).
    Decision decision = authorizer.authorize(request);
    if (decision instanceof Deny deny) {
      return refuse(request, deny, null);
    }
    Allow allow = (Allow) decision;
    IssuingCa ca = hierarchy.get().byLabel(request.label()).orElse(null);
    if (ca == null) {
      return refuse(
          request,
          new Deny(ErrorKind.NOT_FOUND, "unknown_label", "no issuing CA '" + request.label() + "'")
              .withEvidence(allow.evidence()),
          allow.policy());
    }
    if (issuingCaRevoked.test(ca.cert().getSerialNumber())) {
      return refuse(
          request,
          new Deny(
                  ErrorKind.FORBIDDEN,
                  "issuing_ca_revoked",
                  "issuing CA '" + ca.label() + "' is revoked by the root")
              .withEvidence(allow.evidence()),
          allow.policy());
    }

    // Step 2: CSR rules. Proof of possession and the key type were checked by the decoder and the
    // policy; from here on only the key is taken from the CSR (subject, SANs, extensions are
    // ignored).
    ParsedCsr csr = request.csr().orElseThrow();
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(csr.spkiDer());

    // Step 3: profile. Names come from the SIM inventory and the attestation, never from the CSR.
    SimRow sim = allow.sim();
    DeviceIdentity device =
        new DeviceIdentity(sim.iccid(), Optional.of(sim.tenant()), allow.imei());
    CertificateTemplate template = profile(ca).template(device, spki);

    // Step 4: reserve the serial and record what is about to be signed (Boulder's precert step),
    // so a crash between signing and storing leaves a trace.
    try {
      template = reserve(template, ca, allow, csr);
    } catch (ReservationRefusedException e) {
      // The policy rules passed, but a concurrent enrolment got there first: the store's own
      // check, in the reservation's transaction, is the one that holds.
      Deny deny =
          switch (e.limit()) {
            case RATE ->
                new Deny(ErrorKind.RATE_LIMITED, "rate_limited", e.getMessage())
                    .withRetryAfter(java.time.Duration.ofMinutes(1));
            case KEY_REUSE -> Deny.forbidden("key_reuse", e.getMessage());
            case REPLAY -> Deny.forbidden("token_replayed", e.getMessage());
          };
      return refuse(request, deny.withEvidence(allow.evidence()), allow.policy());
    }
    BigInteger serial = template.serial();

    // Step 5: lint, then sign (CertificateIssuer lints a throwaway-signed copy of the exact TBS
    // bytes before the real key touches them).
    X509Certificate cert;
    byte[] der;
    try {
      cert = issuer.issue(template, ca.signingKey());
      der = cert.getEncoded();
    } catch (LintException | CertificateEncodingException e) {
      LOG.error("device certificate {} refused by lint: {}", serial.toString(16), e.getMessage());
      return refuse(
          request,
          new Deny(ErrorKind.INTERNAL, "lint_failed", "certificate profile error")
              .withEvidence(allow.evidence()),
          allow.policy());
    }

    // Step 6: store the certificate, its pre-signed good OCSP response and the ALLOW audit event
    // in one transaction (after kill -9 there is all of it or nothing; never a certificate that
    // the audit trail does not show).
    OcspResponseRow good = presigner.good(ca, serial, clock.instant());
    stores
        .certs()
        .markIssued(
            serial,
            der,
            good,
            entry(
                request.kind(),
                AuditOutcome.ALLOW,
                allow.rekey() ? "rekey" : null,
                allow.evidence(),
                serial,
                request.clientAddress(),
                allow.policy(),
                (allow.rekey() ? "rekey; " : "")
                    + "issued "
                    + template.subject()
                    + " until "
                    + template.notAfter()));

    // Step 7: re-check. A SIM revoked between reserve and store was not seen by the revocation
    // (it only revokes issued certificates): revoke this one now and answer with a deny, audited
    // after the ALLOW so the trail shows both.
    Optional<Deny> late = recheck(ca, serial, sim.iccid(), good);
    if (late.isPresent()) {
      return refuse(request, late.get().withEvidence(allow.evidence()), allow.policy(), serial);
    }
    onOcspPublished.accept(good);

    // Step 8: answer.
    return new EnrollmentOutcome.Issued(cert, serial, allow.rekey());
  }

  /** policy.maxEnrollmentsPerHour and policy.denyKeyReuse, for the reservation to enforce. */
  private ReservationLimits limits(Allow allow) {
    var p = config.policy();
    return new ReservationLimits(
        p.maxEnrollmentsPerHour(),
        clock.instant().minus(PolicyConfig.ENROLLMENT_RATE_WINDOW),
        p.denyKeyReuse(),
        allow
            .token()
            .map(t -> new ReservationLimits.UsedToken(t.issuer(), t.jti(), t.expiresAt())));
  }

  private CertificateTemplate reserve(
      CertificateTemplate template, IssuingCa ca, Allow allow, ParsedCsr csr) {
    SimRow sim = allow.sim();
    for (int attempt = 1; ; attempt++) {
      try {
        stores
            .certs()
            .reserve(
                new CertificateReservation(
                    template.serial(),
                    ca.keyId(),
                    sim.iccid(),
                    allow.imei().orElse(null),
                    sim.tenant(),
                    csr.spkiSha256Hex(),
                    template.subject().toString(),
                    PROFILE,
                    template.notBefore(),
                    template.notAfter(),
                    allow.policy()),
                limits(allow));
        return template;
      } catch (StoreConflictException e) {
        if (attempt >= SERIAL_ATTEMPTS) {
          throw e;
        }
        template = template.withSerial(SerialNumbers.next()); // 2^-127 collision: draw again
      }
    }
  }

  private Optional<Deny> recheck(
      IssuingCa ca, BigInteger serial, String iccid, OcspResponseRow good) {
    SimStatus status =
        stores.sims().find(iccid).map(SimRow::status).orElse(SimStatus.DECOMMISSIONED);
    CertStatus certStatus =
        stores.certs().find(serial).map(r -> r.status()).orElse(CertStatus.REVOKED);
    if (status == SimStatus.ACTIVE && certStatus == CertStatus.ISSUED) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    RevocationReason reason =
        switch (status) {
          case LOST, STOLEN -> RevocationReason.KEY_COMPROMISE;
          case DECOMMISSIONED -> RevocationReason.CESSATION_OF_OPERATION;
          default -> RevocationReason.PRIVILEGE_WITHDRAWN;
        };
    if (stores.certs().revoke(serial, reason.code(), now, Optional.empty())) {
      OcspResponseRow revoked = presigner.revoked(ca, serial, now, reason.code(), now);
      stores.ocsp().upsert(revoked);
      onOcspPublished.accept(revoked);
    }
    String name = status.name().toLowerCase(java.util.Locale.ROOT);
    return Optional.of(
        status == SimStatus.ACTIVE
            ? Deny.forbidden(
                "certificate_revoked", "the certificate was revoked while it was being issued")
            : Deny.forbidden(
                "sim_" + name,
                "SIM became " + name + " during issuance; the new certificate is revoked"));
  }

  private EnrollmentOutcome refuse(EnrollmentRequest request, Deny deny, String policy) {
    return refuse(request, deny, policy, null);
  }

  private EnrollmentOutcome refuse(
      EnrollmentRequest request, Deny deny, String policy, BigInteger serial) {
    audit(
        entry(
            request.kind(),
            AuditOutcome.DENY,
            deny.reason(),
            deny.evidence(),
            serial,
            request.clientAddress(),
            policy,
            deny.detail()));
    return new EnrollmentOutcome.Refused(deny.toException());
  }

  /**
   * Appends an audit record; a store failure here is logged (the caller's answer already says what
   * happened).
   */
  private void audit(AuditEntry entry) {
    try {
      stores.audit().append(entry);
    } catch (RuntimeException e) {
      LOG.error(
          "audit append failed for {} {} ({}): {}",
          entry.eventType(),
          entry.outcome(),
          entry.reason(),
          e.toString());
    }
  }

  private static AuditEntry entry(
      EnrollmentRequest.Kind kind,
      AuditOutcome outcome,
      String reason,
      Evidence ev,
      BigInteger serial,
      String clientAddress,
      String policy,
      String detail) {
    return AuditEntry.builder(kind.eventType(), "device", outcome)
        .reason(reason)
        .iccid(digits(ev.iccid(), 18, 22))
        .imei(digits(ev.imei(), 15, 15))
        .attester(cut(ev.attester(), 128))
        .jti(cut(ev.jti(), 128))
        .tokenSha256(ev.tokenSha256())
        .serial(serial)
        .clientAddr(cut(clientAddress, 64))
        .policy(policy)
        .detail(detail)
        .build();
  }

  private static String digits(String s, int min, int max) {
    return s != null
            && s.length() >= min
            && s.length() <= max
            && s.chars().allMatch(c -> c >= '0' && c <= '9')
        ? s
        : null;
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  /**
   * Decodes the raw submission into values; problems become part of the request for the rules to
   * report. The token may come in the transport's credentials or inside the CSR; both at once must
   * agree.
   */
  static EnrollmentRequest decode(EnrollmentSubmission s) {
    Optional<EstCredentials> credentials = s.credentials().credentials();
    Optional<RequestProblem> credentialsProblem = s.credentials().problem();
    Optional<ParsedCsr> csr = Optional.empty();
    Optional<RequestProblem> csrProblem = Optional.empty();
    try {
      csr =
          Optional.of(
              s.csrEncoding() == CsrEncoding.DER
                  ? CsrDecoder.decodeDer(s.csr(), VERIFY_PROVIDER)
                  : CsrDecoder.decode(s.csr(), VERIFY_PROVIDER));
    } catch (EstRequestException e) {
      ErrorKind kind =
          e.reason() == EstRequestException.Reason.TOO_LARGE
              ? ErrorKind.PAYLOAD_TOO_LARGE
              : ErrorKind.MALFORMED;
      csrProblem = Optional.of(new RequestProblem(kind, e.reason().code(), e.getMessage()));
    }
    Optional<String> csrToken = Optional.empty();
    if (csr.isPresent() && credentialsProblem.isEmpty()) {
      try {
        csrToken = csr.get().attestationToken();
      } catch (EstRequestException e) {
        credentialsProblem =
            Optional.of(
                new RequestProblem(ErrorKind.MALFORMED, "malformed_csr_token", e.getMessage()));
      }
      Optional<String> headerToken = credentials.flatMap(EstCredentials::attestationToken);
      if (csrToken.isPresent() && headerToken.isPresent() && !csrToken.equals(headerToken)) {
        credentialsProblem =
            Optional.of(
                new RequestProblem(
                    ErrorKind.MALFORMED,
                    "conflicting_tokens",
                    "the CSR and the Authorization header carry different tokens"));
      }
    }
    return new EnrollmentRequest(
        s.kind(),
        s.label(),
        credentials,
        credentialsProblem,
        csrToken,
        csr,
        csrProblem,
        s.current(),
        s.clientAddress());
  }

  private DeviceProfile profile(IssuingCa ca) {
    return profiles.computeIfAbsent(
        ca.keyId(),
        k -> new DeviceProfile(IssuerInfo.of(ca.cert()), settings(config, ca.publicName()), clock));
  }

  /**
   * AIA (OCSP, caIssuers) and CDP under {@code server.effectivePublicUrl()}, validity from {@code
   * profile.*}.
   */
  static DeviceProfileSettings settings(SimcaConfig config, String publicName) {
    DeviceProfileSettings urls =
        DeviceProfileSettings.defaults(
            URI.create(config.server().effectivePublicUrl()), publicName);
    return new DeviceProfileSettings(
        config.profile().validity(),
        config.profile().backdate(),
        urls.ocspUrl(),
        urls.caIssuersUrl(),
        urls.crlUrl());
  }
}
