package io.simca.ca.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.OperatorCredential;
import io.simca.ca.pki.OperatorRole;
import io.simca.ca.store.StoreTarget;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL schema: an operator revoked through node A is refused by node B
 * within two seconds (issue 19), though B had just admitted it (so its cache held "live"). Skipped
 * without SIMCA_TEST_POSTGRES_URL (failed under SIMCA_REQUIRE_POSTGRES=1).
 */
class OperatorRevocationPairTest {

  @TempDir Path tmp;

  @Test
  void revokedOnNodeA_refusedOnNodeBWithinTwoSeconds() throws Exception {
    try (TestServer a = TestServers.start(tmp, TestStores.Kind.POSTGRES)) {
      StoreTarget shared = new StoreTarget("postgres", a.storeTarget().settings(), () -> {});
      try (TestServer b = TestServers.startOn(a.dataDir(), shared, Map.of())) {
        AdminHttp adminOnA = AdminHttp.of(a, HierarchyInitializer.ADMIN);
        OperatorCredential cred =
            OperatorLifecycleTest.issueViaApi(adminOnA, tmp, "leaky", OperatorRole.OPERATOR, 30);
        AdminHttp leakyOnB = OperatorLifecycleTest.client(b, cred);
        AdminHttp leakyOnA = OperatorLifecycleTest.client(a, cred);
        assertThat(leakyOnB.get("/cas").statusCode()).isEqualTo(200);
        assertThat(leakyOnA.get("/cas").statusCode()).isEqualTo(200);

        HttpResponse<String> revoke = adminOnA.post("/operators/leaky/revoke", new JsonObject());
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);
        long t0 = System.nanoTime();
        // Node A, where the revocation ran, refuses at once.
        assertThat(leakyOnA.get("/cas").statusCode()).isEqualTo(403);

        HttpResponse<String> onB = leakyOnB.get("/cas");
        while (onB.statusCode() == 200 && System.nanoTime() - t0 < 3_000_000_000L) {
          Thread.sleep(20);
          onB = leakyOnB.get("/cas");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.println("node B refused the revoked operator " + took.toMillis() + " ms after");
        assertThat(onB.statusCode()).isEqualTo(403);
        assertThat(AdminHttp.title(onB)).isEqualTo("operator_revoked");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
      }
    }
  }
}
