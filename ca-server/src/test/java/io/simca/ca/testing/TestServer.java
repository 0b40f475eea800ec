package io.simca.ca.testing;

import io.simca.ca.config.SimcaConfig;
import io.simca.ca.crypto.Pem;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.server.RunningServer;
import io.simca.ca.store.StoreTarget;
import io.simca.ca.store.Stores;
import io.simca.est.attest.PemKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real simca node for integration tests: its own temp data dir, free ports, its own store (H2
 * file or a fresh PostgreSQL schema). Closing it stops the node and drops the schema.
 */
public final class TestServer implements AutoCloseable {

  private final RunningServer server;
  private final DataDir dataDir;
  private final StoreTarget store;
  private final SimcaConfig config;

  TestServer(RunningServer server, DataDir dataDir, StoreTarget store, SimcaConfig config) {
    this.server = server;
    this.dataDir = dataDir;
    this.store = store;
    this.config = config;
  }

  public RunningServer server() {
    return server;
  }

  public DataDir dataDir() {
    return dataDir;
  }

  public SimcaConfig config() {
    return config;
  }

  public StoreTarget storeTarget() {
    return store;
  }

  public Stores stores() {
    return server.context().stores();
  }

  /** {@code https://127.0.0.1:<port>/.well-known/est} (no trailing slash). */
  public String estBase() {
    return "https://127.0.0.1:" + server.estPort() + "/.well-known/est";
  }

  /** {@code http://127.0.0.1:<port>} for /ocsp, /crl, /ca, /health. */
  public String httpBase() {
    return "http://127.0.0.1:" + server.httpPort();
  }

  /** {@code https://127.0.0.1:<port>/admin/v1}. */
  public String adminBase() {
    return "https://127.0.0.1:" + server.adminPort() + "/admin/v1";
  }

  /**
   * Trusts {@code key} as attester {@code kid} by writing {@code <data>/attesters/<kid>.pem}; the
   * node picks it up on its next folder check.
   */
  public void trustAttester(String kid, PublicKey key) {
    try {
      Path dir = dataDir.attestersDir();
      Files.createDirectories(dir);
      PemKeys.writePublicKey(dir.resolve(kid + ".pem"), key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path rootPem() {
    return dataDir.rootCert();
  }

  public X509Certificate root() {
    return server.context().hierarchy().root();
  }

  public IssuingCa issuingCa() {
    return server.context().hierarchy().byLabel("default").orElseThrow();
  }

  /** An SSLContext that trusts only this node's root (the server TLS chain ends there). */
  public SSLContext trustingRoot() throws Exception {
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("root", Pem.readCertificate(rootPem()));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      store.close();
    }
  }
}
