package io.simca.ca.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several GETs on one keep-alive admin connection, the way the network attester's inventory client
 * calls {@code /sims/by-imsi/<imsi>}: each is answered at once, none waits for the idle timeout.
 */
class AdminKeepAliveTest {

  private static final String[] PATHS = {
    "/cas", "/sims/by-imsi/001010000000001", "/sims?limit=1", "/sims/by-imsi/001010000000002"
  };

  @TempDir Path tmp;

  @Test
  void getsOnOneConnection_areAnsweredWithoutStalling() throws Exception {
    try (TestServer node = TestServers.start(tmp, TestStores.Kind.H2)) {
      AdminHttp admin = AdminHttp.of(node, "admin");
      for (int i = 0; i < 6; i++) {
        long start = System.nanoTime();
        HttpResponse<String> r = admin.get(PATHS[i % PATHS.length]);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.statusCode()).isEqualTo(200);
        // A stall is the 60 s idle timeout; anything near it is the bug.
        assertThat(took).as("GET #%d", i + 1).isLessThan(Duration.ofSeconds(20));
      }
    }
  }
}
