package io.simca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code audit verify} online and {@code --offline} on a node whose audit table is altered behind
 * its back.
 */
class AuditVerifyCliTest {

  @TempDir Path tmp;

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void auditVerify_rowAlteredBySql_exitsOneNamingTheRow_onlineAndOffline(TestStores.Kind kind)
      throws Exception {
    try (TestServer node = TestServers.start(tmp, kind)) {
      String data = node.dataDir().root().toString();
      String server = node.adminBase().replace("/admin/v1", "");
      String p = "55";
      Path f = tmp.resolve("sims.csv");
      for (int i = 1; i <= 3; i++) {
        Files.writeString(f, "iccid,imsi,imei,tenant\n" + TestIds.row(p, i, "acme") + "\n");
        assertThat(
                CliRun.of("sim", "import", f.toString(), "--data", data, "--server", server).exit())
            .isZero();
      }
      CliRun ok = CliRun.of("audit", "verify", "--data", data, "--server", server);
      assertThat(ok.exit()).as(ok.toString()).isZero();
      long victim =
          CliRun.of(
                  "audit",
                  "list",
                  "--type",
                  "sim_import",
                  "-o",
                  "json",
                  "--data",
                  data,
                  "--server",
                  server)
              .jsonLines()
              .get(1)
              .getLong("seq");

      String url = node.storeTarget().settings().jdbcUrl();
      Properties props = new Properties();
      if (node.storeTarget().settings().user() != null) {
        props.setProperty("user", node.storeTarget().settings().user());
        props.setProperty("password", "");
      }
      try (Connection c = DriverManager.getConnection(url, props);
          PreparedStatement st =
              c.prepareStatement("UPDATE audit_event SET detail = ? WHERE seq = ?")) {
        st.setString(1, "inserted 0 (nothing to see here)");
        st.setLong(2, victim);
        assertThat(st.executeUpdate()).isEqualTo(1);
      }

      CliRun broken = CliRun.of("audit", "verify", "--data", data, "--server", server);
      assertThat(broken.exit()).as(broken.toString()).isEqualTo(1);
      assertThat(broken.err())
          .startsWith("simca: audit chain BROKEN at seq " + victim + " (CONTENT_ALTERED)")
          .hasLineCount(1);
      CliRun json = CliRun.of("audit", "verify", "-o", "json", "--data", data, "--server", server);
      assertThat(json.exit()).isEqualTo(1);
      assertThat(json.json().getJsonObject("break").getLong("seq")).isEqualTo(victim);

      // Offline: the server is down, the CLI opens the store itself (config points at the test's
      // store).
      Path config = tmp.resolve("offline.yaml");
      Files.writeString(
          config,
          "store:\n  url: \""
              + url
              + "\"\n"
              + (node.storeTarget().settings().user() != null
                  ? "  user: \"" + node.storeTarget().settings().user() + "\"\n"
                  : ""));
      if (kind == TestStores.Kind.H2) {
        node.server().close();
      }
      CliRun offline =
          CliRun.of("audit", "verify", "--offline", "--config", config.toString(), "--data", data);
      assertThat(offline.exit()).as(offline.toString()).isEqualTo(1);
      assertThat(offline.err()).contains("simca: audit chain BROKEN at seq " + victim);
    }
  }
}
