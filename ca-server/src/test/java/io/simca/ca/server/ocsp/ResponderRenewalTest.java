package io.simca.ca.server.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.crypto.Pem;
import io.simca.ca.ocsp.PresignedResponse;
import io.simca.ca.store.OcspResponseRow;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.TestCertificates;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.simca.est.testing.Processes;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Responder certificate renewal swaps the hierarchy and re-signs; the cache stores responses
 * compactly but serves them byte-exact.
 */
class ResponderRenewalTest {

  @TempDir Path tmp;

  @Test
  void renewal_reloadsHierarchy_andResignsWithTheNewResponderCertificate() throws Exception {
    // A renew-before longer than the responder's lifetime makes every check renew.
    try (TestServer node =
        TestServers.start(
            tmp, TestStores.Kind.H2, Map.of("SIMCA_CA_OCSP_RESPONDER_RENEW_BEFORE", "3650d"))) {
      TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
      X509Certificate before = node.issuingCa().ocspResponder().orElseThrow().cert();
      node.server().services().ocsp().renewResponders();
      X509Certificate after = node.issuingCa().ocspResponder().orElseThrow().cert();
      assertThat(after)
          .isNotEqualTo(before)
          .isEqualTo(Pem.readCertificate(node.dataDir().ocspCert("default")));

      BasicOCSPResp basic =
          OcspValidatorsTest.post(node, OcspValidatorsTest.request(node, dev.serial(), false));
      assertThat(basic.getCerts()[0]).isEqualTo(new JcaX509CertificateHolder(after));
      var r =
          Processes.run(
              tmp,
              "openssl",
              "ocsp",
              "-issuer",
              dev.issuerPem().toString(),
              "-cert",
              dev.certPem().toString(),
              "-url",
              node.httpBase() + "/ocsp",
              "-CAfile",
              dev.rootPem().toString(),
              "-no_nonce");
      assertThat(r.stdout()).contains(": good");
      assertThat(r.stderr() + r.stdout()).contains("Response verify OK");
    }
  }

  @Test
  void cache_servesTheExactStoredBytes_andReportsItsFootprint() throws Exception {
    try (TestServer node = TestServers.start(tmp, TestStores.Kind.H2)) {
      TestCertificates.Issued dev = TestCertificates.issue(node, tmp);
      OcspResponseRow stored = node.stores().ocsp().find(dev.serial()).orElseThrow();
      PresignedResponse cached =
          node.server().services().ocsp().cache().get(dev.serial()).orElseThrow();
      assertThat(cached.der()).isEqualTo(stored.responseDer());

      // Footprint: 20k responses signed by the node's responder, heap measured around them.
      var cache = new io.simca.ca.ocsp.OcspCache();
      var presigner = node.server().services().ocspPresigner();
      int n = 20_000;
      java.util.List<OcspResponseRow> rows = new java.util.ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        rows.add(
            presigner.good(
                node.issuingCa(), io.simca.ca.pki.SerialNumbers.next(), java.time.Instant.now()));
      }
      long base = usedHeap();
      rows.forEach(cache::put);
      long used = usedHeap() - base; // rows are still referenced on both sides of the difference
      long full = rows.stream().mapToLong(r -> r.responseDer().length).sum();
      System.out.printf(
          "OCSP cache: %d entries, ~%d bytes/entry on heap (full response %d bytes)%n",
          cache.size(), used / n, full / n);
      assertThat(cache.size()).isEqualTo(n);
    }
  }

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
