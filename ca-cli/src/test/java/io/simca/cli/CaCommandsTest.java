package io.simca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simca ca ...} as an operator runs it: real child JVM, real files, real exit codes. */
class CaCommandsTest {

  @TempDir Path tmp;

  @Test
  void caInit_createsTheContractLayout_andWarnsAboutADevHierarchy() throws Exception {
    Path data = tmp.resolve("data");
    var r = CliProcess.run(tmp, "ca", "init", "--data", data.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("WARNING development hierarchy");
    for (String f :
        new String[] {
          "ca/root.pem",
          "ca/root.p12",
          "ca/root.pass",
          "ca/default.pem",
          "ca/default.p12",
          "ocsp/default.pem",
          "tls/server.pem",
          "tls/server.key",
          "operators/admin.p12",
          "operators/admin.pass"
        }) {
      assertThat(data.resolve(f)).exists();
    }
    for (String secret :
        new String[] {
          "ca/root.p12",
          "ca/root.pass",
          "ca/default.p12",
          "tls/server.key",
          "operators/admin.p12",
          "operators/admin.pass"
        }) {
      assertThat(Files.getPosixFilePermissions(data.resolve(secret)))
          .as(secret)
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    assertThat(Files.isDirectory(data.resolve("attesters"))).isTrue();
  }

  @Test
  void caInit_withRootPassFile_doesNotStoreThePassphrase() throws Exception {
    Path pass = tmp.resolve("root.pass");
    Files.writeString(pass, "correct horse battery staple\n");
    Path data = tmp.resolve("data");
    var r =
        CliProcess.run(
            tmp, "ca", "init", "--data", data.toString(), "--root-pass-file", pass.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("WARNING");
    assertThat(data.resolve("ca/root.pass")).doesNotExist();
  }

  @Test
  void offlineRoot_caInitSignsTheRootsRevocationData_refreshRootReSignsIt_withoutThePassNothing()
      throws Exception {
    Path pass = tmp.resolve("root.pass");
    Files.writeString(pass, "correct horse battery staple\n");
    Path data = tmp.resolve("data");
    var init =
        CliProcess.run(
            tmp, "ca", "init", "--data", data.toString(), "--root-pass-file", pass.toString());
    assertThat(init.exitCode()).as(init.err()).isZero();
    Path crl = data.resolve("ca/root.crl");
    assertThat(crl).exists();
    assertThat(data.resolve("ca/root-ocsp")).isNotEmptyDirectory();
    byte[] first = Files.readAllBytes(crl);

    var refused = CliProcess.run(tmp, "ca", "refresh-root", "--data", data.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("--root-pass-file");

    Thread.sleep(1100); // a new thisUpdate second, so the CRL differs
    var refresh =
        CliProcess.run(
            tmp,
            "ca",
            "refresh-root",
            "--data",
            data.toString(),
            "--root-pass-file",
            pass.toString());
    assertThat(refresh.exitCode()).as(refresh.err()).isZero();
    assertThat(refresh.out()).contains("1 OCSP response(s)").contains("next update");
    assertThat(Files.readAllBytes(crl)).isNotEqualTo(first);
  }

  @Test
  void caRevoke_putsTheIssuingCaOnTheRootsCrl_andRefusesAnUnknownLabel() throws Exception {
    Path data = tmp.resolve("data");
    assertThat(CliProcess.run(tmp, "ca", "init", "--data", data.toString()).exitCode()).isZero();
    var unknown =
        CliProcess.run(
            tmp,
            "ca",
            "revoke",
            "--label",
            "nope",
            "--reason",
            "cACompromise",
            "--data",
            data.toString());
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("no issuing CA 'nope'");

    var r =
        CliProcess.run(
            tmp,
            "ca",
            "revoke",
            "--label",
            "default",
            "--reason",
            "cACompromise",
            "--data",
            data.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("revoked issuing CA 'default'");
    java.security.cert.X509CRL crl =
        (java.security.cert.X509CRL)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(Files.newInputStream(data.resolve("ca/root.crl")));
    java.security.cert.X509Certificate ca =
        (java.security.cert.X509Certificate)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(data.resolve("ca/default.pem")));
    assertThat(crl.isRevoked(ca)).isTrue();
  }

  @Test
  void caInit_refusesToOverwriteAnExistingHierarchy_withOneLineAndExit1() {
    Path data = tmp.resolve("data");
    assertThat(CliProcess.run(tmp, "ca", "init", "--data", data.toString()).exitCode()).isZero();
    var again = CliProcess.run(tmp, "ca", "init", "--data", data.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err().strip()).startsWith("simca: ").doesNotContain("\n").contains("exists");
  }

  @Test
  void usageErrors_exitWith2() {
    assertThat(CliProcess.run(tmp, "ca", "rotate").exitCode()).isEqualTo(2);
    assertThat(CliProcess.run(tmp, "no-such-command").exitCode()).isEqualTo(2);
    assertThat(CliProcess.run(tmp, "ca", "init", "--bogus").exitCode()).isEqualTo(2);
  }

  @Test
  void caList_showsRootAndIssuingCa_asTextAndJson() {
    Path data = tmp.resolve("data");
    CliProcess.run(tmp, "ca", "init", "--data", data.toString());
    var text = CliProcess.run(tmp, "ca", "list", "--data", data.toString());
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("default")
        .contains("ROOT")
        .contains("ISSUING")
        .contains("ACTIVE");
    var json = CliProcess.run(tmp, "ca", "list", "--data", data.toString(), "-o", "json");
    assertThat(json.out().lines())
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(line -> assertThat(line).startsWith("{").contains("\"keyAlgorithm\""));
  }

  @Test
  void rotate_archivesTheOldGeneration_andIssueIntermediateAddsALabel() {
    Path data = tmp.resolve("data");
    CliProcess.run(tmp, "ca", "init", "--data", data.toString());
    var rotate =
        CliProcess.run(tmp, "ca", "rotate", "--label", "default", "--data", data.toString());
    assertThat(rotate.exitCode()).as(rotate.err()).isZero();
    assertThat(data.resolve("ca/archive/default-1.pem")).exists();
    var inter =
        CliProcess.run(
            tmp, "ca", "issue-intermediate", "--label", "fleet-b", "--data", data.toString());
    assertThat(inter.exitCode()).as(inter.err()).isZero();
    assertThat(data.resolve("ca/fleet-b.pem")).exists();
    var list = CliProcess.run(tmp, "ca", "list", "--data", data.toString());
    assertThat(list.out()).contains("fleet-b").contains("RETIRED");
  }

  @Test
  void rotate_withWrongRootPassphrase_failsWithOneLine() throws Exception {
    Path data = tmp.resolve("data");
    CliProcess.run(tmp, "ca", "init", "--data", data.toString());
    Path wrong = tmp.resolve("wrong.pass");
    Files.writeString(wrong, "not-the-passphrase\n");
    var r =
        CliProcess.run(
            tmp,
            "ca",
            "rotate",
            "--label",
            "default",
            "--data",
            data.toString(),
            "--root-pass-file",
            wrong.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip())
        .startsWith("simca: ")
        .contains("passphrase")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void rotate_withUnreadableKeyFile_failsWithOneLine() throws Exception {
    Path data = tmp.resolve("data");
    CliProcess.run(tmp, "ca", "init", "--data", data.toString());
    Files.write(data.resolve("ca/root.p12"), new byte[] {1, 2, 3});
    var r = CliProcess.run(tmp, "ca", "rotate", "--label", "default", "--data", data.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).startsWith("simca: ").contains("root.p12").doesNotContain("\n");
  }

  @Test
  void badConfig_stopsWithOneLineNamingTheKey() throws Exception {
    Path cfg = tmp.resolve("bad.yaml");
    Files.writeString(cfg, "server:\n  est: { port: 99999 }\n");
    var r =
        CliProcess.run(
            tmp, "ca", "list", "--config", cfg.toString(), "--data", tmp.resolve("d").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).contains("server.est.port").doesNotContain("\n");
  }

  @Test
  void commandsOnAnUninitialisedDataDir_sayHowToFixIt() {
    var r =
        CliProcess.run(
            tmp,
            Map.of(),
            "ca",
            "rotate",
            "--label",
            "default",
            "--data",
            tmp.resolve("empty").toString(),
            "--root-pass-file",
            tmp.resolve("none").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).startsWith("simca: ").doesNotContain("\n");
  }
}
