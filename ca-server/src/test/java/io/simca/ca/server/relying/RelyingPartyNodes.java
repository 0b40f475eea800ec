package io.simca.ca.server.relying;

import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.InitOptions;
import io.simca.ca.store.StoreTarget;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A node whose certificates name its real OCSP/CRL address: the issuing CA's AIA and CRL
 * distribution point are written at init, so the test's free port must be known by then.
 */
final class RelyingPartyNodes {

  private RelyingPartyNodes() {}

  static TestServer withRealUrls(Path tmp, TestStores.Kind kind) throws IOException {
    int http;
    try (ServerSocket s = new ServerSocket(0)) {
      http = s.getLocalPort();
    }
    Path root = Files.createTempDirectory(tmp, "node-");
    StoreTarget store = TestStores.target(kind, root);
    DataDir dir = new DataDir(root.resolve("data"));
    new HierarchyInitializer()
        .init(dir, InitOptions.defaults().withPublicUrl("http://127.0.0.1:" + http));
    // The root's CRL and OCSP responses are signed when the node starts (development root key).
    return TestServers.startOn(
        dir, store, Map.of("SIMCA_SERVER_HTTP_PORT", Integer.toString(http)));
  }
}
