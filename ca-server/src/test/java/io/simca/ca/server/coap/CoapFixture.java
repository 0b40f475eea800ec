package io.simca.ca.server.coap;

import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditFilter;
import io.simca.ca.store.SimRow;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.StoreKindNodes;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.testing.TestCsrs;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * One running node with its EST-coaps listener on an ephemeral UDP port, a trusted attester ({@code
 * <data>/attesters/<kid>.pem}, picked up by the node's reload), SIM provisioning, CSRs that carry
 * the token (attribute {@code ...1.2}) and audit look-ups.
 */
final class CoapFixture implements AutoCloseable {

  static final String KID = "coap-att";

  final TestServer node;
  final AttestationMinter minter;

  private CoapFixture(TestServer node) {
    this.node = node;
    KeyPair attester = AttestationMinter.generateAttesterKey();
    this.minter = new AttestationMinter(KID, KID, attester.getPrivate());
    trust(KID, attester.getPublic());
  }

  static CoapFixture start(Path tmp, TestStores.Kind kind) {
    return start(tmp, kind, Map.of());
  }

  static CoapFixture start(Path tmp, TestStores.Kind kind, Map<String, String> overrides) {
    CoapFixture f = new CoapFixture(TestServers.start(tmp, kind, overrides));
    f.awaitAttesterReload();
    return f;
  }

  /** A per-class cache: one node per store kind. */
  static final class Nodes extends StoreKindNodes<CoapFixture> {
    Nodes(Function<TestStores.Kind, CoapFixture> factory) {
      super(factory);
    }
  }

  int port() {
    return node.server().coapPort().orElseThrow();
  }

  CoapsClient anonymous(int blockSize) {
    return CoapsClient.anonymous(port(), node.root(), blockSize);
  }

  void trust(String kid, PublicKey key) {
    node.trustAttester(kid, key);
  }

  /** A new active SIM without an IMEI lock. */
  DeviceSimulator.Identity sim() {
    DeviceSimulator.Identity id = DeviceSimulator.Identity.random();
    node.stores()
        .sims()
        .insertAll(List.of(SimRow.imported(id.iccid().value(), id.imsi().value(), null, "acme")));
    return id;
  }

  String token(DeviceSimulator.Identity id, PublicKey key) {
    return minter.mint(id.iccid(), id.imsi(), id.imei(), key, Duration.ofSeconds(120));
  }

  /** A DER CSR for {@code key} carrying a fresh token for {@code id} (RFC 9148 §4.3: DER). */
  byte[] csrWithToken(DeviceSimulator.Identity id, KeyPair key) {
    return TestCsrs.der(TestCsrs.withToken(key, token(id, key.getPublic())));
  }

  /** As {@link #csrWithToken} with {@code subject} (re-enrolment: the current certificate's). */
  byte[] csrWithToken(DeviceSimulator.Identity id, KeyPair key, X500Name subject) {
    PKCS10CertificationRequest csr =
        TestCsrs.sign(
            io.simca.est.codec.CsrToken.addTo(
                new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic()),
                token(id, key.getPublic())),
            key);
    return TestCsrs.der(csr);
  }

  List<AuditEvent> auditSince(Instant since) {
    return node.stores().audit().list(AuditFilter.ALL.withSince(since), 0, 1000);
  }

  /** The attester folder is re-read every 2 s: wait until a token from our attester verifies. */
  private void awaitAttesterReload() {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (node.server().services().attesterKeys().find(KID).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("attester key " + KID + " was not picked up");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    node.close();
  }
}
