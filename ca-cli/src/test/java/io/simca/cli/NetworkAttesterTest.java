package io.simca.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.simca.ca.store.TestStores;
import io.simca.device.AgentConfig;
import io.simca.device.DeviceAgent;
import io.simca.device.DeviceCredentials;
import io.simca.device.DeviceFailure;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.attest.PemKeys;
import io.simca.est.codec.EstBase64;
import io.simca.est.id.Imei;
import io.simca.est.testing.Processes;
import io.simca.est.testing.Requirements;
import io.simca.est.testing.TestCsrs;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attested path end to end with real peers: a real CA node (H2) and its admin API, the network
 * attester service as a process of its own ({@code simca attester serve}), Debian's {@code
 * radclient} as the packet core's accounting client (3GPP VSAs from its dictionary.3gpp), devices
 * that send from distinct loopback addresses (the reference agent's {@code localAddress}, curl's
 * {@code --interface}), and EST over real TLS.
 */
class NetworkAttesterTest extends AdminNodeFixture {

  private static final String SECRET = "s3cret-of-the-pgw";
  private static final String DEVICE_IP = "127.0.0.23";
  private static final String NEIGHBOUR_IP = "127.0.0.24";
  private static final String THROTTLED_IP = "127.0.0.25";

  private final String prefix = freshPrefix();
  private final List<AttesterProcess> attesters = new ArrayList<>();
  private AttesterProcess settings;
  private Path p12;

  @Override
  TestStores.Kind kind() {
    return TestStores.Kind.H2;
  }

  @BeforeAll
  void startAttester() throws Exception {
    Requirements.tool("radclient", "freeradius-utils");
    Requirements.tool("curl", "curl");
    Path csv =
        csv(
            "sims",
            "iccid,imsi,imei,tenant",
            TestIds.iccid(prefix, 1) + "," + TestIds.imsi(1) + ",,acme",
            TestIds.iccid(prefix, 2) + "," + TestIds.imsi(2) + ",,acme",
            TestIds.iccid(prefix, 3) + "," + TestIds.imsi(3) + ",,acme");
    assertThat(cli("sim", "import", csv.toString()).exit()).isZero();
    CliRun issued = cli("operator", "issue", "--name", "attester-1", "--role", "attester");
    assertThat(issued.exit()).as(issued.toString()).isZero();
    p12 = node.dataDir().operatorP12("attester-1");
    settings = start("site1", tmp.resolve("site1-sessions.jsonl"));
  }

  @AfterAll
  void stopAttesters() {
    attesters.forEach(AttesterProcess::close);
  }

  @Test
  void radiusStart_deviceEnrolsAndRenews_stop_thenRefused() throws Exception {
    accounting(settings, "Start", "dev-1", DEVICE_IP, 1).assertOk();
    Path dir = tmp.resolve("device-1");
    DeviceAgent agent = new DeviceAgent(dir, Clock.systemUTC());
    DeviceCredentials creds = agent.enroll(agentConfig(settings, DEVICE_IP));
    X509Certificate cert = creds.certificate();
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=" + TestIds.iccid(prefix, 1));
    // The IMEI in the certificate is the one the network reported (IMEISV without its SVN).
    assertThat(cert.getSubjectAlternativeNames().iterator().next().get(1).toString())
        .isEqualTo(Imei.fromImeisv(imeisv(1)).toUrn());

    DeviceCredentials renewed = agent.renew();
    assertThat(renewed.certificate().getSerialNumber()).isNotEqualTo(cert.getSerialNumber());
    assertThat(renewed.certificate().getPublicKey()).isNotEqualTo(cert.getPublicKey());
    assertThat(renewed.certificate().getSubjectX500Principal())
        .isEqualTo(cert.getSubjectX500Principal());

    accounting(settings, "Stop", "dev-1", DEVICE_IP, 1).assertOk();
    assertThatThrownBy(agent::renew)
        .isInstanceOf(DeviceFailure.class)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("no live session");
  }

  @Test
  void callerWithoutSession_gets403() throws Exception {
    Processes.Result r = attest(settings, "127.0.0.99", TestCsrs.p256(), List.of());
    assertThat(r.stdout()).startsWith("403").contains("no live session for 127.0.0.99");
  }

