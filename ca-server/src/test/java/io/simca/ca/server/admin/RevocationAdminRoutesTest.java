package io.simca.ca.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.pki.OperatorRole;
import io.simca.ca.store.AuditFilter;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestCertificates;
import io.simca.ca.testing.TestOperators;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The revocation admin endpoints over mTLS with real operator credentials. */
class RevocationAdminRoutesTest {

  @TempDir static Path tmp;
  static final Map<TestStores.Kind, TestServer> NODES = new EnumMap<>(TestStores.Kind.class);

  static synchronized TestServer node(TestStores.Kind kind) {
    return NODES.computeIfAbsent(
        kind,
        k -> {
          TestServer n = TestServers.start(tmp, k);
          TestOperators.issue(n, "aud", OperatorRole.AUDITOR);
          return n;
        });
  }

  @AfterAll
  static void stop() {
    NODES.values().forEach(TestServer::close);
  }

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  static HttpClient client(TestServer node, String operator) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    char[] pass = Files.readString(node.dataDir().operatorPass(operator)).trim().toCharArray();
    try (InputStream in = Files.newInputStream(node.dataDir().operatorP12(operator))) {
      ks.load(in, pass);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pass);
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("root", node.root());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).build();
  }

  static HttpResponse<String> post(HttpClient client, TestServer node, String path, String body)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(node.adminBase() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void simRevoke_revokesEveryCertificate_isIdempotent_andIsAudited(TestStores.Kind kind)
      throws Exception {
    TestServer node = node(kind);
    HttpClient admin = client(node, "admin");
    TestCertificates.Issued first = TestCertificates.issue(node, tmp);
    TestCertificates.Issued second = TestCertificates.issueFor(node, first.iccid(), tmp);

    HttpResponse<String> r =
        post(admin, node, "/sims/" + first.iccid() + "/revoke", "{\"reason\":\"lost\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject json = new JsonObject(r.body());
    assertThat(json.getString("iccid")).isEqualTo(first.iccid());
    assertThat(json.getString("status")).isEqualTo("lost");
    assertThat(json.getJsonArray("revokedSerials").stream().map(String::valueOf).toList())
        .containsExactlyInAnyOrder(first.serialHex(), second.serialHex());
    assertThat(json.getBoolean("alreadyRevoked")).isFalse();
    assertThat(node.server().services().ocsp().cache().get(first.serial()).orElseThrow().state())
        .isInstanceOf(io.simca.ca.ocsp.OcspResponseSigner.Revoked.class);

    JsonObject again =
        new JsonObject(
            post(admin, node, "/sims/" + first.iccid() + "/revoke", "{\"reason\":\"lost\"}")
                .body());
    assertThat(again.getJsonArray("revokedSerials")).isEmpty();
    assertThat(again.getBoolean("alreadyRevoked")).isTrue();

    var audit = node.stores().audit().list(AuditFilter.ALL, 0, 1000);
    assertThat(audit)
        .anySatisfy(
            e -> {
              assertThat(e.eventType()).isEqualTo("sim_revoke");
              assertThat(e.iccid()).isEqualTo(first.iccid());
              assertThat(e.actor()).contains("admin");
            });
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void certRevoke_andCrlPublish_followTheContract(TestStores.Kind kind) throws Exception {
    TestServer node = node(kind);
    HttpClient admin = client(node, "admin");
    TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
    String body = "{\"reason\":\"keyCompromise\",\"invalidityDate\":\"2026-01-01T00:00:00Z\"}";
    HttpResponse<String> r = post(admin, node, "/certs/" + dev.serialHex() + "/revoke", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(new JsonObject(r.body()))
        .isEqualTo(new JsonObject().put("serial", dev.serialHex()).put("revoked", true));
    assertThat(
            new JsonObject(post(admin, node, "/certs/" + dev.serialHex() + "/revoke", body).body())
                .getBoolean("revoked"))
        .isFalse();

    HttpResponse<String> pub = post(admin, node, "/crl/publish", "{}");
    assertThat(pub.statusCode()).isEqualTo(200);
    long n1 = new JsonObject(pub.body()).getJsonObject("crls").getLong("default");
    long n2 =
        new JsonObject(post(admin, node, "/crl/publish", "{\"label\":\"default\"}").body())
            .getJsonObject("crls")
            .getLong("default");
    assertThat(n2).isGreaterThan(n1);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void errors_areProblemJson_andAuditorsMayNotRevoke(TestStores.Kind kind) throws Exception {
    TestServer node = node(kind);
    HttpClient admin = client(node, "admin");
    HttpResponse<String> unknownSim =
        post(admin, node, "/sims/8949000000000000001/revoke", "{\"reason\":\"lost\"}");
    assertThat(unknownSim.statusCode()).isEqualTo(404);
    assertThat(unknownSim.headers().firstValue("content-type"))
        .hasValue("application/problem+json");
    assertThat(
            post(admin, node, "/certs/abcdef0123/revoke", "{\"reason\":\"keyCompromise\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(post(admin, node, "/crl/publish", "{\"label\":\"nope\"}").statusCode())
        .isEqualTo(404);
    assertThat(
            post(admin, node, "/sims/8949000000000000001/revoke", "{\"reason\":\"misplaced\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(post(admin, node, "/sims/8949000000000000001/revoke", "not json").statusCode())
        .isEqualTo(400);
    assertThat(post(admin, node, "/certs/xyz/revoke", "{}").statusCode()).isEqualTo(400);
    assertThat(
            post(admin, node, "/certs/abcdef0123/revoke", "{\"invalidityDate\":\"yesterday\"}")
                .statusCode())
        .isEqualTo(400);

    TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
    HttpClient auditor = client(node, "aud");
    HttpResponse<String> denied =
        post(auditor, node, "/sims/" + dev.iccid() + "/revoke", "{\"reason\":\"lost\"}");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(post(auditor, node, "/crl/publish", "{}").statusCode()).isEqualTo(403);
    assertThat(node.stores().sims().find(dev.iccid()).orElseThrow().status())
        .isEqualTo(io.simca.ca.store.SimStatus.ACTIVE);
  }
}
