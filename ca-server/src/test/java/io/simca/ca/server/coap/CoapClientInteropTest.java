package io.simca.ca.server.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.crypto.Pem;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.TestServers;
import io.simca.est.attest.PemKeys;
import io.simca.est.codec.CertsOnly;
import io.simca.est.testing.Processes;
import io.simca.est.testing.Requirements;
import io.simca.est.testing.TestCsrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An independent client: libcoap's {@code coap-client} from Debian's libcoap3-bin, over both DTLS
 * backends Debian builds (OpenSSL and GnuTLS), with small blocks as a constrained device would use.
 * Trust is the node's root only ({@code -R}); re-enrolment presents the device certificate ({@code
 * -c}/{@code -j}).
 */
class CoapClientInteropTest {

  @TempDir static Path tmp;

  private static final CoapFixture.Nodes NODES =
      new CoapFixture.Nodes(kind -> CoapFixture.start(tmp, kind));

  private static final List<String> CLIENTS = List.of("coap-client-openssl", "coap-client-gnutls");

  @BeforeAll
  static void clientsInstalled() {
    for (String client : CLIENTS) {
      Requirements.tool(client, "libcoap3-bin");
    }
  }

  static Stream<Arguments> clients() {
    return TestServers.kinds().flatMap(k -> CLIENTS.stream().map(c -> Arguments.of(k, c)));
  }

  @AfterAll
  static void stop() {
    NODES.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clients")
  void discovery_listsTheEstResourceTypes(TestStores.Kind kind, String client) {
    CoapFixture f = NODES.get(kind);
    Processes.Result r = coap(f, client, List.of(), "/.well-known/core?rt=ace.est*");

    assertThat(r.output())
        .contains("rt=\"ace.est.crts\"")
        .contains("rt=\"ace.est.sen\"")
        .contains("rt=\"ace.est.sren\"")
        .contains("rt=\"ace.est.att\"");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clients")
  void crts_inSmallBlock2Blocks_isTheCaChain(TestStores.Kind kind, String client)
      throws IOException {
    CoapFixture f = NODES.get(kind);
    Path out = Files.createTempFile(tmp, "crts", ".der");

    coap(f, client, List.of("-A", "281", "-b", "64", "-o", out.toString()), "/.well-known/est/crts")
        .assertOk();

    assertThat(CertsOnly.decode(Files.readAllBytes(out)))
        .containsExactlyInAnyOrder(f.node.issuingCa().cert(), f.node.root());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clients")
  void sen_thenSren_withTheDeviceCertificate(TestStores.Kind kind, String client) throws Exception {
    CoapFixture f = NODES.get(kind);
    DeviceSimulator.Identity id = f.sim();
    Path dir = Files.createTempDirectory(tmp, "device");
    Path keyPem = dir.resolve("device.key");
    KeyPair key = opensslKey(keyPem);
    Path csr = Files.write(dir.resolve("csr.der"), f.csrWithToken(id, key));
    Path issued = dir.resolve("issued.p7");

    // Block1: a ~700-byte CSR in 64-byte blocks; the answer (~650 bytes) in Block2 blocks.
    coap(
            f,
            client,
            List.of(
                "-m",
                "post",
                "-t",
                "286",
                "-A",
                "281",
                "-b",
                "64",
                "-f",
                csr.toString(),
                "-o",
                issued.toString()),
            "/.well-known/est/sen")
        .assertOk();
    X509Certificate cert = CertsOnly.decode(Files.readAllBytes(issued)).get(0);
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=" + id.iccid().value());
    assertThat(cert.getPublicKey()).isEqualTo(key.getPublic());

    Path certPem = Files.writeString(dir.resolve("device.pem"), Pem.encode(cert));
    Path renewCsr =
        Files.write(
            dir.resolve("renew.der"),
            f.csrWithToken(
                id, key, X500Name.getInstance(cert.getSubjectX500Principal().getEncoded())));
    Path renewed = dir.resolve("renewed.p7");
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    coap(
            f,
            client,
            List.of(
                "-c",
                certPem.toString(),
                "-j",
                keyPem.toString(),
                "-m",
                "post",
                "-t",
                "286",
                "-f",
                renewCsr.toString(),
                "-o",
                renewed.toString()),
            "/.well-known/est/sren")
        .assertOk();

    X509Certificate next = CertsOnly.decode(Files.readAllBytes(renewed)).get(0);
    assertThat(next.getSerialNumber()).isNotEqualTo(cert.getSerialNumber());
    assertThat(next.getSubjectX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(f.auditSince(before))
        .singleElement()
        .satisfies(e -> assertThat(e.eventType()).isEqualTo("reenroll"))
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.ALLOW));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clients")
  void sen_refusesACsrBeyondTheReassemblyBound_with413AndAnAuditRecord(
      TestStores.Kind kind, String client) throws Exception {
    CoapFixture f = NODES.get(kind);
    Path big = Files.write(Files.createTempFile(tmp, "big", ".der"), new byte[20_000]);
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    Processes.Result r =
        coap(
            f,
            client,
            List.of("-m", "post", "-t", "286", "-b", "1024", "-f", big.toString()),
            "/.well-known/est/sen");

    assertThat(r.output()).contains("4.13");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (f.auditSince(before).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(f.auditSince(before))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("body_too_large"))
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.DENY));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clients")
  void sen_withoutAToken_prints401WithItsReason(TestStores.Kind kind, String client)
      throws IOException {
    CoapFixture f = NODES.get(kind);
    Path csr = Files.write(Files.createTempFile(tmp, "csr", ".der"), TestCsrs.der(TestCsrs.p256()));

    Processes.Result r =
        coap(
            f,
            client,
            List.of("-m", "post", "-t", "286", "-f", csr.toString()),
            "/.well-known/est/sen");

    assertThat(r.output()).contains("4.01").contains("credentials_missing");
  }

  /**
   * A P-256 device key generated by OpenSSL into {@code file}, as a libcoap device would hold it.
   */
  private static KeyPair opensslKey(Path file) throws IOException {
    Processes.run(
            file.getParent(),
            "openssl",
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            file.toString())
        .assertOk();
    String publicPem =
        Processes.run(file.getParent(), "openssl", "pkey", "-in", file.toString(), "-pubout")
            .assertOk()
            .stdout();
    return new KeyPair(
        PemKeys.readPublicKey(publicPem), Pem.decodePrivateKey(Files.readString(file)));
  }

  /** {@code coap-client -R root.pem [args] coaps://127.0.0.1:<port><path>}, 20 s at most. */
  private static Processes.Result coap(
      CoapFixture f, String client, List<String> args, String path) {
    List<String> command =
        new ArrayList<>(List.of(client, "-B", "20", "-R", f.node.rootPem().toString()));
    command.addAll(args);
    command.add("coaps://127.0.0.1:" + f.port() + path);
    return Processes.run(command);
  }
}
