package io.simca.bench;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import io.simca.ca.crypto.Pem;
import io.simca.ca.server.coap.EstCoapsClients;
import io.simca.est.attest.AttestationMinter;
import io.simca.est.attest.PemKeys;
import io.simca.est.codec.CertsOnly;
import io.simca.est.codec.CsrToken;
import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;
import io.simca.est.id.Imsi;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.scandium.DTLSConnector;

/**
 * Load generator for attested EST-coaps enrolment (RFC 9148), the CoAP twin of {@link EnrollLoad}:
 * every request is a full enrolment (fresh P-256 key, a DER CSR carrying a token minted for it)
 * after a new DTLS 1.2 handshake (each client drops its DTLS state first, as {@code EnrollLoad}
 * opens a new TLS connection). Keys, CSRs and tokens are made before the timed phase. Prints the
 * same columns as {@code EnrollLoad}.
 *
 * <pre>
 *   run COAP_PORT ROOT_PEM ATTESTER_KEY KID FIRST_SIM LEVELS COUNTS [BLOCK_SIZE]
 * </pre>
 */
public final class CoapEnrollLoad {

  private static final String IMEI = "352099001761481";

  record Outcome(long nanos, boolean issued) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 7 || !args[0].equals("run")) {
      System.err.println(
          "usage: run COAP_PORT ROOT_PEM ATTESTER_KEY KID FIRST_SIM LEVELS COUNTS [BLOCK_SIZE]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[1]);
    X509Certificate root = Pem.readCertificate(Path.of(args[2]));
    AttestationMinter minter =
        new AttestationMinter(args[4], args[4], PemKeys.readPrivateKey(Path.of(args[3])));
    int next = Integer.parseInt(args[5]);
    String[] levels = args[6].split(",");
    String[] counts = args[7].split(",");
    int blockSize = args.length > 8 ? Integer.parseInt(args[8]) : 512;
    System.out.printf(
        "%-9s %-10s %7s %7s %10s %8s %8s %8s%n",
        "phase", "clients", "count", "errors", "per_sec", "p50_ms", "p95_ms", "p99_ms");
    for (int i = 0; i < levels.length; i++) {
      int clients = Integer.parseInt(levels[i]);
      int count = Integer.parseInt(counts[i]);
      List<byte[]> csrs = prepare(minter, next, count);
      next += count;
      run(port, root, blockSize, clients, csrs);
    }
  }

  private static void run(
      int port, X509Certificate root, int blockSize, int clients, List<byte[]> csrs)
      throws Exception {
    List<CoapEndpoint> endpoints = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      endpoints.add(EstCoapsClients.start(root, blockSize, null, List.of()));
    }
    String uri = "coaps://127.0.0.1:" + port + "/.well-known/est/sen";
    AtomicInteger nextIndex = new AtomicInteger();
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    for (CoapEndpoint endpoint : endpoints) {
      pool.execute(
          () -> {
            CoapClient client = new CoapClient().setTimeout(30_000L);
            client.setEndpoint(endpoint);
            DTLSConnector connector = (DTLSConnector) endpoint.getConnector();
            for (int idx = nextIndex.getAndIncrement();
                idx < csrs.size();
                idx = nextIndex.getAndIncrement()) {
              connector.clearConnectionState(); // a new handshake per enrolment
              long t0 = System.nanoTime();
              boolean issued = false;
              try {
                Request request = new Request(CoAP.Code.POST);
                request.setURI(uri);
                request.getOptions().setContentFormat(286).setAccept(281);
                request.setPayload(csrs.get(idx));
                CoapResponse response = client.advanced(request);
                issued =
                    response != null
                        && response.getCode() == ResponseCode.CHANGED
                        && !CertsOnly.decode(response.getPayload()).isEmpty();
              } catch (Exception e) {
                issued = false;
              }
              outcomes.add(new Outcome(System.nanoTime() - t0, issued));
            }
            client.shutdown();
          });
    }
    pool.shutdown();
    if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("coap enrolment did not finish");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    endpoints.forEach(CoapEndpoint::destroy);
    long[] lat = outcomes.stream().mapToLong(Outcome::nanos).sorted().toArray();
    long errors = outcomes.stream().filter(o -> !o.issued()).count();
    System.out.printf(
        "%-9s %-10d %7d %7d %10.0f %8.1f %8.1f %8.1f%n",
        "coap-sen",
        clients,
        lat.length,
        errors,
        lat.length / seconds,
        EnrollLoad.pct(lat, 50),
        EnrollLoad.pct(lat, 95),
        EnrollLoad.pct(lat, 99));
  }

  /** DER CSRs with the token inside (attribute ...1.2), for SIMs {@code first..first+count-1}. */
  private static List<byte[]> prepare(AttestationMinter minter, int first, int count)
      throws Exception {
    CryptoProviders crypto = CryptoProviders.get();
    List<byte[]> csrs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String iccid = EnrollLoad.iccid(first + i);
      KeyPair kp = KeyType.EC_P256.generate(crypto);
      String token =
          minter.mint(
              Iccid.parse(iccid),
              Imsi.parse("2341500" + iccid.substring(10, 18)),
              Imei.parse(IMEI),
              kp.getPublic(),
              Duration.ofSeconds(300));
      csrs.add(
          CsrToken.addTo(
                  new JcaPKCS10CertificationRequestBuilder(
                      new X500Name("CN=bench"), kp.getPublic()),
                  token)
              .build(crypto.contentSigner(kp.getPrivate(), "SHA256withECDSA"))
              .getEncoded());
    }
    return csrs;
  }
}
