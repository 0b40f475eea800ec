package io.simca.ca.testing;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import io.simca.ca.crypto.Pem;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.pki.CertificateIssuer;
import io.simca.ca.pki.CertificateTemplate;
import io.simca.ca.pki.DeviceIdentity;
import io.simca.ca.pki.DeviceProfile;
import io.simca.ca.pki.DeviceProfileSettings;
import io.simca.ca.pki.IssuerInfo;
import io.simca.ca.server.CaServices;
import io.simca.ca.store.AuditEntry;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.CertificateReservation;
import io.simca.ca.store.OcspResponseRow;
import io.simca.ca.store.SimRow;
import io.simca.ca.store.SimStore;
import io.simca.ca.store.Stores;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issues device certificates on a running test node the way the issuance engine does, without EST:
 * SIM row, device profile + {@link CertificateIssuer} with the node's issuing CA, reserve, sign,
 * {@code markIssued} with the pre-signed {@code good} response, then the OCSP cache hook. Writes
 * PEM files for external validators.
 */
public final class TestCertificates {

  /**
   * An issued device certificate and its files ({@code <iccid>.pem} and {@code issuer.pem} in the
   * given dir).
   */
  public record Issued(
      String iccid,
      BigInteger serial,
      X509Certificate cert,
      KeyPair key,
      Path certPem,
      Path issuerPem,
      Path rootPem) {
    public String serialHex() {
      return serial.toString(16);
    }
  }

  private TestCertificates() {}

  /** A random 19-digit ICCID (89 = telecom, 49 = country). */
  public static String randomIccid() {
    StringBuilder b = new StringBuilder("8949");
    ThreadLocalRandom r = ThreadLocalRandom.current();
    while (b.length() < 19) {
      b.append(r.nextInt(10));
    }
    return b.toString();
  }

  /** A new SIM and one certificate for it. */
  public static Issued issue(TestServer node, Path dir) {
    String iccid = randomIccid();
    insertSim(node.stores(), iccid);
    return issueFor(node, iccid, dir);
  }

  public static void insertSim(Stores stores, String iccid) {
    String imsi = "262" + iccid.substring(iccid.length() - 12);
    stores
        .sims()
        .insertAll(
            List.of(SimRow.imported(iccid, imsi, imei(iccid), "acme")), SimStore.OnExisting.SKIP);
  }

  /** One more certificate for an existing SIM. */
  public static Issued issueFor(TestServer node, String iccid, Path dir) {
    try {
      CaServices services = node.server().services();
      IssuingCa ca = node.issuingCa();
      DeviceProfileSettings settings =
          DeviceProfileSettings.defaults(
              URI.create(node.config().server().effectivePublicUrl()), ca.label());
      DeviceProfile profile =
          new DeviceProfile(IssuerInfo.of(ca.cert()), settings, Clock.systemUTC());
      KeyPair key = KeyType.EC_P256.generate(CryptoProviders.get());
      String imei = imei(iccid);
      CertificateTemplate t =
          profile.template(
              new DeviceIdentity(iccid, Optional.of("acme"), Optional.of(imei)), key.getPublic());
      String spki =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded()));
      // Step order of the engine: reserve, sign, store certificate + first OCSP response, then
      // cache.
      node.stores()
          .certs()
          .reserve(
              new CertificateReservation(
                  t.serial(),
                  ca.keyId(),
                  iccid,
                  imei,
                  "acme",
                  spki,
                  t.subject().toString(),
                  "device",
                  t.notBefore(),
                  t.notAfter(),
                  "test"));
      X509Certificate cert =
          CertificateIssuer.create(settings.lintPolicy()).issue(t, ca.signingKey());
      OcspResponseRow good = services.ocspPresigner().good(ca, t.serial(), Instant.now());
      node.stores()
          .certs()
          .markIssued(
              t.serial(),
              cert.getEncoded(),
              good,
              AuditEntry.builder("enroll", "test", AuditOutcome.ALLOW).serial(t.serial()).build());
      services.ocsp().cacheHook().accept(good);
      Path certPem = dir.resolve(iccid + "-" + t.serial().toString(16) + ".pem");
      Pem.writeCertificate(certPem, cert);
      Path issuerPem = dir.resolve("issuer-" + ca.keyId() + ".pem");
      Pem.writeCertificate(issuerPem, ca.cert());
      return new Issued(iccid, t.serial(), cert, key, certPem, issuerPem, node.rootPem());
    } catch (Exception e) {
      throw new IllegalStateException("test issuance failed: " + e, e);
    }
  }

  private static String imei(String iccid) {
    return "35" + iccid.substring(iccid.length() - 13);
  }
}
