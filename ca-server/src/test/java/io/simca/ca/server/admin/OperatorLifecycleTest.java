package io.simca.ca.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.crypto.KeyType;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.OperatorCredential;
import io.simca.ca.pki.CertificateIssuer;
import io.simca.ca.pki.IssuerInfo;
import io.simca.ca.pki.LintPolicy;
import io.simca.ca.pki.OperatorProfile;
import io.simca.ca.pki.OperatorRole;
import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditFilter;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Operator credentials end to end over mTLS: issued through the admin API (admins only), stored,
 * listed, revoked and audited; a revoked, unknown or role-less credential is refused.
 */
class OperatorLifecycleTest {

  @TempDir Path tmp;

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  /** Issues {@code name} through {@code POST /admin/v1/operators} and writes it under tmp. */
  static OperatorCredential issueViaApi(
      AdminHttp admin, Path dir, String name, OperatorRole role, int days) throws Exception {
    OperatorCredential.Request req = OperatorCredential.newRequest(name);
    HttpResponse<String> r =
        admin.post(
            "/operators",
            new JsonObject()
                .put("name", name)
                .put("role", role.id())
                .put("days", days)
                .put("csr", Base64.getEncoder().encodeToString(req.csrDer())));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonObject body = new JsonObject(r.body());
    List<X509Certificate> chain = new ArrayList<>();
    for (Object pem : body.getJsonArray("chain")) {
      chain.addAll(io.simca.ca.crypto.Pem.decodeCertificates((String) pem));
    }
    return OperatorCredential.write(
        name,
        role,
        req.keyPair().getPrivate(),
        chain,
        dir.resolve(name + ".p12"),
        dir.resolve(name + ".pass"));
  }

  static AdminHttp client(TestServer node, OperatorCredential cred) throws Exception {
    return AdminHttp.of(node, cred.p12(), cred.passFile());
  }

