package io.simca.ca.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceProfileTest {

  private static final String ICCID = "8944501234567890123";
  private static TestCa ca;

  @BeforeAll
  static void setUp() {
    ca = TestCa.create();
  }

  @Test
  void validity_is24HoursFromNow_withNotBeforeBackdated5Minutes() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    DeviceProfile profile = ca.deviceProfile(Clock.fixed(now, ZoneOffset.UTC));
    X509Certificate cert = issue(profile, DeviceIdentity.of(ICCID), KeyType.EC_P256);

    assertThat(cert.getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofMinutes(5)));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofHours(24)));
  }

  @Test
  void notAfter_isClampedToAnIssuerExpiringInOneHour() {
    TestCa shortCa = TestCa.expiringIn(Duration.ofHours(1));
    X509Certificate cert =
        shortCa.issuer.issue(
            shortCa
                .deviceProfile()
                .template(
                    DeviceIdentity.of(ICCID),
                    KeyType.EC_P256.generate(CryptoProviders.get()).getPublic()),
            shortCa.issuing);

    assertThat(cert.getNotAfter()).isEqualTo(shortCa.issuing.cert().getNotAfter());
    assertThat(Duration.between(Instant.now(), cert.getNotAfter().toInstant()))
        .isLessThanOrEqualTo(Duration.ofHours(1));
  }

  @Test
  void expiredIssuer_refusesToIssue() {
    TestCa shortCa = TestCa.expiringIn(Duration.ofSeconds(30));
    DeviceProfile later =
        shortCa.deviceProfile(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));
    assertThatThrownBy(
            () ->
                later.template(
                    DeviceIdentity.of(ICCID),
                    KeyType.EC_P256.generate(CryptoProviders.get()).getPublic()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void subjectAndSan_comeOnlyFromTheIdentity() throws Exception {
    DeviceIdentity id =
        DeviceIdentity.of(ICCID).withTenant("acme-fleet").withImei("49015420", "323751", "8");
    X509Certificate cert = issue(ca.deviceProfile(), id, KeyType.EC_P256);

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + ICCID + ",O=acme-fleet");
    assertThat(cert.getSubjectAlternativeNames())
        .containsExactly(List.of(6, "urn:gsma:imei:49015420-323751-8"));
  }

  @Test
  void imei_acceptsFifteenDigitsOrTacSnrCd_andRejectsAnythingElse() {
    assertThat(DeviceIdentity.of(ICCID).withImei("490154203237518").imeiUrn())
        .hasValue("urn:gsma:imei:49015420-323751-8");
    assertThatThrownBy(() -> DeviceIdentity.of(ICCID).withImei("4901542032375,O=evil"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeviceIdentity.of("89,CN=x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutImei_thereIsNoSan() {
    X509Certificate cert = issue(ca.deviceProfile(), DeviceIdentity.of(ICCID), KeyType.EC_P256);
    assertThat(cert.getExtensionValue(Extension.subjectAlternativeName.getId())).isNull();
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + ICCID);
  }

  @Test
  void profileApi_cannotEvenAcceptACsr() {
    for (Method m : DeviceProfile.class.getMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && m.getDeclaringClass() == DeviceProfile.class) {
        assertThat(Arrays.stream(m.getParameterTypes()).map(Class::getName))
            .noneMatch(
                n ->
                    n.contains("PKCS10")
                        || n.contains("CertificationRequest")
                        || n.contains("X500Name"));
      }
    }
  }

  @Test
  void extensions_matchTheDesignProfile() throws Exception {
    X509Certificate cert = issue(ca.deviceProfile(), DeviceIdentity.of(ICCID), KeyType.EC_P256);
    var h = new JcaX509CertificateHolder(cert);

    assertThat(cert.getCriticalExtensionOIDs())
        .containsExactlyInAnyOrder(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getKeyUsage())
        .containsExactly(true, false, false, false, false, false, false, false, false);
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(cert.getSerialNumber().bitLength()).isBetween(64, 127);

    // RFC 5280 §4.2.1.2 method 1 SKI, and AKI = issuer's SKI
    byte[] ski =
        ASN1OctetString.getInstance(h.getExtension(Extension.subjectKeyIdentifier).getParsedValue())
            .getOctets();
    byte[] expected =
        java.security.MessageDigest.getInstance("SHA-1")
            .digest(
                SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded())
                    .getPublicKeyData()
                    .getBytes());
    assertThat(ski).isEqualTo(expected);
    byte[] aki =
        AuthorityKeyIdentifier.getInstance(
                h.getExtension(Extension.authorityKeyIdentifier).getParsedValue())
            .getKeyIdentifierOctets();
    assertThat(aki).isEqualTo(IssuerInfo.of(ca.issuing.cert()).keyId());

    AccessDescription[] aia =
        AuthorityInformationAccess.getInstance(
                h.getExtension(Extension.authorityInfoAccess).getParsedValue())
            .getAccessDescriptions();
    assertThat(aia)
        .extracting(a -> a.getAccessMethod().getId() + " " + a.getAccessLocation().getName())
        .containsExactly(
            AccessDescription.id_ad_ocsp.getId() + " http://127.0.0.1:8080/ocsp",
            AccessDescription.id_ad_caIssuers.getId() + " http://127.0.0.1:8080/ca/default.crt");
    var dp =
        CRLDistPoint.getInstance(h.getExtension(Extension.cRLDistributionPoints).getParsedValue())
            .getDistributionPoints()[0];
    assertThat(
            GeneralNames.getInstance(dp.getDistributionPoint().getName())
                .getNames()[0]
                .getName()
                .toString())
        .isEqualTo("http://127.0.0.1:8080/crl/default.crl");
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"EC_P256", "EC_P384", "ED25519", "RSA_2048"})
  void anyAllowedDeviceKey_isSignedWithTheIssuersAlgorithm(KeyType deviceKey) throws Exception {
    X509Certificate cert = issue(ca.deviceProfile(), DeviceIdentity.of(ICCID), deviceKey);
    cert.verify(ca.issuing.cert().getPublicKey());
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA"); // P-256 issuer
    assertThat(KeyType.of(cert.getPublicKey())).isEqualTo(deviceKey);
  }

  private static X509Certificate issue(DeviceProfile profile, DeviceIdentity id, KeyType keyType) {
    KeyPair kp = keyType.generate(CryptoProviders.get());
    return ca.issuer.issue(profile.template(id, kp.getPublic()), ca.issuing);
  }
}
