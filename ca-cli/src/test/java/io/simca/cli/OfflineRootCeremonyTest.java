package io.simca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.admin.SimCsv;
import io.simca.ca.crypto.Pem;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.attest.PemKeys;
import io.simca.est.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline root ceremony as DESIGN.md and OPERATIONS.md describe it, each step a CLI process:
 * {@code ca init --root-only} on the "offline" data dir, {@code ca request-intermediate} on a node
 * whose keys live in a SoftHSM2 token, {@code ca issue-intermediate --csr} at the root, {@code ca
 * install-intermediate} on the node; the node then serves with no root key anywhere in its data
 * dir, its chain verifies with OpenSSL, the root's pre-signed OCSP answer about the issuing CA is
 * served, and a second ceremony rotates the running node without a restart. Requests altered in
 * transit and certificates for another key are refused with one line.
 */
class OfflineRootCeremonyTest {

  @TempDir Path tmp;

  @Test
  void rootStaysOffline_nodeServesFromTheTokenAndRotatesThroughASecondCeremony() throws Exception {
    SoftHsm hsm = SoftHsm.create(tmp.resolve("hsm"));
    Path offline = tmp.resolve("offline");
    Path node = tmp.resolve("node");
    Path rootPass = tmp.resolve("root.pass");
    Files.writeString(rootPass, "correct horse battery staple\n");
    NodeProcess.Ports ports = NodeProcess.Ports.free();
    // The root writes the nodes' public URL into the issuing CA certificates (AIA, CDP).
    Map<String, String> rootEnv = ports.env();
    Map<String, String> nodeEnv = new HashMap<>(hsm.env());
    nodeEnv.put("SIMCA_POLICY_MAX_ENROLLMENTS_PER_HOUR", "1000");

    ok(cli(rootEnv, "ca", "init", "--root-only", "--data", offline, "--root-pass-file", rootPass));
    assertThat(offline.resolve("ca/root.pem")).exists();
    assertThat(offline.resolve("ca/default.pem")).doesNotExist();

    Path cert1 = ceremony(rootEnv, nodeEnv, offline, node, rootPass, "g1.pem");
    CliProcess.Result install =
        cli(
            nodeEnv,
            "ca",
            "install-intermediate",
            "--label",
            "default",
            "--cert",
            cert1,
            "--root",
            offline.resolve("ca/root.pem"),
            "--data",
            node);
    ok(install);
    copyRootRevocationData(offline, node);
    try (Stream<Path> files = Files.walk(node)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no root key on the node")
          .doesNotContain("root.p12", "root.pass");
    }
    assertThat(node.resolve("ca/default.p11")).exists();
    assertThat(node.resolve("ca/pending/default.csr")).doesNotExist();

    KeyPair attester = AttestationMinter.generateAttesterKey();
    AttestationMinter minter = new AttestationMinter("att1", "att1", attester.getPrivate());
    Files.createDirectories(node.resolve("attesters"));
    Files.writeString(
        node.resolve("attesters/att1.pem"), PemKeys.publicKeyPem(attester.getPublic()));
    X509Certificate root = Pem.readCertificate(offline.resolve("ca/root.pem"));
    try (NodeProcess n = NodeProcess.start(tmp, node, ports, nodeEnv)) {
      assertThat(n.health().body()).contains("\"rootRevocation\":{\"status\":\"ok\"");
      DeviceSimulator.Identity id = DeviceSimulator.Identity.random();
      importSim(node, ports, id);
      X509Certificate g1 = Pem.readCertificate(cert1);
      X509Certificate dev = enroll(n, root, minter, id);
      assertThat(
              openssl(
                  "verify",
                  "-CAfile",
                  "root.pem",
                  "-untrusted",
                  "issuing.pem",
                  "dev.pem",
                  root,
                  g1,
                  dev))
          .contains("dev.pem: OK");
      // The root's answer about the issuing CA, pre-signed at the ceremony, served by the node.
      assertThat(
              openssl(
                  "ocsp",
                  "-issuer",
                  "root.pem",
                  "-cert",
                  "issuing.pem",
                  "-CAfile",
                  "root.pem",
                  "-no_nonce",
                  "-url",
                  ports.httpBase() + "/ocsp",
                  root,
                  g1,
                  dev))
          .contains("issuing.pem: good");

      // A second ceremony rotates the running node: generation 2 signs within seconds.
      Path cert2 = ceremony(rootEnv, nodeEnv, offline, node, rootPass, "g2.pem");
      assertThat(Pem.readCertificate(cert2).getSubjectX500Principal().getName())
          .contains("simca Issuing CA default G2");
      ok(cli(nodeEnv, "ca", "install-intermediate", "--cert", cert2, "--data", node));
      copyRootRevocationData(offline, node);
      X509Certificate g2 = Pem.readCertificate(cert2);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      X509Certificate fresh = enroll(n, root, minter, id);
      while (!fresh.getIssuerX500Principal().equals(g2.getSubjectX500Principal())) {
        assertThat(System.nanoTime()).as("generation 2 in service").isLessThan(deadline);
        Thread.sleep(500);
        fresh = enroll(n, root, minter, id);
      }
      fresh.verify(g2.getPublicKey());
      assertThat(node.resolve("ca/archive/default-1.p11")).exists();
    }
  }