  @Test
  void wrongRadiusSecret_packetDroppedAndCounted_noSession() throws Exception {
    double before = dropped(settings);
    Processes.Result r = accounting(settings, "Start", "dev-x", "127.0.0.30", 3, "not-the-secret");
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.output()).contains("No reply");
    // radclient tried more than once; each try was dropped and counted.
    assertThat(dropped(settings)).isGreaterThan(before);
    assertThat(attest(settings, "127.0.0.30", TestCsrs.p256(), List.of()).stdout())
        .startsWith("403");
  }

  @Test
  void forwardedForHeader_isIgnored_theSourceAddressDecides() throws Exception {
    accounting(settings, "Start", "dev-n", NEIGHBOUR_IP, 2).assertOk();
    accounting(settings, "Start", "dev-1b", DEVICE_IP, 1).assertOk();
    Processes.Result r =
        attest(
            settings,
            NEIGHBOUR_IP,
            TestCsrs.p256(),
            List.of("-H", "X-Forwarded-For: " + DEVICE_IP));
    assertThat(r.stdout()).startsWith("200");
    JsonObject claims = claims(r.stdout().substring(4));
    assertThat(claims.getString("sub")).isEqualTo(TestIds.iccid(prefix, 2));
    assertThat(claims.getString("imsi")).isEqualTo(TestIds.imsi(2));
    assertThat(claims.getString("rat")).isEqualTo("EUTRAN-NB-IoT");
    assertThat(claims.getString("apn")).isEqualTo("iot.simca");
    assertThat(claims.getString("mccmnc")).isEqualTo("23415");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(120);
  }

  @Test
  void tokenForOneKey_doesNotEnrolAnother_butCarriedInTheCsrItEnrolsItsOwn() throws Exception {
    accounting(settings, "Start", "dev-2", NEIGHBOUR_IP, 2).assertOk();
    KeyPair attested = TestCsrs.p256();
    Processes.Result r = attest(settings, NEIGHBOUR_IP, attested, List.of());
    assertThat(r.stdout()).startsWith("200");
    String token = r.stdout().substring(4);

    byte[] otherCsr = TestCsrs.der(TestCsrs.p256());
    assertThat(enrol(otherCsr, Optional.of(token))).startsWith("403");

    // The same token inside the CSR of the attested key, no Authorization header at all.
    byte[] withToken = TestCsrs.der(TestCsrs.withToken(attested, token));
    assertThat(enrol(withToken, Optional.empty())).startsWith("200");
  }

  @Test
  void tooManyTokensForOneSession_get429WithRetryAfter() throws Exception {
    accounting(settings, "Start", "dev-3", THROTTLED_IP, 3).assertOk();
    for (int i = 0; i < 3; i++) {
      assertThat(attest(settings, THROTTLED_IP, TestCsrs.p256(), List.of()).stdout())
          .startsWith("200");
    }
    Processes.Result r = attest(settings, THROTTLED_IP, TestCsrs.p256(), List.of("-D", "-"));
    assertThat(r.stdout()).contains("429").containsIgnoringCase("Retry-After:");
  }

  @Test
  void sessionsSurviveAKill9Restart_andASecondAttesterRunsBesideTheFirst() throws Exception {
    Path journal = tmp.resolve("restart-sessions.jsonl");
    AttesterProcess first = start("site2", journal);
    accounting(first, "Start", "dev-r", DEVICE_IP, 1).assertOk();
    first.kill();

    AttesterProcess again = start("site2", journal);
    assertThat(attest(again, DEVICE_IP, TestCsrs.p256(), List.of()).stdout()).startsWith("200");

    // Side by side: another attester with its own key and journal, fed the same accounting.
    AttesterProcess beside = start("site3", tmp.resolve("site3-sessions.jsonl"));
    accounting(beside, "Start", "dev-s", DEVICE_IP, 1).assertOk();
    DeviceCredentials creds =
        new DeviceAgent(tmp.resolve("device-site3"), Clock.systemUTC())
            .enroll(agentConfig(beside, DEVICE_IP));
    assertThat(creds.certificate().getSubjectX500Principal().getName())
        .contains(TestIds.iccid(prefix, 1));
  }

  @Test
  void tokenEndpointOverHttps_withTheGivenCertificate() throws Exception {
    accounting(settings, "Start", "dev-tls", NEIGHBOUR_IP, 2).assertOk();
    Path keyFile = tmp.resolve("site1.key");
    Path secret = tmp.resolve("radius.secret");
    AttesterProcess tls =
        AttesterProcess.start(
            tmp,
            List.of(
                "--id", "site1",
                "--key", keyFile.toString(),
                "--radius-secret-file", secret.toString(),
                "--sessions", tmp.resolve("tls-sessions.jsonl").toString(),
                "--tls-cert", node.dataDir().tlsChain().toString(),
                "--tls-key", node.dataDir().tlsKey().toString(),
                "--data", node.dataDir().root().toString(),
                "--server", serverUrl(),
                "--operator", p12.toString()),
            node.rootPem());
    attesters.add(tls);
    accounting(tls, "Start", "dev-tls", NEIGHBOUR_IP, 2).assertOk();
    Path pem = Files.createTempFile(tmp, "key", ".pem");
    Files.writeString(pem, PemKeys.publicKeyPem(TestCsrs.p256().getPublic()));
    Processes.Result r =
        Processes.run(
            tmp,
            List.of(
                "curl",
                "-sS",
                "--interface",
                NEIGHBOUR_IP,
                "--cacert",
                node.rootPem().toString(),
                "--data-binary",
                "@" + pem,
                "https://127.0.0.1:" + tls.httpPort() + "/attest"),
            null);
    assertThat(claims(r.stdout().strip()).getString("sub")).isEqualTo(TestIds.iccid(prefix, 2));
  }

  /** {@code simca attester serve} in a child JVM on free ports, signing with key {@code kid}. */
  private AttesterProcess start(String kid, Path journal) throws Exception {
    Path keyFile = tmp.resolve(kid + ".key");
    if (!Files.exists(keyFile)) {
      KeyPair key = AttestationMinter.generateAttesterKey();
      PemKeys.writePrivateKey(keyFile, key.getPrivate());
      node.trustAttester(kid, key.getPublic());
    }
    Path secret = tmp.resolve("radius.secret");
    Files.writeString(secret, SECRET + "\n");
    AttesterProcess a =
        AttesterProcess.start(
            tmp,
            List.of(
                "--id", kid,
                "--key", keyFile.toString(),
                "--radius-secret-file", secret.toString(),
                "--sessions", journal.toString(),
                "--rate-burst", "3",
                "--rate-per-minute", "1",
                "--data", node.dataDir().root().toString(),
                "--server", serverUrl(),
                "--operator", p12.toString()));
    attesters.add(a);
    return a;
  }

  private AgentConfig agentConfig(AttesterProcess s, String source) {
    return new AgentConfig(
        URI.create("http://127.0.0.1:" + s.httpPort()),
        URI.create(node.estBase()),
        node.rootPem(),
        Optional.of(AgentConfig.literalAddress(source)));
  }

  private static String imeisv(long n) {
    return TestIds.imei(n).substring(0, 14) + "07";
  }

  /** radclient, as the PGW: one Accounting-Request with the 3GPP VSAs of TS 29.061. */
  private Processes.Result accounting(
      AttesterProcess s, String status, String sessionId, String ip, long n, String... secret) {
    String attributes =
        String.join(
            "\n",
            "Acct-Status-Type = " + status,
            "Acct-Session-Id = \"" + sessionId + "\"",
            "Framed-IP-Address = " + ip,
            "Calling-Station-Id = \"4477009000" + n + "\"",
            "Called-Station-Id = \"iot.simca\"",
            "3GPP-IMSI = \"" + TestIds.imsi(n) + "\"",
            "3GPP-IMEISV = \"" + imeisv(n) + "\"",
            "3GPP-SGSN-MCC-MNC = \"23415\"",
            "3GPP-RAT-Type = 8",
            "Acct-Interim-Interval = 600",
            "");
    return Processes.run(
        tmp,
        List.of(
            "radclient",
            "-x",
            "-r",
            "2",
            "-t",
            "2",
            "127.0.0.1:" + s.radiusPort(),
            "acct",
            secret.length > 0 ? secret[0] : SECRET),
        attributes.getBytes(StandardCharsets.US_ASCII));
  }

  /** curl from {@code source}: prints the status, a space, then the body. */
  private Processes.Result attest(AttesterProcess s, String source, KeyPair key, List<String> extra)
      throws Exception {
    Path pem = Files.createTempFile(tmp, "key", ".pem");
    Files.writeString(pem, PemKeys.publicKeyPem(key.getPublic()));
    List<String> cmd =
        new ArrayList<>(List.of("curl", "-sS", "--interface", source, "-w", "\n%{http_code}"));
    cmd.addAll(extra);
    cmd.addAll(List.of("--data-binary", "@" + pem, "http://127.0.0.1:" + s.httpPort() + "/attest"));
    Processes.Result r = Processes.run(tmp, cmd, null);
    // Status first, then the body, so assertions read in order.
    String out = r.stdout();
    int nl = out.lastIndexOf('\n');
    String status = out.substring(nl + 1).strip();
    String body = nl < 0 ? "" : out.substring(0, nl).strip();
    return new Processes.Result(r.exitCode(), status + " " + body, r.stderr());
  }

  private String enrol(byte[] csrDer, Optional<String> token) throws Exception {
    Path body = Files.createTempFile(tmp, "csr", ".b64");
    Files.writeString(body, EstBase64.encode(csrDer));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "curl",
                "-sS",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "--cacert",
                node.rootPem().toString(),
                "-H",
                "Content-Type: application/pkcs10"));
    token.ifPresent(t -> cmd.addAll(List.of("-H", "Authorization: Bearer " + t)));
    cmd.addAll(List.of("--data-binary", "@" + body, node.estBase() + "/simpleenroll"));
    return Processes.run(tmp, cmd, null).stdout();
  }

  private static double dropped(AttesterProcess s) {
    Processes.Result r =
        Processes.run(
            null, List.of("curl", "-sS", "http://127.0.0.1:" + s.httpPort() + "/metrics"), null);
    return r.stdout()
        .lines()
        .filter(
            l -> l.startsWith("simca_attester_radius_dropped_total{reason=\"bad_authenticator\"}"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static JsonObject claims(String jws) {
    String payload = jws.split("\\.")[1];
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }
}
