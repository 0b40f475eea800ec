package io.simca.ca.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per lint showing it fires. The bad certificates are generated here from the production
 * profiles with one field broken (instead of PEM files in test resources): each is then pushed
 * through {@link CertificateIssuer#issue}, which must refuse it with that lint's finding. Lints
 * that a correct issuer cannot even express (UTCTime/GeneralizedTime mix-ups) are checked on a
 * hand-built TBSCertificate.
 */
class LintsTest {

  private static TestCa ca;
  private static KeyPair leafKey;

  @BeforeAll
  static void setUp() {
    ca = TestCa.create();
    leafKey = KeyType.EC_P256.generate(CryptoProviders.get());
  }

  static CertificateTemplate device() {
    return ca.deviceProfile()
        .template(
            DeviceIdentity.of("8944501234567890123").withImei("490154203237518"),
            leafKey.getPublic());
  }

  static CertificateTemplate issuingCa() {
    return IssuingCaProfile.of(new X500Name("CN=Bad CA"))
        .template(leafKey.getPublic(), IssuerInfo.of(ca.root.cert()), Instant.now());
  }

  static CertificateTemplate ocsp() {
    return OcspResponderProfile.of(new X500Name("CN=Bad OCSP"))
        .template(leafKey.getPublic(), IssuerInfo.of(ca.issuing.cert()), Instant.now());
  }

  static CertificateTemplate operator() {
    return OperatorProfile.of("simca")
        .template(
            "alice",
            OperatorRole.ADMIN,
            leafKey.getPublic(),
            IssuerInfo.of(ca.issuing.cert()),
            Instant.now());
  }

  static CertificateTemplate replace(
      CertificateTemplate t, ASN1ObjectIdentifier oid, Extension with) {
    List<Extension> exts = new ArrayList<>();
    for (Extension e : t.extensions()) {
      if (!e.getExtnId().equals(oid)) {
        exts.add(e);
      } else if (with != null) {
        exts.add(with);
      }
    }
    return t.withExtensions(exts);
  }

  static CertificateTemplate remove(CertificateTemplate t, ASN1ObjectIdentifier oid) {
    return replace(t, oid, null);
  }

  static CertificateTemplate add(CertificateTemplate t, Extension e) {
    List<Extension> exts = new ArrayList<>(t.extensions());
    exts.add(e);
    return t.withExtensions(exts);
  }

  static Stream<Arguments> badTemplates() {
    Instant now = Instant.now();
    return Stream.of(
        bad("e_serial_positive_max_20_octets", () -> device().withSerial(BigInteger.valueOf(-5))),
        bad(
            "e_serial_positive_max_20_octets",
            () -> device().withSerial(BigInteger.ONE.shiftLeft(165))),
        bad("e_serial_min_64_bits", () -> device().withSerial(BigInteger.valueOf(12345))),
        bad(
            "e_validity_not_before_after_not_after",
            () -> device().withValidity(now.plusSeconds(60), now)),
        bad(
            "e_extension_duplicated",
            () -> add(device(), CertExtensions.keyUsage(KeyUsage.digitalSignature))),
        bad(
            "e_empty_subject_without_critical_san",
            () -> operator().withSubject(new X500Name(new RDN[0]))),
        bad(
            "e_ca_basic_constraints_critical",
            () ->
                replace(
                    issuingCa(),
                    Extension.basicConstraints,
                    CertExtensions.basicConstraints(true, 0, false))),
        bad(
            "e_ca_basic_constraints_critical",
            () -> remove(issuingCa(), Extension.basicConstraints)),
        bad(
            "e_ca_key_usage_key_cert_sign",
            () ->
                replace(
                    issuingCa(), Extension.keyUsage, CertExtensions.keyUsage(KeyUsage.cRLSign))),
        bad(
            "e_end_entity_basic_constraints_ca",
            () ->
                replace(
                    device(),
                    Extension.basicConstraints,
                    CertExtensions.basicConstraints(true, 0, true))),
        bad(
            "e_end_entity_key_cert_sign",
            () ->
                replace(
                    device(),
                    Extension.keyUsage,
                    CertExtensions.keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign))),
        bad(
            "e_key_usage_missing_or_not_critical",
            () ->
                replace(
                    device(),
                    Extension.keyUsage,
                    CertExtensions.create(
                        Extension.keyUsage, false, new KeyUsage(KeyUsage.digitalSignature)))),
        bad("e_key_usage_missing_or_not_critical", () -> remove(device(), Extension.keyUsage)),
        bad(
            "e_subject_key_identifier_missing",
            () -> remove(device(), Extension.subjectKeyIdentifier)),
        bad(
            "e_authority_key_identifier_missing",
            () -> remove(device(), Extension.authorityKeyIdentifier)),
        bad(
            "e_device_validity_too_long",
            () ->
                device()
                    .withValidity(
                        now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(25)))),
        bad(
            "e_device_eku_client_auth_missing",
            () ->
                replace(
                    device(),
                    Extension.extendedKeyUsage,
                    CertExtensions.extendedKeyUsage(KeyPurposeId.id_kp_serverAuth))),
        bad(
            "e_ocsp_responder_eku_missing",
            () ->
                replace(
                    ocsp(),
                    Extension.extendedKeyUsage,
                    CertExtensions.extendedKeyUsage(KeyPurposeId.id_kp_clientAuth))),
        bad(
            "e_ocsp_responder_nocheck_missing",
            () -> remove(ocsp(), OCSPObjectIdentifiers.id_pkix_ocsp_nocheck)),
        bad(
            "e_operator_key_purpose",
            () ->
                replace(
                    operator(),
                    Extension.extendedKeyUsage,
                    CertExtensions.extendedKeyUsage(KeyPurposeId.id_kp_clientAuth))),
        bad(
            "e_operator_key_purpose",
            () ->
                replace(
                    device(),
                    Extension.extendedKeyUsage,
                    CertExtensions.extendedKeyUsage(
                        KeyPurposeId.id_kp_clientAuth, OperatorProfile.OPERATOR_KEY_PURPOSE))));
  }

  private static Arguments bad(String lint, Supplier<CertificateTemplate> template) {
    return Arguments.of(lint, template);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTemplates")
  void lint_firesOnItsBadTemplate_andIssuanceIsRefused(
      String lint, Supplier<CertificateTemplate> template) {
    assertThatThrownBy(() -> ca.issuer.issue(template.get(), ca.issuing))
        .isInstanceOf(LintException.class)
        .satisfies(
            e ->
                assertThat(((LintException) e).findings())
                    .extracting(LintFinding::lint)
                    .contains(lint))
        .hasMessageContaining(lint);
  }

  @Test
  void validityEncoding_firesOnGeneralizedTimeBefore2050() {
    TBSCertificate good = tbsOf(device());
    Date in2030 = Date.from(ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant());
    var g = new org.bouncycastle.asn1.x509.V3TBSCertificateGenerator();
    g.setSerialNumber(good.getSerialNumber());
    g.setSignature(good.getSignature());
    g.setIssuer(good.getIssuer());
    g.setStartDate(good.getStartDate());
    g.setEndDate(new Time(new DERGeneralizedTime(in2030))); // wrong: must be UTCTime before 2050
    g.setSubject(good.getSubject());
    g.setSubjectPublicKeyInfo(good.getSubjectPublicKeyInfo());
    g.setExtensions(good.getExtensions());

    assertThat(ca.issuer.linter().lint(g.generateTBSCertificate(), CertificateKind.DEVICE))
        .extracting(LintFinding::lint)
        .contains("e_validity_time_encoding_by_year");
  }

  @Test
  void validityEncoding_issuerUsesGeneralizedTimeFrom2050_andUtcTimeBefore() throws Exception {
    KeyPair kp = KeyType.EC_P256.generate(CryptoProviders.get());
    CertificateTemplate root =
        RootCaProfile.of(new X500Name("CN=Long Root")).template(kp.getPublic(), Instant.now());
    Instant in2051 = ZonedDateTime.of(2051, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
    var cert = ca.issuer.selfSign(root.withValidity(root.notBefore(), in2051), kp);

    TBSCertificate tbs = new JcaX509CertificateHolder(cert).toASN1Structure().getTBSCertificate();
    assertThat(tbs.getStartDate().toASN1Primitive()).isInstanceOf(ASN1UTCTime.class);
    assertThat(tbs.getEndDate().toASN1Primitive()).isInstanceOf(ASN1GeneralizedTime.class);
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(in2051);
  }

  @Test
  void everyStandardLint_hasAFiringCaseHere() {
    Set<String> covered = badTemplates().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
    covered.add("e_validity_time_encoding_by_year");
    assertThat(CertificateLinter.allLints()).extracting(Lint::name).allMatch(covered::contains);
  }

  @Test
  void productionProfiles_lintClean() {
    assertThat(ca.issuer.linter().lint(tbsOf(device()), CertificateKind.DEVICE)).isEmpty();
    assertThat(ca.issuer.linter().lint(tbsOf(ocsp()), CertificateKind.OCSP_RESPONDER)).isEmpty();
    assertThat(ca.issuer.linter().lint(tbsOf(operator()), CertificateKind.OPERATOR)).isEmpty();
    assertThat(ca.issuer.linter().lint(tbsOf(issuingCa()), CertificateKind.ISSUING_CA)).isEmpty();
  }

  private static TBSCertificate tbsOf(CertificateTemplate t) {
    return CertificateIssuer.buildTbs(
        t,
        new org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder()
            .find("SHA256withECDSA"));
  }
}
