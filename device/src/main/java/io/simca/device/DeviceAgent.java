package io.simca.device;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The reference device agent (DESIGN.md "device/"): generate a key, get a SIM attestation token for
 * it from the network attester, enrol over EST, and renew (with a new key and a fresh token) at
 * about two thirds of the lifetime. State lives in one directory: {@code agent.properties}, {@code
 * device.key}, {@code device.pem}.
 */
public final class DeviceAgent {

  private final Path dir;
  private final Clock clock;

  public DeviceAgent(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /** First enrolment (RFC 7030 §4.2.1): saves the configuration and the new credentials. */
  public DeviceCredentials enroll(AgentConfig config) {
    DeviceCredentials creds = obtain(config, Optional.empty());
    config.save(dir);
    creds.save(dir);
    return creds;
  }

  /**
   * Renewal with a new key (re-key, RFC 7030 §4.2.2) over mTLS with the current certificate; once
   * that certificate has expired the server would refuse it, so the agent enrols afresh instead.
   */
  public DeviceCredentials renew() {
    AgentConfig config = AgentConfig.load(dir);
    DeviceCredentials current = DeviceCredentials.load(dir);
    boolean expired = !clock.instant().isBefore(current.certificate().getNotAfter().toInstant());
    DeviceCredentials next = obtain(config, expired ? Optional.empty() : Optional.of(current));
    next.save(dir);
    return next;
  }

  /**
   * Renews for ever at the scheduled times, logging each step through {@code log}; returns only
   * when interrupted.
   */
  public void runDaemon(RandomGenerator random, Consumer<String> log) throws InterruptedException {
    int failures = 0;
    while (!Thread.currentThread().isInterrupted()) {
      DeviceCredentials current = DeviceCredentials.load(dir);
      X509Certificate cert = current.certificate();
      Instant due =
          failures == 0
              ? RenewalSchedule.renewAt(cert, random)
              : clock.instant().plus(RenewalSchedule.retryAfter(failures));
      Duration wait = Duration.between(clock.instant(), due);
      if (!wait.isNegative()) {
        log.accept(
            "next renewal at "
                + due
                + " (certificate valid until "
                + cert.getNotAfter().toInstant()
                + ")");
        Thread.sleep(wait.toMillis());
      }
      try {
        DeviceCredentials renewed = renew();
        failures = 0;
        log.accept(
            "renewed: serial "
                + renewed.certificate().getSerialNumber().toString(16)
                + ", valid until "
                + renewed.certificate().getNotAfter().toInstant());
      } catch (DeviceFailure e) {
        failures++;
        log.accept("renewal failed (attempt " + failures + "): " + e.getMessage());
      }
    }
  }

  private DeviceCredentials obtain(AgentConfig config, Optional<DeviceCredentials> current) {
    KeyPair key = Keys.newP256();
    HttpClient plain = DeviceHttp.client(config.trust(), config.sourceAddress(), Optional.empty());
    String token = new AttesterClient(plain, config.attester()).token(key.getPublic());
    byte[] csr = csr(key, current.map(DeviceCredentials::certificate));
    HttpClient est =
        current.isEmpty()
            ? plain
            : DeviceHttp.client(config.trust(), config.sourceAddress(), current);
    List<X509Certificate> certs =
        new EstClient(est, config.est()).enroll(csr, token, current.isPresent());
    return new DeviceCredentials(key.getPrivate(), leafFirst(certs, key.getPublic()));
  }

  /**
   * The CSR. On renewal RFC 7030 §4.2.2 wants the subject and SubjectAltName of the certificate
   * being renewed; a first CSR names nothing, as the CA builds the subject from the SIM anyway.
   */
  private static byte[] csr(KeyPair key, Optional<X509Certificate> renewing) {
    X500Name subject =
        renewing
            .map(c -> X500Name.getInstance(c.getSubjectX500Principal().getEncoded()))
            .orElse(new X500Name(new X500Principal("CN=simca-device").getName()));
    PKCS10CertificationRequestBuilder b =
        new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic());
    renewing
        .map(c -> c.getExtensionValue(Extension.subjectAlternativeName.getId()))
        .ifPresent(
            octets -> {
              try {
                Extension san =
                    new Extension(
                        Extension.subjectAlternativeName,
                        false,
                        org.bouncycastle.asn1.ASN1OctetString.getInstance(octets).getOctets());
                b.addAttribute(
                    PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new Extensions(san));
              } catch (RuntimeException e) {
                // An unreadable SAN is the server's to judge; the request goes without it.
              }
            });
    try {
      return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
          .getEncoded();
    } catch (OperatorCreationException | IOException e) {
      throw new DeviceFailure("cannot sign the CSR: " + e.getMessage());
    }
  }

  private static List<X509Certificate> leafFirst(List<X509Certificate> certs, PublicKey key) {
    List<X509Certificate> ordered = new ArrayList<>();
    certs.stream().filter(c -> c.getPublicKey().equals(key)).findFirst().ifPresent(ordered::add);
    if (ordered.isEmpty()) {
      throw new DeviceFailure("EST returned no certificate for the key the agent sent");
    }
    certs.stream().filter(c -> !c.getPublicKey().equals(key)).forEach(ordered::add);
    return ordered;
  }
}
