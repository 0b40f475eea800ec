package io.simca.ca.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health says when the root's revocation data needs a ceremony, well before it runs out. */
class RootRevocationHealthTest {

  @TempDir Path tmp;

  @Test
  void statusFollowsTheNextUpdate() {
    Instant now = Instant.parse("2026-12-04T00:00:00Z");
    assertThat(HealthHandler.rootRevocation(Optional.empty(), now).getString("status"))
        .isEqualTo("missing");
    assertThat(
            HealthHandler.rootRevocation(Optional.of(now.plus(Duration.ofDays(60))), now)
                .getString("status"))
        .isEqualTo("ok");
    assertThat(
            HealthHandler.rootRevocation(Optional.of(now.plus(Duration.ofDays(20))), now)
                .getString("status"))
        .isEqualTo("expiring");
    assertThat(
            HealthHandler.rootRevocation(Optional.of(now.minusSeconds(1)), now).getString("status"))
        .isEqualTo("expired");
  }

  @Test
  void aNodeReportsItsRootData_andMissingOnceTheFileIsGone() throws Exception {
    try (TestServer node = TestServers.start(tmp, TestStores.Kind.H2)) {
      assertThat(health(node).getJsonObject("rootRevocation").getString("status")).isEqualTo("ok");
      Files.delete(node.dataDir().rootCrl());
      JsonObject after = health(node);
      assertThat(after.getJsonObject("rootRevocation").getString("status")).isEqualTo("missing");
      assertThat(after.getString("status")).isEqualTo("up");
    }
  }

  private static JsonObject health(TestServer node) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(node.httpBase() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body());
  }
}
