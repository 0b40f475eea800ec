package io.simca.ca.server.est;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.CertFilter;
import io.simca.ca.store.Stores;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store goes away under a running node: enrolment answers 503 with Retry-After (never 500,
 * never a certificate), and nothing is left half-issued. H2: the node's database is closed.
 * PostgreSQL: the node's schema is renamed under it (and renamed back, after which enrolment works
 * again).
 */
class EstStoreUnavailableTest {

  @TempDir Path tmp;

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void simpleEnroll_answers503WithRetryAfterAndIssuesNothingWhenTheStoreIsGone(TestStores.Kind kind)
      throws Exception {
    try (EstFixture f = EstFixture.start(tmp, kind)) {
      DeviceSimulator device = f.device(f.sim("acme"));
      String iccid = device.identity().iccid().value();
      String schema = null;
      if (kind == TestStores.Kind.H2) {
        f.node.stores().db().close();
      } else {
        schema = schema(f.node.storeTarget().settings().jdbcUrl());
        execute("ALTER SCHEMA " + schema + " RENAME TO " + schema + "_gone");
      }

      DeviceSimulator.Result result = device.enroll();
      assertThat(result.status()).as(result.body()).isEqualTo(503);
      assertThat(result.body()).contains("store_unavailable");
      assertThat(device.certificate()).isEmpty();

      if (kind == TestStores.Kind.H2) {
        try (Stores reopened = Stores.open(f.node.storeTarget().settings())) {
          assertThat(reopened.certs().list(CertFilter.ALL.withIccid(iccid), 0, 10)).isEmpty();
        }
      } else {
        execute("ALTER SCHEMA " + schema + "_gone RENAME TO " + schema);
        assertThat(f.node.stores().certs().list(CertFilter.ALL.withIccid(iccid), 0, 10)).isEmpty();
        DeviceSimulator.Result again = device.enroll();
        assertThat(again.status()).as(again.body()).isEqualTo(200);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void simpleEnroll_503CarriesRetryAfter(TestStores.Kind kind) {
    try (EstFixture f = EstFixture.start(tmp, kind)) {
      DeviceSimulator.Identity id = f.sim("acme");
      java.security.KeyPair key = io.simca.est.testing.TestCsrs.p256();
      f.node.stores().db().close();
      var response =
          f.enroll(
              io.simca.est.testing.TestCsrs.der(key),
              EstFixture.basic(id.iccid().value(), f.token(id, key.getPublic())));
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    }
  }

  private static String schema(String url) {
    Matcher m = Pattern.compile("currentSchema=([a-z0-9_]+)").matcher(url);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(TestStores.postgresUrl().orElseThrow());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
