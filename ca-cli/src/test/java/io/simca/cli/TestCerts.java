package io.simca.cli;

import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.store.AuditEntry;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.CertificateReservation;
import io.simca.ca.store.OcspCertStatus;
import io.simca.ca.store.OcspResponseRow;
import io.simca.ca.testing.TestServer;
import io.simca.est.testing.TestCsrs;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Puts an issued device certificate into a node's store the way the issuance engine would (reserve,
 * then markIssued), signed by the node's issuing CA, so admin reads have something to show before
 * the EST routes exist on this branch.
 */
final class TestCerts {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestCerts() {}

  static BigInteger issue(TestServer node, String iccid, String tenant) throws Exception {
    IssuingCa ca = node.issuingCa();
    KeyPair device = TestCsrs.p256();
    BigInteger serial = new BigInteger(1, randomBytes()).setBit(126);
    Instant nb = Instant.now().minusSeconds(300);
    Instant na = nb.plus(Duration.ofHours(24));
    String subject = "CN=" + iccid + ",O=" + tenant;
    String spki =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(device.getPublic().getEncoded()));
    node.stores()
        .certs()
        .reserve(
            new CertificateReservation(
                serial,
                ca.keyId(),
                iccid,
                null,
                tenant,
                spki,
                subject,
                "device",
                nb,
                na,
                "default"));
    byte[] der =
        new JcaX509v3CertificateBuilder(
                new X500Name(ca.cert().getSubjectX500Principal().getName()),
                serial,
                Date.from(nb),
                Date.from(na),
                new X500Name(subject),
                device.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.signingKey().key()))
            .getEncoded();
    node.stores()
        .certs()
        .markIssued(
            serial,
            der,
            OcspResponseRow.of(
                serial,
                ca.keyId(),
                OcspCertStatus.GOOD,
                new byte[] {0x30, 0x00},
                Instant.now(),
                Instant.now().plusSeconds(3600),
                Instant.now()),
            AuditEntry.builder("enroll", "test", AuditOutcome.ALLOW).serial(serial).build());
    return serial;
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return b;
  }
}
