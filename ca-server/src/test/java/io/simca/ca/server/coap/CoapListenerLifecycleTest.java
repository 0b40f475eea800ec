package io.simca.ca.server.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener is off-able, binds what it is told, and gives its UDP port back on close. */
class CoapListenerLifecycleTest {

  @TempDir Path tmp;

  @Test
  void disabled_bindsNoUdpPort() {
    try (TestServer node =
        TestServers.start(tmp, TestStores.Kind.H2, Map.of("SIMCA_SERVER_COAP_ENABLED", "false"))) {
      assertThat(node.server().coapPort()).isEmpty();
    }
  }

  @Test
  void close_releasesTheUdpPort() throws Exception {
    int port;
    try (TestServer node = TestServers.start(tmp, TestStores.Kind.H2)) {
      port = node.server().coapPort().orElseThrow();
      assertThat(port).isNotEqualTo(5684);
      assertThat(bindable(port)).isFalse();
      try (CoapsClient client = CoapsClient.anonymous(port, node.root(), 512)) {
        CoapResponse r = client.get("/.well-known/est/crts");
        assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
      }
    }
    assertThat(bindable(port)).isTrue();
  }

  private static boolean bindable(int port) {
    try (DatagramSocket s =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      return true;
    } catch (SocketException e) {
      return false;
    }
  }
}