  @Test
  void alteredRequestsAndForeignCertificates_areRefusedWithOneLine() throws Exception {
    Path offline = tmp.resolve("offline");
    Path node = tmp.resolve("node");
    Path rootPass = tmp.resolve("root.pass");
    Files.writeString(rootPass, "correct horse battery staple\n");
    ok(cli(Map.of(), "ca", "init", "--root-only", "--data", offline, "--root-pass-file", rootPass));
    ok(cli(Map.of(), "ca", "request-intermediate", "--data", node));
    Path csr = node.resolve("ca/pending/default.csr");

    CliProcess.Result again = cli(Map.of(), "ca", "request-intermediate", "--data", node);
    oneLine(again, "a request for 'default' is already pending");

    // A request whose signature no longer matches its content (one byte of the key changed).
    String pem = Files.readString(csr);
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    der[40] ^= 0x01;
    Path altered = tmp.resolve("altered.csr");
    Files.writeString(
        altered,
        "-----BEGIN CERTIFICATE REQUEST-----\n"
            + Base64.getMimeEncoder().encodeToString(der)
            + "\n-----END CERTIFICATE REQUEST-----\n");
    oneLine(
        cli(
            Map.of(),
            "ca",
            "issue-intermediate",
            "--csr",
            altered,
            "--label",
            "default",
            "--data",
            offline,
            "--root-pass-file",
            rootPass),
        altered.toString());
    oneLine(
        cli(
            Map.of(),
            "ca",
            "issue-intermediate",
            "--csr",
            csr,
            "--label",
            "fleet2",
            "--data",
            offline,
            "--root-pass-file",
            rootPass),
        "is a request for label 'default', not 'fleet2'");

    // A certificate the root made for another node's key does not install here.
    Path other = tmp.resolve("other");
    ok(cli(Map.of(), "ca", "request-intermediate", "--data", other));
    Path foreign = tmp.resolve("foreign.pem");
    ok(
        cli(
            Map.of(),
            "ca",
            "issue-intermediate",
            "--csr",
            other.resolve("ca/pending/default.csr"),
            "--label",
            "default",
            "--out",
            foreign,
            "--data",
            offline,
            "--root-pass-file",
            rootPass));
    oneLine(
        cli(
            Map.of(),
            "ca",
            "install-intermediate",
            "--cert",
            foreign,
            "--root",
            offline.resolve("ca/root.pem"),
            "--data",
            node),
        "certifies another key than the pending request for 'default'");
    assertThat(node.resolve("ca/root.pem")).as("nothing installed").doesNotExist();
    // ... and serve refuses to initialise over the pending request.
    oneLine(
        cli(NodeProcess.Ports.free().env(), "serve", "--data", node),
        "an issuing CA request is pending");
  }

  /** request-intermediate on the node, issue-intermediate --csr at the root: the certificate. */
  private Path ceremony(
      Map<String, String> rootEnv,
      Map<String, String> nodeEnv,
      Path offline,
      Path node,
      Path rootPass,
      String out)
      throws Exception {
    ok(cli(nodeEnv, "ca", "request-intermediate", "--label", "default", "--data", node));
    Path cert = tmp.resolve(out);
    ok(
        cli(
            rootEnv,
            "ca",
            "issue-intermediate",
            "--csr",
            node.resolve("ca/pending/default.csr"),
            "--label",
            "default",
            "--out",
            cert,
            "--data",
            offline,
            "--root-pass-file",
            rootPass));
    return cert;
  }

  private static void copyRootRevocationData(Path offline, Path node) {
    ok(
        Processes.run(
            null, "cp", offline.resolve("ca/root.crl").toString(), node.resolve("ca").toString()));
    ok(
        Processes.run(
            null,
            "cp",
            "-r",
            offline.resolve("ca/root-ocsp").toString(),
            node.resolve("ca").toString()));
  }

  private CliProcess.Result cli(Map<String, String> env, Object... args) {
    return CliProcess.run(tmp, env, Stream.of(args).map(Object::toString).toArray(String[]::new));
  }

  private static void ok(CliProcess.Result r) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
  }

  private static void ok(Processes.Result r) {
    assertThat(r.exitCode()).as(r.stderr()).isZero();
  }

  private static void oneLine(CliProcess.Result r, String expected) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    List<String> lines = r.err().strip().lines().toList();
    assertThat(lines.stream().filter(l -> l.startsWith("simca:"))).as(r.err()).hasSize(1);
    assertThat(lines.get(lines.size() - 1)).contains(expected);
    assertThat(r.err()).doesNotContain("Exception");
  }

  private void importSim(Path node, NodeProcess.Ports ports, DeviceSimulator.Identity id)
      throws Exception {
    Path csv = tmp.resolve("sims.csv");
    Files.writeString(
        csv, SimCsv.HEADER + "\n" + id.iccid().value() + "," + id.imsi().value() + ",,acme\n");
    ok(cli(Map.of(), "sim", "import", csv, "--data", node, "--server", ports.adminUrl()));
  }

  private static X509Certificate enroll(
      NodeProcess n, X509Certificate root, AttestationMinter minter, DeviceSimulator.Identity id) {
    DeviceSimulator.Result r = new DeviceSimulator(n.ports().estBase(), root, minter, id).enroll();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.certificate().orElseThrow();
  }

  /** OpenSSL in a folder holding root.pem, issuing.pem and dev.pem; stdout + stderr. */
  private String openssl(Object... argsAndCerts) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "openssl");
    int n = argsAndCerts.length;
    Pem.writeCertificate(dir.resolve("root.pem"), (X509Certificate) argsAndCerts[n - 3]);
    Pem.writeCertificate(dir.resolve("issuing.pem"), (X509Certificate) argsAndCerts[n - 2]);
    Pem.writeCertificate(dir.resolve("dev.pem"), (X509Certificate) argsAndCerts[n - 1]);
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    for (int i = 0; i < n - 3; i++) {
      cmd.add(argsAndCerts[i].toString());
    }
    Processes.Result r = Processes.run(dir, cmd, null);
    return r.stdout() + r.stderr();
  }
}
