package io.simca.ca.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.simca.est.testing.Processes;
import io.simca.est.testing.Requirements;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A wrong method on a fixed resource answers 405 with the {@code Allow} header RFC 9110 §15.5.6
 * requires, seen by curl on the real listeners (EST over TLS, OCSP/CRL over plain HTTP).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MethodNotAllowedTest {

  private static final Pattern ALLOW = Pattern.compile("(?im)^allow:\\s*(.+?)\\s*$");

  @TempDir static Path tmp;
  private TestServer node;

  @BeforeAll
  void start() {
    Requirements.tool("curl", "curl");
    node = TestServers.start(tmp, TestStores.Kind.H2);
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, est, /simpleenroll, POST",
    "PUT, est, /simpleenroll, POST",
    "DELETE, est, /simplereenroll, POST",
    "POST, est, /cacerts, GET",
    "PUT, est, /csrattrs, GET",
    "PUT, http, /ocsp, 'GET, POST'",
    "DELETE, http, /crl/default.crl, GET",
    "POST, http, /health, GET"
  })
  void wrongMethod_is405_withAllow(String method, String listener, String path, String allow) {
    String url = listener.equals("est") ? node.estBase() + path : node.httpBase() + path;
    Processes.Result r =
        Processes.run(
            tmp,
            List.of("curl", "-sS", "-i", "-X", method, "--cacert", node.rootPem().toString(), url),
            null);
    assertThat(r.stdout()).as(r.output()).startsWith("HTTP/1.1 405");
    Matcher m = ALLOW.matcher(r.stdout());
    assertThat(m.find()).as("Allow header in %s", r.stdout()).isTrue();
    assertThat(m.group(1)).isEqualTo(allow);
  }
}
