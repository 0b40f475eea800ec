package io.simca.ca.policy;

import io.simca.ca.config.PolicyConfig;
import io.simca.ca.config.ProfileConfig;
import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.store.Stores;
import io.simca.est.attest.AttestationPolicy;
import io.simca.est.attest.AttestationVerifier;
import io.simca.est.attest.AttesterDirectory;
import io.simca.est.codec.SubjectKeyType;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The production authoriser: an enrolment is allowed only when a trusted network attester vouches
 * for the SIM and the CSR key, and every policy rule agrees. The rules and their order are the ones
 * documented in config/simca.yaml ({@code policy}):
 *
 * <ol>
 *   <li>credentials present ({@link CredentialsRule})
 *   <li>CSR proof of possession, key type allowed ({@link CsrRule}); re-enrolment: client
 *       certificate ours, valid, not revoked, same subject, rekey allowed ({@link
 *       ReenrollCertificateRule})
 *   <li>token signature, {@code typ}, {@code alg}, {@code kid}, {@code iss} (3), time window (4),
 *       key binding {@code cnf.jkt} and Basic user (5): one verifier call ({@link AttestationRule})
 *   <li value="6">{@code jti} single use ({@link ReplayRule})
 *   <li>SIM known and active ({@link SimStatusRule})
 *   <li>IMEI lock ({@link ImeiLockRule})
 *   <li>TAC, MCC-MNC, APN ({@link NetworkRule})
 *   <li>rate per SIM ({@link RateLimitRule})
 *   <li>key reuse across SIMs ({@link KeyReuseRule})
 * </ol>
 */
public final class SimAttestationAuthorizer implements EnrollmentAuthorizer {

  /** Policy name stored with certificates issued on a verified attestation. */
  public static final String POLICY_ATTESTED = "sim-attestation";

  /**
   * Policy name of a re-enrolment allowed on the client certificate alone (requireAttestation off).
   */
  public static final String POLICY_CLIENT_CERT = "client-certificate";

  private final PolicyEngine engine;

  public SimAttestationAuthorizer(
      PolicyConfig policy,
      ProfileConfig profile,
      AttesterDirectory attesters,
      Stores stores,
      Clock clock) {
    AttestationVerifier verifier =
        new AttestationVerifier(
            attesters,
            new AttestationPolicy(policy.clockSkew(), policy.maxTokenLifetime()),
            clock,
            CryptoProviders.get().providerFor("Signature", "SHA256withECDSA"));
    Set<SubjectKeyType> allowed =
        profile.allowedKeys().stream()
            .map(SubjectKeyType::valueOf)
            .collect(Collectors.toUnmodifiableSet());
    List<Rule> rules =
        List.of(
            new CredentialsRule(policy.reenroll().requireAttestation()),
            new CsrRule(allowed),
            new ReenrollCertificateRule(policy.reenroll().allowRekey()),
            new AttestationRule(verifier),
            new ReplayRule(stores.jtis()),
            new SimStatusRule(stores.sims()),
            new ImeiLockRule(stores.sims(), policy.imeiLock(), policy.suspendOnImeiMismatch()),
            new NetworkRule(policy.tacAllowlist(), policy.allowedMccMnc(), policy.allowedApn()),
            new RateLimitRule(stores.certs(), policy.maxEnrollmentsPerHour(), clock),
            new KeyReuseRule(stores.certs(), policy.denyKeyReuse()));
    this.engine =
        new PolicyEngine(rules, e -> e.token().isPresent() ? POLICY_ATTESTED : POLICY_CLIENT_CERT);
  }

  public PolicyEngine engine() {
    return engine;
  }

  @Override
  public Decision authorize(EnrollmentRequest request) {
    return engine.evaluate(request);
  }
}
