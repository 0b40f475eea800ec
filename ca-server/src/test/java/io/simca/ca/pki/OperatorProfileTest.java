package io.simca.ca.pki;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OperatorProfileTest {

  private static final TestCa CA = TestCa.create();

  @ParameterizedTest
  @EnumSource(OperatorRole.class)
  void roleOf_readsTheRoleUrnBack(OperatorRole role) throws Exception {
    X509Certificate cert = issue("alice", role);
    assertThat(OperatorProfile.roleOf(cert)).hasValue(role);
    assertThat(cert.getSubjectX500Principal().getName())
        .isEqualTo("CN=alice,OU=" + role.id() + ",O=simca");
    assertThat(cert.getSubjectAlternativeNames())
        .containsExactly(List.of(6, "urn:simca:role:" + role.id()));
    assertThat(cert.getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.2", "2.25.125338317216575072951466842463323497085.2.1");
    assertThat(OperatorProfile.hasOperatorKeyPurpose(cert)).isTrue();
  }

  @Test
  void roleOf_isEmptyForCertificatesWithoutARoleUrn() {
    assertThat(OperatorProfile.roleOf(CA.issuing.cert())).isEmpty();
  }

  @Test
  void tlsServerProfile_hasLoopbackAndConfiguredNames() throws Exception {
    var kp = KeyType.EC_P256.generate(CryptoProviders.get());
    X509Certificate cert =
        CA.issuer.issue(
            TlsServerProfile.of(
                    new org.bouncycastle.asn1.x500.X500Name("CN=server"),
                    List.of("ca.example.net", "10.1.2.3"))
                .template(kp.getPublic(), IssuerInfo.of(CA.issuing.cert()), Instant.now()),
            CA.issuing);
    assertThat(cert.getSubjectAlternativeNames())
        .extracting(l -> (Object) l.get(1))
        .containsExactly("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", "ca.example.net", "10.1.2.3");
    assertThat(cert.getKeyUsage()[2]).isFalse(); // no keyEncipherment for an EC key
  }

  private static X509Certificate issue(String name, OperatorRole role) {
    var kp = KeyType.EC_P256.generate(CryptoProviders.get());
    return CA.issuer.issue(
        OperatorProfile.of("simca")
            .template(name, role, kp.getPublic(), IssuerInfo.of(CA.issuing.cert()), Instant.now()),
        CA.issuing);
  }
}
