package io.simca.ca.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.admin.SimCsv;
import io.simca.ca.crypto.Pem;
import io.simca.ca.store.SimRow;
import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.TestCertificates;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import io.simca.est.attest.AttestationMinter;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bulkheads: multi-MiB SIM imports and an enrolment flood at once, against small pools. Imports and
 * enrolments beyond their pool get 503 + Retry-After at once (never a 500), while /health and OCSP
 * misses, on pools of their own, keep answering within a second; everything works again after the
 * flood.
 */
class BulkheadsTest {

  @TempDir Path tmp;

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void importAndEnrolmentFloods_getBusy503_whileHealthAndOcspKeepAnswering(TestStores.Kind kind)
      throws Exception {
    Map<String, String> env =
        Map.of(
            "SIMCA_SERVER_BULKHEADS_IMPORTS_THREADS", "1",
            "SIMCA_SERVER_BULKHEADS_IMPORTS_QUEUE", "0",
            "SIMCA_SERVER_BULKHEADS_ENROLLMENT_THREADS", "2",
            "SIMCA_SERVER_BULKHEADS_ENROLLMENT_QUEUE", "2",
            "SIMCA_SERVER_MAX_BODY_BYTES", "65536",
            "SIMCA_POLICY_MAX_ENROLLMENTS_PER_HOUR", "1000");
    try (TestServer node = TestServers.start(tmp, kind, env)) {
      AdminHttp admin = AdminHttp.of(node, "admin");
      KeyPair attesterKey = AttestationMinter.generateAttesterKey();
      AttestationMinter minter = new AttestationMinter("att1", "att1", attesterKey.getPrivate());
      node.trustAttester("att1", attesterKey.getPublic());
      List<DeviceSimulator.Identity> sims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        DeviceSimulator.Identity id = DeviceSimulator.Identity.random();
        node.stores()
            .sims()
            .insertAll(
                List.of(SimRow.imported(id.iccid().value(), id.imsi().value(), null, "acme")));
        sims.add(id);
      }
      Thread.sleep(2500); // the attester folder is re-read every 2 s
      TestCertificates.Issued issued = TestCertificates.issue(node, tmp);
      byte[] ocspMiss =
          ocspRequest(issued, BigInteger.valueOf(ThreadLocalRandom.current().nextLong() >>> 1));

      AtomicBoolean flooding = new AtomicBoolean(true);
      List<Long> probeMillis = Collections.synchronizedList(new ArrayList<>());
      List<String> probeFailures = Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<Void> probes =
          CompletableFuture.runAsync(
              () -> probe(node, ocspMiss, flooding, probeMillis, probeFailures));

      // Four imports of ~4 MiB each at once against one import thread and no queue.
      List<CompletableFuture<HttpResponse<String>>> imports = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String csv = csv(60_000);
        imports.add(
            admin
                .client()
                .sendAsync(
                    HttpRequest.newBuilder(URI.create(admin.base() + "/sims/import"))
                        .header("Content-Type", "text/csv")
                        .timeout(Duration.ofSeconds(120))
                        .POST(HttpRequest.BodyPublishers.ofString(csv))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()));
      }
      // 24 enrolments at once against two enrolment threads and a queue of two.
      List<CompletableFuture<DeviceSimulator.Result>> enrolments = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        DeviceSimulator.Identity id = sims.get(i % sims.size());
        enrolments.add(
            CompletableFuture.supplyAsync(
                () -> new DeviceSimulator(node.estBase(), node.root(), minter, id).enroll()));
      }
      List<HttpResponse<String>> importAnswers =
          imports.stream().map(CompletableFuture::join).toList();
      List<DeviceSimulator.Result> enrolAnswers =
          enrolments.stream().map(CompletableFuture::join).toList();
      flooding.set(false);
      probes.join();

      assertThat(importAnswers).extracting(HttpResponse::statusCode).containsOnly(200, 503);
      List<HttpResponse<String>> busy =
          importAnswers.stream().filter(r -> r.statusCode() == 503).toList();
      assertThat(busy).as("imports beyond the one import thread").isNotEmpty();
      assertThat(busy.get(0).headers().firstValue("Retry-After")).hasValue("1");
      assertThat(busy.get(0).body()).contains("imports workers are busy");
      assertThat(importAnswers).anyMatch(r -> r.statusCode() == 200);

      assertThat(enrolAnswers).extracting(DeviceSimulator.Result::status).containsOnly(200, 503);
      assertThat(enrolAnswers).anyMatch(r -> r.status() == 200);
      assertThat(enrolAnswers)
          .filteredOn(r -> r.status() == 503)
          .as("enrolments beyond two threads and a queue of two")
          .isNotEmpty()
          .allMatch(r -> r.body().contains("enrollment workers are busy"));

      assertThat(probeFailures).isEmpty();
      assertThat(probeMillis).hasSizeGreaterThan(5);
      assertThat(Collections.max(probeMillis))
          .as("slowest /health or OCSP miss, ms")
          .isLessThan(1000);

      // After the flood the pools are free again.
      assertThat(
              admin
                  .client()
                  .send(
                      HttpRequest.newBuilder(URI.create(admin.base() + "/sims/import"))
                          .header("Content-Type", "text/csv")
                          .POST(HttpRequest.BodyPublishers.ofString(csv(10)))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              new DeviceSimulator(node.estBase(), node.root(), minter, sims.get(0))
                  .enroll()
                  .status())
          .isEqualTo(200);
    }
  }

  /** GET /health and an OCSP miss (a serial the store must be asked about), in turn. */
  private static void probe(
      TestServer node,
      byte[] ocspMiss,
      AtomicBoolean running,
      List<Long> millis,
      List<String> failures) {
    // RFC 6960 A.1: GET {url}/{url-encoding of base-64 encoding of the DER request}
    String ocspGet =
        node.httpBase()
            + "/ocsp/"
            + URLEncoder.encode(
                Base64.getEncoder().encodeToString(ocspMiss), StandardCharsets.US_ASCII);
    try (HttpClient http = HttpClient.newHttpClient()) {
      while (running.get()) {
        for (String url : List.of(node.httpBase() + "/health", ocspGet)) {
          long t0 = System.nanoTime();
          try {
            HttpResponse<byte[]> r =
                http.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            millis.add((System.nanoTime() - t0) / 1_000_000);
            if (r.statusCode() != 200) {
              failures.add(url + " -> " + r.statusCode());
            }
          } catch (Exception e) {
            failures.add(url + " -> " + e);
          }
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] ocspRequest(TestCertificates.Issued issued, BigInteger serial)
      throws Exception {
    CertificateID id =
        new CertificateID(
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new JcaX509CertificateHolder(Pem.readCertificate(issued.issuerPem())),
            serial);
    return new OCSPReqBuilder().addRequest(id).build().getEncoded();
  }

  /** A SIM import CSV of {@code rows} fresh SIMs (about 70 bytes a row). */
  private static String csv(int rows) {
    StringBuilder b = new StringBuilder(SimCsv.HEADER).append('\n');
    for (int i = 0; i < rows; i++) {
      DeviceSimulator.Identity id = DeviceSimulator.Identity.random();
      b.append(id.iccid().value())
          .append(',')
          .append(id.imsi().value())
          .append(',')
          .append(id.imei().value())
          .append(",acme\n");
    }
    return b.toString();
  }
}
