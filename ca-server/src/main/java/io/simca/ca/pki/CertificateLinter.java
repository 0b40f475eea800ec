package io.simca.ca.pki;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * Runs every {@link Lint} over a to-be-signed certificate and returns all findings.
 *
 * <p>Why all, not first: an operator fixing a profile wants the whole list at once.
 */
public final class CertificateLinter {

  private final List<Lint> lints;
  private final LintPolicy policy;

  public CertificateLinter(List<Lint> lints, LintPolicy policy) {
    this.lints = List.copyOf(lints);
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Every lint simca has, in a fixed order (RFC 5280 structure first, then profile rules). */
  public static CertificateLinter standard(LintPolicy policy) {
    return new CertificateLinter(allLints(), policy);
  }

  public static List<Lint> allLints() {
    return List.of(
        new SerialNumberLint(),
        new SerialEntropyLint(),
        new ValidityOrderLint(),
        new ValidityEncodingLint(),
        new DuplicateExtensionLint(),
        new SubjectOrSanLint(),
        new CaBasicConstraintsLint(),
        new CaKeyUsageLint(),
        new EndEntityBasicConstraintsLint(),
        new EndEntityKeyUsageLint(),
        new KeyUsageCriticalLint(),
        new SubjectKeyIdentifierLint(),
        new AuthorityKeyIdentifierLint(),
        new DeviceValidityLint(),
        new DeviceClientAuthLint(),
        new OcspSigningEkuLint(),
        new OcspNoCheckLint(),
        new OperatorEkuLint());
  }

  public LintPolicy policy() {
    return policy;
  }

  public List<LintFinding> lint(TBSCertificate tbs, CertificateKind kind) {
    LintInput in = new LintInput(tbs, kind, policy);
    List<LintFinding> out = new ArrayList<>(0);
    for (Lint l : lints) {
      try {
        l.check(in).ifPresent(out::add);
      } catch (RuntimeException e) {
        // A lint that cannot even parse what it checks has found a malformed extension.
        out.add(new LintFinding(l.name(), l.citation(), "cannot evaluate: " + e.getMessage()));
      }
    }
    return out;
  }
}
