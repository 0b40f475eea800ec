package io.simca.ca.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.ca.crypto.KeyFiles;
import io.simca.est.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HierarchyServiceTest {

  private static final String URL = io.simca.ca.hierarchy.InitOptions.DEFAULT_PUBLIC_URL;

  @TempDir Path tmp;
  private DataDir dir;
  private char[] rootPass;
  private final HierarchyService service = new HierarchyService();

  @BeforeEach
  void init() {
    dir = DataDir.of(tmp.resolve("data"));
    new HierarchyInitializer().init(dir, InitOptions.defaults());
    rootPass = KeyFiles.readPassphrase(dir.rootPassFile());
  }

  @Test
  void list_showsRootAndDefault() {
    List<CaInfo> list = service.list(dir);
    assertThat(list)
        .extracting(
            CaInfo::label, CaInfo::role, CaInfo::status, CaInfo::keyAlgorithm, CaInfo::generation)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "root", CaInfo.Role.ROOT, CaInfo.Status.ACTIVE, "EC P-384", 1),
            org.assertj.core.groups.Tuple.tuple(
                "default", CaInfo.Role.ISSUING, CaInfo.Status.ACTIVE, "EC P-256", 1));
    assertThat(list.get(1).subject()).isEqualTo("CN=simca Issuing CA default G1,O=simca");
  }

  @Test
  void wrongRootPassphrase_onRotateOrIssueIntermediate_isRefusedAndChangesNothing()
      throws Exception {
    String before = snapshot();
    assertThatThrownBy(() -> service.rotate(dir, "default", "nope".toCharArray(), URL))
        .isInstanceOf(HierarchyException.class)
        .hasMessage("wrong passphrase for " + dir.rootKey());
    assertThatThrownBy(() -> service.issueIntermediate(dir, "fleet2", "nope".toCharArray(), URL))
        .isInstanceOf(HierarchyException.class)
        .hasMessage("wrong passphrase for " + dir.rootKey());
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void corruptedIssuingKey_givesAClearOneLineMessage() throws Exception {
    Files.write(dir.issuingKey("default"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x05});
    assertThatThrownBy(() -> LoadedHierarchy.load(dir))
        .isInstanceOf(HierarchyException.class)
        .hasMessage("key file " + dir.issuingKey("default") + " is not a readable PKCS#12 file");
  }

  @Test
  void unreadableIssuingKey_givesAClearOneLineMessage() throws Exception {
    Files.delete(dir.issuingPass("default"));
    assertThatThrownBy(() -> LoadedHierarchy.load(dir))
        .isInstanceOf(HierarchyException.class)
        .hasMessage("passphrase file " + dir.issuingPass("default") + " does not exist");
  }

  @Test
  void notInitialised_andUnknownLabel_areOneLineErrors() {
    DataDir empty = DataDir.of(tmp.resolve("empty"));
    assertThatThrownBy(() -> LoadedHierarchy.load(empty))
        .isInstanceOf(HierarchyException.class)
        .hasMessageContaining("no CA hierarchy in")
        .hasMessageContaining("simca ca init");
    assertThatThrownBy(() -> service.rotate(dir, "nosuch", rootPass, URL))
        .isInstanceOf(HierarchyException.class)
        .hasMessage("unknown issuing CA label 'nosuch' (known: default)");
  }

  @Test
  void issueIntermediate_addsALabelWithItsOcspResponder_andRefusesItTwice() {
    CaInfo info = service.issueIntermediate(dir, "fleet2", rootPass, URL);
    assertThat(info.label()).isEqualTo("fleet2");
    assertThat(dir.labels()).containsExactly("default", "fleet2");
    LoadedHierarchy h = LoadedHierarchy.load(dir);
    IssuingCa fleet2 = h.byLabel("fleet2").orElseThrow();
    assertThat(fleet2.ocspResponder()).isPresent();
    assertThat(verifyWithOpenssl(dir.ocspCert("fleet2"), dir.issuingCert("fleet2"))).isTrue();

    assertThatThrownBy(() -> service.issueIntermediate(dir, "fleet2", rootPass, URL))
        .isInstanceOf(HierarchyException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> service.issueIntermediate(dir, "Bad/Label", rootPass, URL))
        .isInstanceOf(HierarchyException.class)
        .hasMessageContaining("invalid label");
  }

  @Test
  void rotate_makesANewActiveGeneration_andKeepsTheOldOneLoadable() throws Exception {
    X509Certificate old = LoadedHierarchy.load(dir).byLabel("default").orElseThrow().cert();

    CaInfo info = service.rotate(dir, "default", rootPass, URL);

    assertThat(info.generation()).isEqualTo(2);
    assertThat(dir.archivedCert("default", 1)).exists();
    assertThat(dir.archivedKey("default", 1)).exists();
    assertThat(dir.archivedOcspKey("default", 1)).exists();
    assertThat(mode(dir.archivedKey("default", 1))).isEqualTo("rw-------");

    LoadedHierarchy h = LoadedHierarchy.load(dir);
    IssuingCa active = h.byLabel("default").orElseThrow();
    assertThat(active.generation()).isEqualTo(2);
    assertThat(active.cert()).isNotEqualTo(old);
    assertThat(active.cert().getSubjectX500Principal().getName())
        .isEqualTo("CN=simca Issuing CA default G2,O=simca");
    assertThat(h.all()).hasSize(2);
    IssuingCa retired = h.all().stream().filter(c -> !c.active()).findFirst().orElseThrow();
    assertThat(retired.cert()).isEqualTo(old);
    assertThat(retired.generation()).isEqualTo(1);
    assertThat(retired.ocspResponder()).isPresent();

    // RFC 6960 §4.1.1 CertID lookups find both generations, by SHA-1 and SHA-256
    assertThat(h.byIssuerKeyHash(keyHash(old, "SHA-1")))
        .hasValueSatisfying(c -> assertThat(c.generation()).isEqualTo(1));
    assertThat(h.byIssuerKeyHash(keyHash(active.cert(), "SHA-1")))
        .hasValueSatisfying(c -> assertThat(c.generation()).isEqualTo(2));
    assertThat(h.byCertId(true, keyHash(old, "SHA-256"), nameHash(old, "SHA-256")))
        .hasValueSatisfying(c -> assertThat(c.active()).isFalse());
    assertThat(
            h.byCertId(true, keyHash(active.cert(), "SHA-256"), nameHash(active.cert(), "SHA-256")))
        .hasValueSatisfying(c -> assertThat(c.active()).isTrue());
    assertThat(h.byKeyId(retired.keyId().toUpperCase())).hasValue(retired);
    // ... and a CertID must also name the CA: issuerNameHash agrees, or no CA (G1 and G2 differ in
    // name).
    byte[] oldName = nameHash(old, "SHA-256");
    byte[] newName = nameHash(active.cert(), "SHA-256");
    assertThat(h.byCertId(true, keyHash(old, "SHA-256"), oldName)).hasValue(retired);
    assertThat(h.byCertId(true, keyHash(old, "SHA-256"), newName)).isEmpty();
    assertThat(h.byCertId(false, keyHash(old, "SHA-256"), oldName)).isEmpty();
    assertThat(h.byCertId(false, keyHash(active.cert(), "SHA-1"), nameHash(active.cert(), "SHA-1")))
        .hasValue(active);

    assertThat(service.list(dir))
        .extracting(CaInfo::label, CaInfo::generation, CaInfo::status)
        .contains(
            org.assertj.core.groups.Tuple.tuple("default", 1, CaInfo.Status.RETIRED),
            org.assertj.core.groups.Tuple.tuple("default", 2, CaInfo.Status.ACTIVE));

    service.rotate(dir, "default", rootPass, URL);
    assertThat(LoadedHierarchy.load(dir).all())
        .extracting(IssuingCa::generation)
        .containsExactlyInAnyOrder(3, 2, 1);
  }

  @Test
  void ocspResponder_isRenewedOnlyWhenDue_withoutTheRoot() throws Exception {
    assertThat(service.renewOcspResponderIfDue(dir, "default", Duration.ofDays(7))).isEmpty();

    HierarchyService later =
        new HierarchyService(Clock.offset(Clock.systemUTC(), Duration.ofDays(25)));
    X509Certificate renewed =
        later.renewOcspResponderIfDue(dir, "default", Duration.ofDays(7)).orElseThrow();

    IssuingCa ca = LoadedHierarchy.load(dir).byLabel("default").orElseThrow();
    assertThat(ca.ocspResponder().orElseThrow().cert()).isEqualTo(renewed);
    renewed.verify(ca.cert().getPublicKey());
    assertThat(renewed.getNotAfter())
        .isAfter(java.util.Date.from(java.time.Instant.now().plus(Duration.ofDays(50))));
  }

  private String snapshot() throws Exception {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> s = Files.walk(dir.root())) {
      for (Path p : s.sorted().toList()) {
        sb.append(dir.root().relativize(p)).append(' ');
        if (Files.isRegularFile(p)) {
          sb.append(
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private boolean verifyWithOpenssl(Path leaf, Path issuing) {
    var r =
        Processes.run(
            List.of(
                "openssl",
                "verify",
                "-CAfile",
                dir.rootCert().toString(),
                "-untrusted",
                issuing.toString(),
                leaf.toString()));
    return r.exitCode() == 0;
  }

  private static byte[] keyHash(X509Certificate c, String alg) throws Exception {
    return MessageDigest.getInstance(alg)
        .digest(
            SubjectPublicKeyInfo.getInstance(c.getPublicKey().getEncoded())
                .getPublicKeyData()
                .getBytes());
  }

  private static byte[] nameHash(X509Certificate c, String alg) throws Exception {
    return MessageDigest.getInstance(alg).digest(c.getSubjectX500Principal().getEncoded());
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
