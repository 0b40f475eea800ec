package io.simca.est.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.est.testing.Openssl;
import io.simca.est.testing.Processes;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.est.AttrOrOID;
import org.bouncycastle.asn1.est.CsrAttrs;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;

class CsrAttributesTest {

  @Test
  void der_defaultAdvisesP256WithEcdsaSha256AndRequiresAttestation() {
    CsrAttrs attrs = CsrAttrs.getInstance(CsrAttributes.der());
    List<AttrOrOID> items = Arrays.asList(attrs.getAttrOrOIDs());
    assertThat(items)
        .filteredOn(AttrOrOID::isOid)
        .extracting(AttrOrOID::getOid)
        .containsExactly(
            X9ObjectIdentifiers.ecdsa_with_SHA256,
            CsrAttributes.SIM_ATTESTATION_REQUIRED,
            CsrToken.OID);
    AttrOrOID ecKey = items.stream().filter(i -> !i.isOid()).findFirst().orElseThrow();
    assertThat(ecKey.getAttribute().getAttrType()).isEqualTo(X9ObjectIdentifiers.id_ecPublicKey);
    assertThat(ecKey.getAttribute().getAttrValues().getObjectAt(0))
        .isEqualTo(SECObjectIdentifiers.secp256r1);
  }

  @Test
  void der_addsChallengePasswordOnlyWhenAsked() {
    List<ASN1ObjectIdentifier> withoutIt = oids(CsrAttributes.der(SubjectKeyType.EC_P384, false));
    List<ASN1ObjectIdentifier> withIt = oids(CsrAttributes.der(SubjectKeyType.EC_P384, true));
    assertThat(withoutIt)
        .doesNotContain(PKCSObjectIdentifiers.pkcs_9_at_challengePassword)
        .contains(X9ObjectIdentifiers.ecdsa_with_SHA384);
    assertThat(withIt).contains(PKCSObjectIdentifiers.pkcs_9_at_challengePassword);
  }

  @Test
  void opensslParsesCsrAttrsDer() {
    Openssl.require();
    for (SubjectKeyType type : SubjectKeyType.values()) {
      Processes.Result result =
          Openssl.run(CsrAttributes.der(type, true), "asn1parse", "-inform", "DER");
      assertThat(result.exitCode()).as(type + ": " + result.stderr()).isZero();
      assertThat(result.stdout())
          .contains("challengePassword", CsrAttributes.SIM_ATTESTATION_REQUIRED.getId());
    }
    Processes.Result p256 = Openssl.run(CsrAttributes.der(), "asn1parse", "-inform", "DER");
    assertThat(p256.stdout()).contains("ecdsa-with-SHA256", "id-ecPublicKey", "prime256v1");
  }

  @Test
  void base64_isTheDerWithCrlfLines() {
    assertThat(EstBase64.decode(CsrAttributes.base64())).isEqualTo(CsrAttributes.der());
  }

  private static List<ASN1ObjectIdentifier> oids(byte[] der) {
    return Arrays.stream(CsrAttrs.getInstance(der).getAttrOrOIDs())
        .filter(AttrOrOID::isOid)
        .map(AttrOrOID::getOid)
        .toList();
  }
}
