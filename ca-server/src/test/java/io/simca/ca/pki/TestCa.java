package io.simca.ca.pki;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import io.simca.ca.crypto.SigningKey;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;

/** A root + P-256 issuing CA made with the production profiles, for pki tests. */
public final class TestCa {

  public final SigningKey root;
  public final SigningKey issuing;
  public final CertificateIssuer issuer;

  private TestCa(SigningKey root, SigningKey issuing, CertificateIssuer issuer) {
    this.root = root;
    this.issuing = issuing;
    this.issuer = issuer;
  }

  public static TestCa create() {
    return create(IssuingCaProfile.DEFAULT_VALIDITY);
  }

  /** An issuing CA whose validity is {@code issuingValidity} (clamped to the root's). */
  public static TestCa create(Period issuingValidity) {
    CertificateIssuer issuer = CertificateIssuer.create(LintPolicy.DEFAULT);
    CryptoProviders p = CryptoProviders.get();
    Instant now = Instant.now();
    KeyPair rootKp = KeyType.EC_P384.generate(p);
    var rootCert =
        issuer.selfSign(
            RootCaProfile.of(new X500Name("O=simca test,CN=Test Root"))
                .template(rootKp.getPublic(), now),
            rootKp);
    SigningKey root = SigningKey.selfSigned(rootKp.getPrivate(), rootCert);
    KeyPair caKp = KeyType.EC_P256.generate(p);
    var caCert =
        issuer.issue(
            new IssuingCaProfile(
                    new X500Name("O=simca test,CN=Test Issuing"),
                    issuingValidity,
                    Duration.ofMinutes(5))
                .template(caKp.getPublic(), IssuerInfo.of(rootCert), now),
            root);
    return new TestCa(
        root, new SigningKey(caKp.getPrivate(), caCert, List.of(caCert, rootCert)), issuer);
  }

  /**
   * An issuing CA that expires {@code left} from now, made by hand (profiles do not shorten CAs
   * below days).
   */
  public static TestCa expiringIn(Duration left) {
    TestCa base = create();
    KeyPair caKp = KeyType.EC_P256.generate(CryptoProviders.get());
    Instant now = Instant.now();
    CertificateTemplate t =
        IssuingCaProfile.of(new X500Name("O=simca test,CN=Short Issuing"))
            .template(caKp.getPublic(), IssuerInfo.of(base.root.cert()), now)
            .withValidity(now.minus(Duration.ofDays(1)), now.plus(left));
    var caCert = base.issuer.issue(t, base.root);
    return new TestCa(
        base.root,
        new SigningKey(caKp.getPrivate(), caCert, List.of(caCert, base.root.cert())),
        base.issuer);
  }

  public DeviceProfile deviceProfile() {
    return deviceProfile(Clock.systemUTC());
  }

  public DeviceProfile deviceProfile(Clock clock) {
    return new DeviceProfile(
        IssuerInfo.of(issuing.cert()),
        DeviceProfileSettings.defaults(URI.create("http://127.0.0.1:8080"), "default"),
        clock);
  }
}
