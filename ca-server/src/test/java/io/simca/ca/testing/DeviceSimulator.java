package io.simca.ca.testing;

import io.simca.est.attest.AttestationMinter;
import io.simca.est.codec.CertsOnly;
import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;
import io.simca.est.id.Imsi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A simulated cellular device: it generates a P-256 key, gets an attestation token for it from a
 * network attester ({@link AttestationMinter}), enrols over EST on a fresh TLS connection
 * (java.net.http), keeps its certificate and renews it over mutual TLS before expiry.
 *
 * <p>For benchmarks: {@link #prepare()} does the key generation, CSR and token up front, and {@link
 * #enroll(Prepared)} performs just the HTTPS exchange and reports status and latency. Not
 * thread-safe: one simulator per device (per thread).
 */
public final class DeviceSimulator {

  /** The SIM and device identity as the network sees it. */
  public record Identity(Iccid iccid, Imsi imsi, Imei imei) {

    /** A random valid identity; ICCID 8949..., IMSI 26201..., IMEI with the given TAC. */
    public static Identity random(String tac) {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      return new Identity(
          Iccid.withCheckDigit("8949" + digits(r, 14)),
          new Imsi("26201" + digits(r, 10)),
          Imei.withCheckDigit(tac + digits(r, 6)));
    }

    public static Identity random() {
      return random("35209900");
    }

    /** Another device (IMEI) with the same TAC holding this SIM. */
    public Identity withImei(String tac) {
      return new Identity(iccid, imsi, random(tac).imei());
    }
  }

  /** Everything an enrolment needs, made in advance. */
  public record Prepared(KeyPair key, byte[] csrDer, String token) {}

  /**
   * One EST exchange: HTTP status, wall-clock latency (TLS handshake included), the certificate on
   * 200.
   */
  public record Result(
      int status, Duration latency, Optional<X509Certificate> certificate, String body) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String estBase;
  private final X509Certificate trustAnchor;
  private final AttestationMinter attester;
  private final Identity identity;
  private KeyPair key;
  private X509Certificate certificate;

  /**
   * @param estBase e.g. {@code https://127.0.0.1:8443/.well-known/est} (optionally with a label)
   * @param trustAnchor the CA root the device was provisioned with
   */
  public DeviceSimulator(
      String estBase, X509Certificate trustAnchor, AttestationMinter attester, Identity identity) {
    this.estBase = Objects.requireNonNull(estBase, "estBase");
    this.trustAnchor = Objects.requireNonNull(trustAnchor, "trustAnchor");
    this.attester = Objects.requireNonNull(attester, "attester");
    this.identity = Objects.requireNonNull(identity, "identity");
  }

  public Identity identity() {
    return identity;
  }

  public Optional<X509Certificate> certificate() {
    return Optional.ofNullable(certificate);
  }

  /** True when there is no certificate or it expires within {@code margin}. */
  public boolean needsRenewal(Duration margin, Instant now) {
    return certificate == null || certificate.getNotAfter().toInstant().isBefore(now.plus(margin));
  }

  /** Key, CSR ({@code CN=<ICCID>}) and a fresh token, for {@link #enroll(Prepared)}. */
  public Prepared prepare() {
    KeyPair kp = p256();
    return new Prepared(kp, csr(kp, new X500Name("CN=" + identity.iccid().value())), token(kp));
  }

  /** Prepares and enrols; on 200 the simulator keeps the key and certificate. */
  public Result enroll() {
    return enroll(prepare());
  }

  /** {@code simpleenroll} on a new TLS connection with Basic ICCID:token. */
  public Result enroll(Prepared prepared) {
    Result result = post("simpleenroll", prepared, null, Credentials.BASIC);
    if (result.status() == 200) {
      key = prepared.key();
      certificate = result.certificate().orElseThrow();
    }
    return result;
  }

  /**
   * {@code simplereenroll} over mutual TLS with the current certificate and a fresh token; the CSR
   * repeats the current subject (RFC 7030 §4.2.2). {@code rekey} uses a new key.
   */
  public Result reenroll(boolean rekey) {
    return reenroll(rekey, Credentials.BASIC);
  }

  /**
   * How the token travels: Basic with the ICCID as user name, or a bare Bearer that names no SIM.
   */
  public enum Credentials {
    BASIC,
    BEARER
  }

  /** {@link #reenroll(boolean)} with the token sent as {@code credentials} says. */
  public Result reenroll(boolean rekey, Credentials credentials) {
    if (certificate == null) {
      throw new IllegalStateException("enrol first");
    }
    KeyPair next = rekey ? p256() : key;
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    Prepared prepared = new Prepared(next, csr(next, subject), token(next));
    Result result = post("simplereenroll", prepared, mtls(key, certificate), credentials);
    if (result.status() == 200) {
      key = next;
      certificate = result.certificate().orElseThrow();
    }
    return result;
  }

  private Result post(
      String operation, Prepared prepared, SSLContext ssl, Credentials credentials) {
    String authorization =
        switch (credentials) {
          case BASIC ->
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (identity.iccid().value() + ":" + prepared.token())
                              .getBytes(StandardCharsets.US_ASCII));
          case BEARER -> "Bearer " + prepared.token();
        };
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(estBase + "/" + operation))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/pkcs10")
            .header("Content-Transfer-Encoding", "base64")
            .header("Authorization", authorization)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Base64.getMimeEncoder().encodeToString(prepared.csrDer())))
            .build();
    // A new client per exchange: a new TLS connection, as a device waking up would open.
    try (HttpClient client =
        HttpClient.newBuilder().sslContext(ssl != null ? ssl : mtls(null, null)).build()) {
      long start = System.nanoTime();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      Optional<X509Certificate> cert =
          response.statusCode() == 200
              ? Optional.of(CertsOnly.decode(response.body()).get(0))
              : Optional.empty();
      return new Result(
          response.statusCode(),
          latency,
          cert,
          new String(response.body(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String token(KeyPair kp) {
    return attester.mint(
        identity.iccid(),
        identity.imsi(),
        identity.imei(),
        kp.getPublic(),
        Duration.ofSeconds(120));
  }

  private SSLContext mtls(KeyPair clientKey, X509Certificate clientCert) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("root", trustAnchor);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (clientKey != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(
            "device", clientKey.getPrivate(), new char[0], new Certificate[] {clientCert});
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the device TLS context", e);
    }
  }

  private static KeyPair p256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] csr(KeyPair kp, X500Name subject) {
    try {
      return new JcaPKCS10CertificationRequestBuilder(subject, kp.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()))
          .getEncoded();
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String digits(ThreadLocalRandom r, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    return b.toString();
  }

  /** The certificates of a certs-only body; for tests that post with other clients. */
  public static List<X509Certificate> certificates(byte[] body) {
    return CertsOnly.decode(body);
  }
}
