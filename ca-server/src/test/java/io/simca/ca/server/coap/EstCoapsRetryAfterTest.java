package io.simca.ca.server.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.CertFilter;
import io.simca.ca.store.Stores;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.TestServers;
import io.simca.est.testing.TestCsrs;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Refusals the client should retry, with Max-Age as the retry-after (RFC 9148 §4.7 for 5.03, RFC
 * 8516 §3 for 4.29): the store going away under a running node, and the per-SIM rate limit.
 */
class EstCoapsRetryAfterTest {

  @TempDir Path tmp;

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sen_answers503WithMaxAgeAndIssuesNothing_whenTheStoreIsGone(TestStores.Kind kind) {
    try (CoapFixture f = CoapFixture.start(tmp, kind)) {
      DeviceSimulator.Identity id = f.sim();
      byte[] csr = f.csrWithToken(id, TestCsrs.p256());
      f.node.stores().db().close();

      CoapResponse response;
      try (CoapsClient client = f.anonymous(512)) {
        response = client.post("/.well-known/est/sen", csr, 286);
      }

      assertThat(response.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
      assertThat(response.getOptions().getMaxAge()).isEqualTo(5L);
      assertThat(response.getResponseText()).contains("store_unavailable");
      try (Stores reopened = Stores.open(f.node.storeTarget().settings())) {
        assertThat(reopened.certs().list(CertFilter.ALL.withIccid(id.iccid().value()), 0, 10))
            .isEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sen_answers429WithMaxAge_overThePerSimRate(TestStores.Kind kind) {
    try (CoapFixture f =
        CoapFixture.start(tmp, kind, Map.of("SIMCA_POLICY_MAX_ENROLLMENTS_PER_HOUR", "1"))) {
      DeviceSimulator.Identity id = f.sim();
      try (CoapsClient client = f.anonymous(512)) {
        CoapResponse first =
            client.post("/.well-known/est/sen", f.csrWithToken(id, TestCsrs.p256()), 286);
        CoapResponse second =
            client.post("/.well-known/est/sen", f.csrWithToken(id, TestCsrs.p256()), 286);

        assertThat(first.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(second.getCode()).isEqualTo(ResponseCode.TOO_MANY_REQUESTS);
        assertThat(second.getOptions().hasMaxAge()).isTrue();
        assertThat(second.getOptions().getMaxAge()).isPositive();
        assertThat(second.getResponseText()).contains("rate_limited");
      }
    }
  }
}