  static String freshName(String prefix) {
    return prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void issuedOperator_works_untilRevoked_thenItsNextCallIsRefused(TestStores.Kind kind)
      throws Exception {
    try (TestServer node = TestServers.start(tmp, kind)) {
      AdminHttp admin = AdminHttp.of(node, HierarchyInitializer.ADMIN);
      String name = freshName("ops");
      OperatorCredential cred = issueViaApi(admin, tmp, name, OperatorRole.OPERATOR, 7);
      X509Certificate cert = cred.certificate();
      assertThat(OperatorProfile.roleOf(cert)).hasValue(OperatorRole.OPERATOR);
      assertThat(OperatorProfile.hasOperatorKeyPurpose(cert)).isTrue();
      assertThat(cert.getNotAfter().toInstant())
          .isBetween(Instant.now().plusSeconds(6 * 86400), Instant.now().plusSeconds(7 * 86400));
      assertThat(Files.getPosixFilePermissions(cred.p12()))
          .containsExactlyInAnyOrderElementsOf(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

      AdminHttp ops = client(node, cred);
      assertThat(ops.get("/sims?limit=1").statusCode()).isEqualTo(200);
      // Operator management is for admins only.
      HttpResponse<String> listByOps = ops.get("/operators");
      assertThat(listByOps.statusCode()).isEqualTo(403);
      assertThat(AdminHttp.title(listByOps)).isEqualTo("role_forbidden");

      JsonArray items = new JsonObject(admin.get("/operators").body()).getJsonArray("items");
      JsonObject listed =
          items.stream()
              .map(JsonObject.class::cast)
              .filter(o -> o.getString("name").equals(name))
              .findFirst()
              .orElseThrow();
      assertThat(listed.getString("role")).isEqualTo("operator");
      assertThat(listed.getString("serial")).isEqualTo(cert.getSerialNumber().toString(16));
      assertThat(listed.getBoolean("live")).isTrue();
      assertThat(listed.getString("issuedBy")).isEqualTo("operator:admin(admin)");

      HttpResponse<String> revoked = admin.post("/operators/" + name + "/revoke", new JsonObject());
      assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
      assertThat(new JsonObject(revoked.body()).getJsonArray("revokedSerials"))
          .containsExactly(cert.getSerialNumber().toString(16));

      HttpResponse<String> after = ops.get("/sims?limit=1");
      assertThat(after.statusCode()).isEqualTo(403);
      assertThat(AdminHttp.title(after)).isEqualTo("operator_revoked");

      List<AuditEvent> audit = node.stores().audit().list(AuditFilter.ALL, 0, 10_000);
      assertThat(audit)
          .anySatisfy(e -> assertEvent(e, "operator_issue", "ok", cert))
          .anySatisfy(e -> assertEvent(e, "operator_revoke", "ok", cert))
          .anySatisfy(e -> assertEvent(e, "admin_auth", "deny", cert));
      assertThat(node.stores().audit().verify().ok()).isTrue();
    }
  }

  private static void assertEvent(AuditEvent e, String type, String outcome, X509Certificate c) {
    assertThat(e.eventType()).isEqualTo(type);
    assertThat(e.outcome().name().toLowerCase(java.util.Locale.ROOT)).isEqualTo(outcome);
    assertThat(e.serial()).isEqualTo(c.getSerialNumber());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void firstAdminCredential_isStored_andRevocableOnceAnotherAdminExists(TestStores.Kind kind)
      throws Exception {
    try (TestServer node = TestServers.start(tmp, kind)) {
      AdminHttp first = AdminHttp.of(node, HierarchyInitializer.ADMIN);
      JsonObject admin =
          new JsonObject(first.get("/operators").body())
              .getJsonArray("items").stream()
                  .map(JsonObject.class::cast)
                  .filter(o -> o.getString("name").equals("admin"))
                  .findFirst()
                  .orElseThrow();
      assertThat(admin.getString("issuedBy")).isEqualTo("system:ca-init");
      assertThat(admin.getString("role")).isEqualTo("admin");

      HttpResponse<String> last = first.post("/operators/admin/revoke", new JsonObject());
      assertThat(last.statusCode()).isEqualTo(409);
      assertThat(AdminHttp.title(last)).isEqualTo("last_admin");
      assertThat(first.get("/operators").statusCode()).isEqualTo(200);

      OperatorCredential second = issueViaApi(first, tmp, "second-admin", OperatorRole.ADMIN, 30);
      assertThat(first.post("/operators/admin/revoke", new JsonObject()).statusCode())
          .isEqualTo(200);
      assertThat(AdminHttp.title(first.get("/cas"))).isEqualTo("operator_revoked");
      assertThat(client(node, second).get("/operators").statusCode()).isEqualTo(200);

      // A restart registers admin.p12 again only if unknown: revoked stays revoked.
      node.server().services().admin().operators().registerFirstAdmin(node.dataDir());
      Thread.sleep(OperatorGate.MAX_STALENESS.toMillis() + 100);
      assertThat(first.get("/cas").statusCode()).isEqualTo(403);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void issue_refusesBadInput_andADuplicateLiveName(TestStores.Kind kind) throws Exception {
    try (TestServer node = TestServers.start(tmp, kind)) {
      AdminHttp admin = AdminHttp.of(node, HierarchyInitializer.ADMIN);
      String csr = Base64.getEncoder().encodeToString(OperatorCredential.newRequest("x").csrDer());
      record Bad(JsonObject body, String title) {}
      for (Bad bad :
          List.of(
              new Bad(new JsonObject().put("role", "admin").put("csr", csr), "missing_name"),
              new Bad(
                  new JsonObject().put("name", "a b").put("role", "admin").put("csr", csr),
                  "bad_operator_name"),
              new Bad(
                  new JsonObject().put("name", "x").put("role", "root").put("csr", csr),
                  "bad_role"),
              new Bad(
                  new JsonObject()
                      .put("name", "x")
                      .put("role", "admin")
                      .put("days", 0)
                      .put("csr", csr),
                  "bad_days"),
              new Bad(
                  new JsonObject()
                      .put("name", "x")
                      .put("role", "admin")
                      .put("days", 366)
                      .put("csr", csr),
                  "bad_days"),
              new Bad(
                  new JsonObject().put("name", "x").put("role", "admin").put("csr", "bm90IGRlcg=="),
                  "bad_csr"))) {
        HttpResponse<String> r = admin.post("/operators", bad.body());
        assertThat(r.statusCode()).as(bad.toString()).isEqualTo(400);
        assertThat(AdminHttp.title(r)).isEqualTo(bad.title());
      }
      issueViaApi(admin, tmp, "dup", OperatorRole.AUDITOR, 1);
      HttpResponse<String> dup =
          admin.post(
              "/operators",
              new JsonObject().put("name", "dup").put("role", "auditor").put("csr", csr));
      assertThat(dup.statusCode()).isEqualTo(409);
      assertThat(AdminHttp.title(dup)).isEqualTo("operator_exists");
      HttpResponse<String> unknown = admin.post("/operators/nobody/revoke", new JsonObject());
      assertThat(unknown.statusCode()).isEqualTo(404);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void operatorCertificateMissingFromTheStore_isRefused(TestStores.Kind kind) throws Exception {
    try (TestServer node = TestServers.start(tmp, kind)) {
      // Signed by the real issuing CA with the operator profile, but never stored: deny by default.
      IssuingCa ca = node.issuingCa();
      KeyPair kp = KeyType.EC_P256.generate(CryptoProviders.get());
      X509Certificate cert =
          CertificateIssuer.create(LintPolicy.DEFAULT)
              .issue(
                  OperatorProfile.forIssuer(ca.cert())
                      .template(
                          "ghost",
                          OperatorRole.ADMIN,
                          kp.getPublic(),
                          IssuerInfo.of(ca.cert()),
                          Instant.now()),
                  ca.signingKey());
      List<X509Certificate> chain = new ArrayList<>(ca.signingKey().chain());
      chain.add(0, cert);
      OperatorCredential ghost =
          OperatorCredential.write(
              "ghost",
              OperatorRole.ADMIN,
              kp.getPrivate(),
              chain,
              tmp.resolve("ghost.p12"),
              tmp.resolve("ghost.pass"));
      HttpResponse<String> r = client(node, ghost).get("/cas");
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(AdminHttp.title(r)).isEqualTo("operator_unknown");
      assertThat(KeyFiles.readPassphrase(ghost.passFile())).isNotEmpty();
    }
  }
}
