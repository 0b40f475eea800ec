package io.simca.ca.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {

  private static TestCa ca;

  @BeforeAll
  static void setUp() {
    ca = TestCa.create();
  }

  @Test
  void templateFailingLint_isNeverSignedByTheRealKey() {
    AtomicInteger realSignatures = new AtomicInteger();
    CryptoProviders p = CryptoProviders.get();
    CertificateIssuer issuer =
        new CertificateIssuer(
            p,
            CertificateLinter.standard(LintPolicy.DEFAULT),
            (key, alg) -> counting(p.contentSigner(key, alg), realSignatures));
    KeyPair device = KeyType.EC_P256.generate(p);
    CertificateTemplate good =
        ca.deviceProfile().template(DeviceIdentity.of("8944501234567890123"), device.getPublic());

    X509Certificate[] produced = new X509Certificate[1];
    assertThatThrownBy(
            () -> produced[0] = issuer.issue(good.withSerial(BigInteger.valueOf(-1)), ca.issuing))
        .isInstanceOf(LintException.class);
    assertThat(produced[0]).isNull();
    assertThat(realSignatures).hasValue(0);

    X509Certificate cert = issuer.issue(good, ca.issuing);
    assertThat(cert).isNotNull();
    assertThat(realSignatures).hasValue(1);
  }

  @Test
  void issuedCertificate_verifiesUnderTheIssuer_andCarriesTheTemplate() throws Exception {
    KeyPair device = KeyType.EC_P256.generate(CryptoProviders.get());
    CertificateTemplate t =
        ca.deviceProfile().template(DeviceIdentity.of("8944501234567890123"), device.getPublic());
    X509Certificate cert = ca.issuer.issue(t, ca.issuing);

    cert.verify(ca.issuing.cert().getPublicKey());
    assertThat(cert.getSerialNumber()).isEqualTo(t.serial());
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(t.notBefore());
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(t.notAfter());
    assertThat(cert.getPublicKey()).isEqualTo(device.getPublic());
    assertThat(cert.getIssuerX500Principal())
        .isEqualTo(ca.issuing.cert().getSubjectX500Principal());
  }

  @Test
  void rootAndIssuingCa_areProperCas() throws Exception {
    ca.root.cert().verify(ca.root.cert().getPublicKey());
    ca.issuing.cert().verify(ca.root.cert().getPublicKey());
    assertThat(ca.root.cert().getBasicConstraints()).isEqualTo(1);
    assertThat(ca.issuing.cert().getBasicConstraints()).isEqualTo(0);
    assertThat(ca.root.cert().getSigAlgName()).isEqualTo("SHA384withECDSA");
    assertThat(ca.issuing.cert().getSigAlgName())
        .isEqualTo("SHA384withECDSA"); // signed by the P-384 root
    assertThat(ca.issuing.cert().getNotAfter()).isBeforeOrEqualTo(ca.root.cert().getNotAfter());
  }

  private static ContentSigner counting(ContentSigner real, AtomicInteger counter) {
    return new ContentSigner() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return real.getAlgorithmIdentifier();
      }

      @Override
      public OutputStream getOutputStream() {
        return real.getOutputStream();
      }

      @Override
      public byte[] getSignature() {
        counter.incrementAndGet();
        return real.getSignature();
      }
    };
  }
}
