package io.simca.ca.server.est;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyInitializer;
import io.simca.ca.hierarchy.InitOptions;
import io.simca.est.testing.Processes;
import io.simca.est.testing.TestCsrs;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.est.ESTException;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.jcajce.JcaHttpAuthBuilder;
import org.bouncycastle.est.jcajce.JsseESTServiceBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Measures which scheme each stock EST client answers for each way of offering Basic and Bearer in
 * a 401, which is why {@link EstChallenge} looks as it does. A bare TLS listener answers a request
 * without credentials with the shape named by the path label and records the scheme of the retry;
 * the {@code simca} shape is written by {@link EstChallenge} itself. The clients are the real ones:
 * libest's estclient with {@code --auth-token}, Bouncy Castle's EST client with {@code HttpAuth},
 * and curl with {@code --anyauth -u}. Only the simca shape gets each client to send the scheme it
 * can carry a whole token in.
 */
class ChallengeShapesTest {

  @TempDir static Path tmp;

  private static Vertx vertx;
  private static HttpServer server;
  private static DataDir data;
  private static final List<String> RETRIES = Collections.synchronizedList(new ArrayList<>());

  /** A way to offer the two challenges: header fields in order, name spelled as given. */
  enum Shape {
    SIMCA(List.of()),
    BASIC_ONLY(List.of(field("WWW-Authenticate", EstChallenge.BASIC))),
    BEARER_ONLY(List.of(field("WWW-Authenticate", EstChallenge.BEARER))),
    ONE_FIELD_BEARER_BASIC(
        List.of(field("WWW-Authenticate", EstChallenge.BEARER + ", " + EstChallenge.BASIC))),
    ONE_FIELD_BASIC_BEARER(
        List.of(field("WWW-Authenticate", EstChallenge.BASIC + ", " + EstChallenge.BEARER))),
    TWO_FIELDS_BEARER_FIRST(
        List.of(
            field("WWW-Authenticate", EstChallenge.BEARER),
            field("WWW-Authenticate", EstChallenge.BASIC))),
    TWO_FIELDS_BASIC_FIRST(
        List.of(
            field("WWW-Authenticate", EstChallenge.BASIC),
            field("WWW-Authenticate", EstChallenge.BEARER)));

    final List<Map.Entry<String, String>> fields;

    Shape(List<Map.Entry<String, String>> fields) {
      this.fields = fields;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT).replace("_", "");
    }

