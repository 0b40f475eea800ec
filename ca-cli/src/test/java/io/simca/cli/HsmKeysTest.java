package io.simca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.admin.SimCsv;
import io.simca.ca.crypto.Pem;
import io.simca.ca.store.StoreTarget;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.TestServers;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.attest.PemKeys;
import io.simca.est.testing.Processes;
import io.simca.est.tls.ClientTls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issuing CA and OCSP responder keys in a PKCS#11 token (SoftHSM2), driven as an operator would:
 * {@code ca init --pkcs11}, {@code serve} as a process, devices enrolling over EST, OpenSSL asking
 * OCSP, CRLs fetched from the distribution point the certificates name, {@code ca rotate} while
 * traffic runs (two nodes on PostgreSQL; the second takes the rotation up from the copied {@code
 * ca/} without a restart), and the token going away. The keys are checked in the token with
 * GnuTLS's p11tool: generated there, sensitive, never extractable.
 */
class HsmKeysTest {

  private static final String KID = "att1";

  @TempDir Path tmp;

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void keysInTheToken_enrolOcspCrl_rotateUnderTraffic_tokenGoneIs503(TestStores.Kind kind)
      throws Exception {
    SoftHsm hsm = SoftHsm.create(tmp.resolve("hsm"));
    try (StoreTarget store = TestStores.target(kind, tmp.resolve("h2"))) {
      Map<String, String> env = new HashMap<>(hsm.env());
      env.put("SIMCA_POLICY_MAX_ENROLLMENTS_PER_HOUR", "1000"); // the traffic re-enrols its SIMs
      if (kind == TestStores.Kind.POSTGRES) {
        env.put("SIMCA_STORE_URL", store.settings().jdbcUrl());
      }
      NodeProcess.Ports portsA = NodeProcess.Ports.free();
      Path dataA = tmp.resolve("a");
      CliProcess.Result init =
          CliProcess.run(
              tmp, with(env, portsA.env()), "ca", "init", "--pkcs11", "--data", dataA.toString());
      assertThat(init.exitCode()).as(init.err()).isZero();
      assertThat(init.out()).contains("online keys: PKCS#11 token");
      assertThat(dataA.resolve("ca/default.p11")).exists();
      assertThat(dataA.resolve("ocsp/default.p11")).exists();
      assertThat(dataA.resolve("ca/default.p12")).doesNotExist();
      assertThat(dataA.resolve("ocsp/default.p12")).doesNotExist();
      assertTokenKeys(hsm, 2);

      KeyPair attester = AttestationMinter.generateAttesterKey();
      AttestationMinter minter = new AttestationMinter(KID, KID, attester.getPrivate());
      Files.createDirectories(dataA.resolve("attesters"));
      Files.writeString(
          dataA.resolve("attesters/" + KID + ".pem"), PemKeys.publicKeyPem(attester.getPublic()));
      X509Certificate root = Pem.readCertificate(dataA.resolve("ca/root.pem"));
      X509Certificate gen1 = Pem.readCertificate(dataA.resolve("ca/default.pem"));

      Path dataB = tmp.resolve("b");
      if (kind == TestStores.Kind.POSTGRES) {
        copyNodeFiles(dataA, dataB); // a second node: same store, same token, its own data dir
      }
      List<NodeProcess> nodes = new ArrayList<>();
      try {
        nodes.add(NodeProcess.start(tmp, dataA, portsA, env));
        if (kind == TestStores.Kind.POSTGRES) {
          nodes.add(NodeProcess.start(tmp, dataB, NodeProcess.Ports.free(), env));
        }
        NodeProcess a = nodes.get(0);
        assertThat(a.health().body()).contains("\"key\":\"up\"");

        List<DeviceSimulator.Identity> sims = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          sims.add(DeviceSimulator.Identity.random());
        }
        importSims(dataA, portsA, sims);

        // Issued by the key in the token, answered by the responder key in the token.
        X509Certificate good = enroll(a, root, minter, sims.get(0));
        good.verify(gen1.getPublicKey());
        X509Certificate revoked = enroll(a, root, minter, sims.get(1));
        assertThat(ocsp(a, good, gen1, root)).contains(": good");
        CliProcess.Result rv =
            CliProcess.run(
                tmp,
                env,
                "cert",
                "revoke",
                revoked.getSerialNumber().toString(16),
                "--reason",
                "keyCompromise",
                "--data",
                dataA.toString(),
                "--server",
                portsA.adminUrl());
        assertThat(rv.exitCode()).as(rv.err()).isZero();
        assertThat(ocsp(a, revoked, gen1, root)).contains(": revoked");
        awaitCrlListing(revoked, gen1);

        // Rotation while OCSP and enrolment traffic runs against every node: no request may fail.
        Traffic traffic = Traffic.start(nodes, root, minter, sims.subList(4, 16), good, gen1);
        CliProcess.Result rotate =
            CliProcess.run(
                tmp, env, "ca", "rotate", "--label", "default", "--data", dataA.toString());
        assertThat(rotate.exitCode()).as(rotate.err()).isZero();
        if (nodes.size() > 1) {
          copyCaFiles(dataA, dataB); // what OPERATIONS.md says to do: copy ca/ and ocsp/
        }
        X509Certificate gen2 = Pem.readCertificate(dataA.resolve("ca/default.pem"));
        assertThat(gen2.getPublicKey()).isNotEqualTo(gen1.getPublicKey());
        assertThat(dataA.resolve("ca/archive/default-1.p11")).exists();
        assertTokenKeys(hsm, 4);
        for (int i = 0; i < nodes.size(); i++) {
          X509Certificate fresh = awaitIssuedBy(nodes.get(i), root, minter, sims.get(2 + i), gen2);
          assertThat(crlUrl(fresh)).endsWith("/crl/default-g2.crl");
        }
        Traffic.Result seen = traffic.stop();
        assertThat(seen.failures()).as(seen.toString()).isEmpty();
        assertThat(seen.ocspOk()).isGreaterThan(10);
        assertThat(seen.enrolled()).isGreaterThan(2);

        // The retired generation keeps answering for what it issued, on every node.
        for (NodeProcess n : nodes) {
          assertThat(ocsp(n, good, gen1, root)).contains(": good");
          assertThat(ocsp(n, revoked, gen1, root)).contains(": revoked");
        }
        X509CRL oldCrl = fetchCrl(crlUrl(revoked));
        oldCrl.verify(gen1.getPublicKey());
        assertThat(oldCrl.getRevokedCertificate(revoked.getSerialNumber())).isNotNull();

        // The HSM goes away: health says so and enrolment is 503 + Retry-After, not 500.
        hsm.deleteToken();
        HttpResponse<String> health = awaitHealthStatus(a, 503);
        assertThat(health.body()).contains("\"keys\":\"down\"");
        DeviceSimulator.Prepared p =
            new DeviceSimulator(a.ports().estBase(), root, minter, sims.get(3)).prepare();
        HttpResponse<String> refused = post(a, root, sims.get(3), p);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("signing key unavailable");
      } finally {
        for (NodeProcess n : nodes) {
          n.close();
        }
      }
    }
  }

  @Test
  void tokenProblems_stopTheNodeWithOneLine() throws Exception {
    SoftHsm hsm = SoftHsm.create(tmp.resolve("hsm"));
    Path data = tmp.resolve("data");
    CliProcess.Result init =
        CliProcess.run(tmp, hsm.env(), "ca", "init", "--pkcs11", "--data", data.toString());
    assertThat(init.exitCode()).as(init.err()).isZero();

    Path wrongPin = tmp.resolve("wrong.pin");
    Files.writeString(wrongPin, "000000\n");
    assertOneLineFailure(
        serve(with(hsm.env(), Map.of("SIMCA_CA_KEYS_PKCS11_PIN_FILE", wrongPin.toString())), data),
        "simca: wrong PIN for PKCS#11 token (" + hsm.library());
    assertOneLineFailure(
        serve(
            with(hsm.env(), Map.of("SIMCA_CA_KEYS_PKCS11_LIBRARY", "/nonexistent/libp11.so")),
            data),
        "simca: PKCS#11 library /nonexistent/libp11.so does not exist");
    assertOneLineFailure(
        serve(with(hsm.env(), Map.of("SIMCA_CA_KEYS_PROVIDER", "pkcs12")), data),
        "simca: " + data.resolve("ca/default.p11") + " names a key in a PKCS#11 token");
    assertOneLineFailure(
        CliProcess.run(
            tmp,
            with(hsm.env(), Map.of("SIMCA_CA_KEYS_PROVIDER", "pkcs12")),
            "ca",
            "init",
            "--pkcs11",
            "--data",
            tmp.resolve("other").toString()),
        "simca: --pkcs11 needs ca.keys.provider: pkcs11");

    String ref = Files.readString(data.resolve("ca/default.p11"));
    Files.writeString(data.resolve("ca/default.p11"), "pkcs11:id=%73%69%6D%63%61;type=private\n");
    assertOneLineFailure(serve(hsm.env(), data), "has no key labelled 'simca'");
    Files.writeString(data.resolve("ca/default.p11"), ref);
  }

  private CliProcess.Result serve(Map<String, String> env, Path data) {
    return CliProcess.run(
        tmp, with(env, NodeProcess.Ports.free().env()), "serve", "--data", data.toString());
  }

  /** Exit 1 and one line saying why, last on stderr; start-up log lines may precede it. */
  private static void assertOneLineFailure(CliProcess.Result r, String expected) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    List<String> lines = r.err().strip().lines().toList();
    assertThat(lines.stream().filter(l -> l.startsWith("simca:"))).as(r.err()).hasSize(1);
    assertThat(lines.get(lines.size() - 1)).as(r.err()).contains(expected);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static void assertTokenKeys(SoftHsm hsm, int expected) {
    String keys = hsm.privateKeys();
    List<String> objects =
        Stream.of(keys.split("Object \\d+:")).filter(s -> s.contains("Private key")).toList();
    assertThat(objects).as(keys).hasSize(expected);
    for (String o : objects) {
      // PKCS#11 v2.40 §4.9: generated in the token (never extractable) and sensitive.
      assertThat(o).contains("CKA_NEVER_EXTRACTABLE").contains("CKA_SENSITIVE");
    }
  }

  private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(base);
    all.putAll(more);
    return all;
  }

  private void importSims(Path data, NodeProcess.Ports ports, List<DeviceSimulator.Identity> ids)
      throws IOException {
    StringBuilder csv = new StringBuilder(SimCsv.HEADER).append('\n');
    for (DeviceSimulator.Identity id : ids) {
      csv.append(id.iccid().value()).append(',').append(id.imsi().value()).append(",,acme\n");
    }
    Path file = tmp.resolve("sims.csv");
    Files.writeString(file, csv);
    CliProcess.Result r =
        CliProcess.run(
            tmp,
            "sim",
            "import",
            file.toString(),
            "--data",
            data.toString(),
            "--server",
            ports.adminUrl());
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  private static X509Certificate enroll(
      NodeProcess node, X509Certificate root, AttestationMinter minter, DeviceSimulator.Identity id)
      throws Exception {
    DeviceSimulator.Result r =
        new DeviceSimulator(node.ports().estBase(), root, minter, id).enroll();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.certificate().orElseThrow();
  }

  /** Enrols {@code id} (again) until the certificate comes from {@code issuer}: within 20 s. */
  private static X509Certificate awaitIssuedBy(
      NodeProcess node,
      X509Certificate root,
      AttestationMinter minter,
      DeviceSimulator.Identity id,
      X509Certificate issuer)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    X509Certificate c;
    do {
      c = enroll(node, root, minter, id);
      if (c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
        c.verify(issuer.getPublicKey());
        return c;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("still issued by " + c.getIssuerX500Principal() + " after 20 s");
  }

  private static HttpResponse<String> post(
      NodeProcess node,
      X509Certificate root,
      DeviceSimulator.Identity id,
      DeviceSimulator.Prepared p)
      throws Exception {
    Path rootPem = Files.createTempFile("root", ".pem");
    try {
      Pem.writeCertificate(rootPem, root);
      try (HttpClient http =
          HttpClient.newBuilder().sslContext(ClientTls.trusting(rootPem)).build()) {
        String basic =
            Base64.getEncoder()
                .encodeToString(
                    (id.iccid().value() + ":" + p.token()).getBytes(StandardCharsets.UTF_8));
        return http.send(
            HttpRequest.newBuilder(URI.create(node.ports().estBase() + "/simpleenroll"))
                .header("Content-Type", "application/pkcs10")
                .header("Authorization", "Basic " + basic)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Base64.getMimeEncoder().encodeToString(p.csrDer())))
                .build(),
            HttpResponse.BodyHandlers.ofString());
      }
    } finally {
      Files.deleteIfExists(rootPem);
    }
  }

  /** {@code openssl ocsp} against the node: its verdict line and "Response verify OK". */
  private String ocsp(
      NodeProcess node, X509Certificate cert, X509Certificate issuer, X509Certificate root)
      throws IOException {
    Path dir = Files.createTempDirectory(tmp, "ocsp");
    Pem.writeCertificate(dir.resolve("cert.pem"), cert);
    Pem.writeCertificate(dir.resolve("issuer.pem"), issuer);
    Pem.writeCertificate(dir.resolve("root.pem"), root);
    Processes.Result r =
        Processes.run(
            dir,
            "openssl",
            "ocsp",
            "-issuer",
            "issuer.pem",
            "-cert",
            "cert.pem",
            "-url",
            node.ports().httpBase() + "/ocsp",
            "-CAfile",
            "root.pem",
            "-no_nonce");
    assertThat(r.stderr() + r.stdout()).contains("Response verify OK");
    return r.stdout();
  }

  private static String crlUrl(X509Certificate cert) throws Exception {
    CRLDistPoint dp =
        CRLDistPoint.fromExtensions(new JcaX509CertificateHolder(cert).getExtensions());
    DistributionPointName name = dp.getDistributionPoints()[0].getDistributionPoint();
    GeneralName uri = GeneralNames.getInstance(name.getName()).getNames()[0];
    assertThat(cert.getExtensionValue(Extension.cRLDistributionPoints.getId())).isNotNull();
    return uri.getName().toString();
  }

  private static X509CRL fetchCrl(String url) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).as(url).isEqualTo(200);
      return (X509CRL)
          CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(r.body()));
    }
  }

  /** The CRL at the certificate's distribution point lists it within 5 s, signed by its issuer. */
  private static void awaitCrlListing(X509Certificate cert, X509Certificate issuer)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      X509CRL crl = fetchCrl(crlUrl(cert));
      crl.verify(issuer.getPublicKey());
      if (crl.getRevokedCertificate(cert.getSerialNumber()) != null) {
        return;
      }
      assertThat(System.nanoTime()).as("CRL lists the revoked certificate").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static HttpResponse<String> awaitHealthStatus(NodeProcess node, int status)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    HttpResponse<String> r;
    do {
      r = node.health();
      if (r.statusCode() == status) {
        return r;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("health still " + r.statusCode() + ": " + r.body());
  }

  private static void copyNodeFiles(Path from, Path to) throws IOException {
    for (String dir : List.of("ca", "ocsp", "tls", "operators", "attesters")) {
      copyTree(from.resolve(dir), to.resolve(dir));
    }
  }

  private static void copyCaFiles(Path from, Path to) throws IOException {
    copyTree(from.resolve("ca"), to.resolve("ca"));
    copyTree(from.resolve("ocsp"), to.resolve("ocsp"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Processes.Result r =
        Processes.run(null, "cp", "-a", from + "/.", Files.createDirectories(to).toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
  }

  /**
   * OCSP requests for one certificate and enrolments of a pool of SIMs, round-robin over the nodes,
   * on two threads until stopped; every answer other than 200 (or an exception) is a failure.
   */
  private static final class Traffic {
    record Result(int ocspOk, int enrolled, List<String> failures) {}

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger ocspOk = new AtomicInteger();
    private final AtomicInteger enrolled = new AtomicInteger();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    static Traffic start(
        List<NodeProcess> nodes,
        X509Certificate root,
        AttestationMinter minter,
        List<DeviceSimulator.Identity> sims,
        X509Certificate cert,
        X509Certificate issuer)
        throws Exception {
      Traffic t = new Traffic();
      byte[] request = ocspRequest(cert, issuer);
      t.threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    int i = 0;
                    try (HttpClient http = HttpClient.newHttpClient()) {
                      while (t.running.get()) {
                        NodeProcess n = nodes.get(i++ % nodes.size());
                        try {
                          HttpResponse<byte[]> r =
                              http.send(
                                  HttpRequest.newBuilder(URI.create(n.ports().httpBase() + "/ocsp"))
                                      .header("Content-Type", "application/ocsp-request")
                                      .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                                      .timeout(Duration.ofSeconds(10))
                                      .build(),
                                  HttpResponse.BodyHandlers.ofByteArray());
                          if (r.statusCode() == 200) {
                            t.ocspOk.incrementAndGet();
                          } else {
                            t.failures.add("ocsp " + r.statusCode());
                          }
                          Thread.sleep(100);
                        } catch (Exception e) {
                          t.failures.add("ocsp " + e);
                        }
                      }
                    }
                  }));
      t.threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    int i = 0;
                    while (t.running.get()) {
                      NodeProcess n = nodes.get(i % nodes.size());
                      DeviceSimulator.Identity id = sims.get(i++ % sims.size());
                      try {
                        DeviceSimulator.Result r =
                            new DeviceSimulator(n.ports().estBase(), root, minter, id).enroll();
                        if (r.status() == 200) {
                          t.enrolled.incrementAndGet();
                        } else {
                          t.failures.add("enroll " + r.status() + " " + r.body());
                        }
                        Thread.sleep(300);
                      } catch (Exception e) {
                        t.failures.add("enroll " + e);
                      }
                    }
                  }));
      return t;
    }

    Result stop() throws InterruptedException {
      running.set(false);
      for (Thread th : threads) {
        th.join(30_000);
      }
      return new Result(ocspOk.get(), enrolled.get(), List.copyOf(failures));
    }

    private static byte[] ocspRequest(X509Certificate cert, X509Certificate issuer)
        throws Exception {
      CertificateID id =
          new CertificateID(
              new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
              new JcaX509CertificateHolder(issuer),
              cert.getSerialNumber());
      return new OCSPReqBuilder().addRequest(id).build().getEncoded();
    }
  }
}
