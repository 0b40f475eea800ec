package io.simca.ca.server.est;

import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditFilter;
import io.simca.ca.store.SimRow;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.ConfiguredServers;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.StoreKindNodes;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.testing.PythonTokenMinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One running node for a test class (per store kind), with a trusted attester whose public key is
 * dropped into {@code <data>/attesters/<kid>.pem} after start (so the node picks it up by its
 * reload), SIM provisioning, HTTP helpers and audit look-ups.
 */
final class EstFixture implements AutoCloseable {

  static final String KID = "att1";

  final TestServer node;
  final KeyPair attesterKey;
  final AttestationMinter minter;
  final PythonTokenMinter python;
  private final HttpClient http;

  private EstFixture(TestServer node) {
    this.node = node;
    this.attesterKey = AttestationMinter.generateAttesterKey();
    this.minter = new AttestationMinter(KID, KID, attesterKey.getPrivate());
    this.python = PythonTokenMinter.of(attesterKey.getPrivate());
    trust(KID, attesterKey.getPublic());
    try {
      this.http = HttpClient.newBuilder().sslContext(node.trustingRoot()).build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static EstFixture start(Path tmp, TestStores.Kind kind) {
    return new EstFixture(TestServers.start(tmp, kind));
  }

  static EstFixture start(Path tmp, TestStores.Kind kind, String yaml, Map<String, String> env) {
    return new EstFixture(ConfiguredServers.start(tmp, kind, yaml, env));
  }

  /** A fixture on a node the caller started (e.g. on a data dir with more issuing CAs). */
  static EstFixture on(TestServer node) {
    return new EstFixture(node);
  }

  /** A per-class cache: one node per store kind, closed by {@link Nodes#close()}. */
  static final class Nodes extends StoreKindNodes<EstFixture> {
    Nodes(Function<TestStores.Kind, EstFixture> factory) {
      super(factory);
    }
  }

  /** Trusts {@code key} as attester {@code kid} by writing {@code <data>/attesters/<kid>.pem}. */
  void trust(String kid, PublicKey key) {
    node.trustAttester(kid, key);
  }

  /** A new active SIM with no IMEI lock yet. */
  DeviceSimulator.Identity sim(String tenant) {
    return sim(DeviceSimulator.Identity.random(), tenant, false);
  }

  DeviceSimulator.Identity sim(DeviceSimulator.Identity id, String tenant, boolean provisionImei) {
    node.stores()
        .sims()
        .insertAll(
            List.of(
                SimRow.imported(
                    id.iccid().value(),
                    id.imsi().value(),
                    provisionImei ? id.imei().value() : null,
                    tenant)));
    return id;
  }

  /** A reference-minter token for {@code id} bound to {@code key}. */
  String token(DeviceSimulator.Identity id, PublicKey key) {
    return minter.mint(id.iccid(), id.imsi(), id.imei(), key, Duration.ofSeconds(120));
  }

  PythonTokenMinter.Token pythonToken(DeviceSimulator.Identity id, PublicKey key) {
    return python.token(KID, id.iccid().value(), id.imsi().value(), id.imei().value(), key);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  DeviceSimulator device(DeviceSimulator.Identity id) {
    return new DeviceSimulator(node.estBase(), node.root(), minter, id);
  }

  /** POSTs to {@code <estBase>/<path>}; null headers are left out. */
  HttpResponse<String> post(String path, String contentType, byte[] body, String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(node.estBase() + "/" + path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> enroll(byte[] csrDer, String authorization) {
    return post(
        "simpleenroll",
        "application/pkcs10",
        Base64.getMimeEncoder().encodeToString(csrDer).getBytes(StandardCharsets.US_ASCII),
        authorization);
  }

  List<AuditEvent> auditSince(Instant since) {
    return node.stores().audit().list(AuditFilter.ALL.withSince(since), 0, 1000);
  }

  /** The newest audit event for {@code iccid}, if any. */
  Optional<AuditEvent> lastAudit(String iccid) {
    List<AuditEvent> events = node.stores().audit().list(AuditFilter.ALL.withIccid(iccid), 0, 1000);
    return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
  }

  @Override
  public void close() {
    node.close();
  }
}