    static Shape of(String label) {
      return Stream.of(values()).filter(s -> s.label().equals(label)).findFirst().orElseThrow();
    }
  }

  /** The scheme each client sent on its retry ("none": it did not retry). */
  record Expected(Shape shape, String libest, String bouncyCastle, String curl) {}

  static Stream<Arguments> shapes() {
    return Stream.of(
            new Expected(Shape.SIMCA, "Bearer", "Basic", "Basic"),
            new Expected(Shape.BASIC_ONLY, "Basic", "Basic", "Basic"),
            new Expected(Shape.BEARER_ONLY, "Bearer", "none", "none"),
            new Expected(Shape.ONE_FIELD_BEARER_BASIC, "Bearer", "none", "Basic"),
            // BC splits the one field's parameters and fails on the second challenge.
            new Expected(Shape.ONE_FIELD_BASIC_BEARER, "Basic", "none", "Basic"),
            new Expected(Shape.TWO_FIELDS_BEARER_FIRST, "Bearer", "none", "Basic"),
            new Expected(Shape.TWO_FIELDS_BASIC_FIRST, "Basic", "Basic", "Basic"))
        .map(Arguments::of);
  }

  @BeforeAll
  static void start() throws Exception {
    data = new DataDir(tmp.resolve("data"));
    new HierarchyInitializer().init(data, InitOptions.defaults());
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost("127.0.0.1")
                    .setPort(0)
                    .setSsl(true)
                    .setKeyCertOptions(
                        new PemKeyCertOptions()
                            .setKeyPath(data.tlsKey().toString())
                            .setCertPath(data.tlsChain().toString())))
            .requestHandler(ChallengeShapesTest::answer)
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** {@code /.well-known/est/<shape>/simpleenroll}: challenge, or record the retry's scheme. */
  private static void answer(HttpServerRequest req) {
    String[] path = req.path().split("/");
    Shape shape = Shape.of(path[path.length - 2]);
    req.body()
        .onComplete(
            body -> {
              String authorization = req.getHeader("Authorization");
              if (authorization == null) {
                if (shape == Shape.SIMCA) {
                  EstChallenge.send(req.response());
                } else {
                  req.response().setStatusCode(401);
                  shape.fields.forEach(e -> req.response().headers().add(e.getKey(), e.getValue()));
                  req.response().putHeader("Content-Length", "0").end();
                }
                return;
              }
              RETRIES.add(authorization.split(" ", 2)[0]);
              // A plain refusal ends every client's attempt; libest needs the canonical length.
              req.response()
                  .setStatusCode(400)
                  .putHeader("Content-Type", "text/plain")
                  .putHeader("Content-Length", "9")
                  .end("recorded\n");
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void eachClientPicksItsScheme(Expected expected) throws Exception {
    Shape shape = expected.shape();
    assertThat(libest(shape)).as("libest").isEqualTo(expected.libest());
    assertThat(bouncyCastle(shape)).as("Bouncy Castle").isEqualTo(expected.bouncyCastle());
    assertThat(curl(shape)).as("curl --anyauth").isEqualTo(expected.curl());
  }

  private static String libest(Shape shape) throws Exception {
    RETRIES.clear();
    Path dir = Files.createTempDirectory(tmp, "libest-");
    Files.writeString(
        dir.resolve("dev.csr"), TestCsrs.pem(TestCsrs.der(TestCsrs.p256()), "CERTIFICATE REQUEST"));
    Files.createDirectories(dir.resolve("out"));
    Path client = Libest.executable();
    Processes.Result r =
        Processes.run(
            dir,
            List.of(
                "env",
                "EST_OPENSSL_CACERT=" + data.rootCert(),
                client.toString(),
                "-s",
                "127.0.0.1",
                "-p",
                Integer.toString(server.actualPort()),
                "--path-seg",
                shape.label(),
                "-e",
                "-y",
                "dev.csr",
                "--auth-token",
                "header.payload.signature",
                "-o",
                "out"),
            null);
    return retry(r.output());
  }

  private static String bouncyCastle(Shape shape) throws Exception {
    RETRIES.clear();
    KeyStore roots = KeyStore.getInstance("PKCS12");
    roots.load(null, null);
    try (var in = Files.newInputStream(data.rootCert())) {
      roots.setCertificateEntry(
          "root",
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(roots);
    ESTService est =
        new JsseESTServiceBuilder(
                "127.0.0.1:" + server.actualPort(),
                Stream.of(tmf.getTrustManagers())
                    .map(X509TrustManager.class::cast)
                    .toArray(X509TrustManager[]::new))
            .withLabel(shape.label())
            .build();
    KeyPair key = TestCsrs.p256();
    PKCS10CertificationRequest csr = TestCsrs.csr(key);
    String failure = "";
    try {
      est.simpleEnroll(
          false,
          csr,
          new JcaHttpAuthBuilder("8944501000000000013", "header.payload.signature".toCharArray())
              .build());
    } catch (ESTException | RuntimeException e) {
      failure = String.valueOf(e.getMessage());
    }
    return retry(failure);
  }

  private static String curl(Shape shape) throws Exception {
    RETRIES.clear();
    Processes.Result r =
        Processes.run(
            tmp,
            "curl",
            "-sS",
            "--cacert",
            data.rootCert().toString(),
            "--anyauth",
            "-u",
            "8944501000000000013:header.payload.signature",
            "-H",
            "Content-Type: application/pkcs10",
            "--data-binary",
            "MIIB",
            "https://127.0.0.1:"
                + server.actualPort()
                + "/.well-known/est/"
                + shape.label()
                + "/simpleenroll");
    return retry(r.output());
  }

  private static String retry(String clientOutput) {
    synchronized (RETRIES) {
      assertThat(RETRIES).as("retries; client said: %s", clientOutput).hasSizeLessThanOrEqualTo(1);
      return RETRIES.isEmpty() ? "none" : RETRIES.get(0);
    }
  }

  private static Map.Entry<String, String> field(String name, String value) {
    return Map.entry(name, value);
  }
}
