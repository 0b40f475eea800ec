package io.simca.bench;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.attest.PemKeys;
import io.simca.est.codec.CertsOnly;
import io.simca.est.codec.EstBase64;
import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;
import io.simca.est.id.Imsi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Load generator for attested EST enrolment: every request is a full enrolment (fresh P-256 key,
 * CSR, a token minted for it) on a new TLS connection. Keys, CSRs and tokens are made before the
 * timed phase, so the client's own crypto does not count. Prints enrolments/s and latency
 * percentiles per concurrency level, beside the same driver's rate for GET /cacerts on a new TLS
 * connection each (the box's ceiling for any enrolment) and the ratio; the re-enrol phase does the
 * same over mTLS. {@code BENCH_CEILING=0} leaves the reference out.
 *
 * <pre>
 *   gen-sims COUNT FILE                       write COUNT SIMs (Luhn-valid) as a simca import CSV
 *   run EST_BASE ROOT_PEM ATTESTER_KEY KID FIRST_SIM LEVELS COUNTS [REENROLL_COUNT]
 * </pre>
 */
public final class EnrollLoad {

  private static final String IMEI = "352099001761481";

  record Device(String iccid, KeyPair key, String csrBase64) {}

  record Outcome(long nanos, int status) {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("gen-sims")) {
      generateSims(Integer.parseInt(args[1]), Path.of(args[2]));
      return;
    }
    if (args.length < 8 || !args[0].equals("run")) {
      System.err.println(
          "usage: gen-sims COUNT FILE | run EST_BASE ROOT_PEM ATTESTER_KEY KID FIRST_SIM LEVELS COUNTS [REENROLL_COUNT]");
      System.exit(2);
    }
    String estBase = args[1];
    Path rootPem = Path.of(args[2]);
    PrivateKey attesterKey = PemKeys.readPrivateKey(Path.of(args[3]));
    String kid = args[4];
    int next = Integer.parseInt(args[5]);
    int[] levels = Arrays.stream(args[6].split(",")).mapToInt(Integer::parseInt).toArray();
    int[] counts = Arrays.stream(args[7].split(",")).mapToInt(Integer::parseInt).toArray();
    int reenrollCount = args.length > 8 ? Integer.parseInt(args[8]) : 0;
    AttestationMinter minter = new AttestationMinter(kid, kid, attesterKey);
    boolean measureCeiling = !"0".equals(System.getenv("BENCH_CEILING"));

    Vertx vertx = Vertx.vertx();
    try {
      System.out.printf(
          "%-9s %-10s %7s %7s %10s %8s %8s %8s%n",
          "phase", "clients", "count", "errors", "per_sec", "p50_ms", "p95_ms", "p99_ms");
      List<Device> lastBatch = List.of();
      List<X509Certificate> lastCerts = new ArrayList<>();
      for (int i = 0; i < levels.length; i++) {
        List<Device> devices = prepare(next, counts[i]);
        next += counts[i];
        List<String> tokens = devices.stream().map(d -> mint(minter, d)).toList();
        HttpClient client =
            vertx.createHttpClient(
                new HttpClientOptions()
                    .setSsl(true)
                    .setTrustOptions(new PemTrustOptions().addCertPath(rootPem.toString()))
                    .setKeepAlive(false)
                    .setTcpNoDelay(true)
                    .setSslEngineOptions(clientTls()),
                new PoolOptions().setHttp1MaxSize(levels[i]));
        // The reference of the same run and driver: a request that does nothing on a new TLS
        // connection, the most any enrolment could reach on this box.
        double ceiling =
            measureCeiling
                ? run("cacerts", levels[i], counts[i], idx -> get(client, estBase + "/cacerts"))
                : Double.NaN;
        List<X509Certificate> certs = new ArrayList<>();
        double enrolments =
            run(
                "enroll",
                levels[i],
                devices.size(),
                idx -> {
                  Device d = devices.get(idx);
                  String basic =
                      Base64.getEncoder()
                          .encodeToString(
                              (d.iccid() + ":" + tokens.get(idx)).getBytes(StandardCharsets.UTF_8));
                  return post(
                      client, estBase + "/simpleenroll", "Basic " + basic, d.csrBase64(), certs);
                });
        if (measureCeiling) {
          System.out.printf(
              "ratio     %-10d enrolments/s = %.2f x the new-TLS-connection ceiling%n",
              levels[i], enrolments / ceiling);
        }
        client.close();
        lastBatch = devices;
        lastCerts = certs;
      }
      String save = System.getenv("BENCH_SAVE_CERTS");
      if (save != null) {
        Files.writeString(Path.of(save), io.simca.ca.crypto.Pem.encode(lastCerts));
      }
      if (reenrollCount > 0) {
        reenroll(vertx, estBase, rootPem, minter, lastBatch, lastCerts, reenrollCount);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void reenroll(
      Vertx vertx,
      String estBase,
      Path rootPem,
      AttestationMinter minter,
      List<Device> devices,
      List<X509Certificate> certs,
      int count)
      throws Exception {
    int n = Math.min(count, Math.min(devices.size(), certs.size()));
    // Each device authenticates with its own certificate, so each gets its own client (mTLS).
    List<HttpClient> clients = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<Device> byCert = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      X509Certificate cert = certs.get(i);
      Device d =
          devices.stream()
              .filter(x -> x.key().getPublic().equals(cert.getPublicKey()))
              .findFirst()
              .orElseThrow();
      // RFC 7030 §4.2.2: the re-enrolment CSR carries the subject of the certificate being renewed.
      byCert.add(
          new Device(
              d.iccid(),
              d.key(),
              csr(d.key(), X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()))));
      clients.add(
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setSsl(true)
                  .setTrustOptions(new PemTrustOptions().addCertPath(rootPem.toString()))
                  .setKeyCertOptions(
                      new PemKeyCertOptions()
                          .addKeyValue(Buffer.buffer(PemKeys.privateKeyPem(d.key().getPrivate())))
                          .addCertValue(Buffer.buffer(io.simca.ca.crypto.Pem.encode(cert))))
                  .setKeepAlive(false)
                  .setTcpNoDelay(true)
                  .setSslEngineOptions(clientTls())));
      tokens.add(mint(minter, d));
    }
    run(
        "reenroll",
        16,
        n,
        idx ->
            post(
                clients.get(idx),
                estBase + "/simplereenroll",
                "Bearer " + tokens.get(idx),
                byCert.get(idx).csrBase64(),
                null));
    clients.forEach(HttpClient::close);
  }

  /**
   * BoringSSL (netty-tcnative) like the server: the JDK engine's handshakes would eat the CPU the
   * server needs.
   */
  private static io.vertx.core.net.SSLEngineOptions clientTls() {
    return OpenSSLEngineOptions.isAvailable()
        ? new OpenSSLEngineOptions()
        : new io.vertx.core.net.JdkSSLEngineOptions();
  }

  private static String mint(AttestationMinter minter, Device d) {
    return minter.mint(
        Iccid.parse(d.iccid()),
        Imsi.parse("2341500" + d.iccid().substring(10, 18)),
        Imei.parse(IMEI),
        d.key().getPublic(),
        Duration.ofSeconds(300));
  }

  interface Request {
    Future<Integer> send(int index);
  }

  /** Runs one phase and prints its line; returns the requests per second. */
  private static double run(String phase, int concurrency, int count, Request request)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    CountDownLatch done = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    for (int w = 0; w < concurrency; w++) {
      loop(next, count, request, outcomes, done);
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(phase + " did not finish");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] lat = outcomes.stream().mapToLong(Outcome::nanos).sorted().toArray();
    long errors = outcomes.stream().filter(o -> o.status() != 200).count();
    System.out.printf(
        "%-9s %-10d %7d %7d %10.0f %8.1f %8.1f %8.1f%n",
        phase,
        concurrency,
        lat.length,
        errors,
        lat.length / seconds,
        pct(lat, 50),
        pct(lat, 95),
        pct(lat, 99));
    outcomes.stream()
        .filter(o -> o.status() != 200)
        .map(Outcome::status)
        .distinct()
        .limit(5)
        .forEach(s -> System.out.println("          status " + s));
    return lat.length / seconds;
  }

  private static void loop(
      AtomicInteger next,
      int count,
      Request request,
      ConcurrentLinkedQueue<Outcome> outcomes,
      CountDownLatch done) {
    int idx = next.getAndIncrement();
    if (idx >= count) {
      done.countDown();
      return;
    }
    long t0 = System.nanoTime();
    request
        .send(idx)
        .onComplete(
            ar -> {
              outcomes.add(new Outcome(System.nanoTime() - t0, ar.succeeded() ? ar.result() : -1));
              loop(next, count, request, outcomes, done);
            });
  }

  private static Future<Integer> post(
      HttpClient client,
      String url,
      String authorization,
      String body,
      List<X509Certificate> certsOut) {
    return client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .putHeader("Content-Type", "application/pkcs10")
                .putHeader("Authorization", authorization))
        .compose(req -> req.send(body))
        .compose(
            resp ->
                resp.body()
                    .map(
                        b -> {
                          if (resp.statusCode() == 200 && certsOut != null) {
                            synchronized (certsOut) {
                              certsOut.addAll(CertsOnly.decode(b.getBytes()));
                            }
                          }
                          return resp.statusCode();
                        }));
  }

  private static Future<Integer> get(HttpClient client, String url) {
    return client
        .request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url))
        .compose(HttpClientRequest::send)
        .compose(resp -> resp.body().map(b -> resp.statusCode()));
  }

  static double pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  private static List<Device> prepare(int first, int count) throws Exception {
    CryptoProviders crypto = CryptoProviders.get();
    List<Device> devices = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      KeyPair kp = KeyType.EC_P256.generate(crypto);
      devices.add(new Device(iccid(first + i), kp, csr(kp, new X500Name("CN=bench"))));
    }
    return devices;
  }

  private static String csr(KeyPair kp, X500Name subject) throws Exception {
    var csr =
        new JcaPKCS10CertificationRequestBuilder(subject, kp.getPublic())
            .build(CryptoProviders.get().contentSigner(kp.getPrivate(), "SHA256withECDSA"));
    return EstBase64.encode(csr.getEncoded());
  }

  /** ICCID 8944 5 + 13-digit index + Luhn check digit (19 digits). */
  static String iccid(int index) {
    return Iccid.withCheckDigit("89445" + String.format("%013d", index)).value();
  }

  private static void generateSims(int count, Path file) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
      w.println("iccid,imsi,imei,tenant");
      for (int i = 0; i < count; i++) {
        String iccid = iccid(i);
        w.println(iccid + ",2341500" + iccid.substring(10, 18) + ",,bench");
      }
    }
  }
}
