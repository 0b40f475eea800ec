package io.simca.ca.server.est;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.TestStores;
import io.simca.ca.testing.DeviceSimulator;
import io.simca.ca.testing.DeviceSimulator.Identity;
import io.simca.ca.testing.TestServers;
import io.simca.est.testing.Processes;
import io.simca.est.testing.PythonTokenMinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The EST answers as bytes on the wire, read with {@code openssl s_client} (no HTTP library that
 * would fold names to one case): every header name is spelled canonically, because libest compares
 * {@code Content-Length} and {@code Content-Type} byte for byte, and {@code Content-Length} is the
 * body's length. The only other spelling is the 401's deliberate lower-case Basic challenge.
 */
class EstWireHeadersTest {

  @TempDir static Path tmp;

  private static final EstFixture.Nodes NODES =
      new EstFixture.Nodes(kind -> EstFixture.start(tmp, kind));

  /** Each dash-separated part capitalised; WWW as the one acronym (RFC 9110 field names). */
  private static final Pattern CANONICAL =
      Pattern.compile("(WWW|[A-Z][a-z0-9]*)(-[A-Z][a-z0-9]*)*");

  private static final String LOWER_CASE_BASIC = "www-authenticate: " + EstChallenge.BASIC;

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @AfterAll
  static void stop() {
    NODES.close();
  }

  /** One answer as it came: status line, header lines in order, body bytes. */
  record Answer(String status, List<String> headers, byte[] body) {
    String header(String name) {
      return headers.stream()
          .filter(h -> h.startsWith(name + ": "))
          .map(h -> h.substring(name.length() + 2))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + name + " in " + headers));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyEstAnswer_hasCanonicalHeaderNames(TestStores.Kind kind) throws Exception {
    EstFixture f = NODES.get(kind);
    Path dir = Files.createTempDirectory(tmp, "wire-");

    assertCanonical(send(f, dir, get("cacerts"), ""), "200", "application/pkcs7-mime");
    assertCanonical(send(f, dir, get("csrattrs"), ""), "200", "application/csrattrs");
    assertCanonical(send(f, dir, get("nolabel/cacerts"), ""), "404", "text/plain; charset=utf-8");
    assertCanonical(
        send(f, dir, post("simpleenroll", "text/plain", null, "x"), ""),
        "415",
        "text/plain; charset=utf-8");

    Identity id = f.sim("acme");
    EstEnrollmentTest.sh(
        dir,
        "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout dev.key"
            + " -out dev.csr -subj /CN=ignored");
    String csr = Files.readString(dir.resolve("dev.csr"));
    assertCanonical(
        send(f, dir, post("simpleenroll", "application/pkcs10", null, csr), ""), "401", null);
    PythonTokenMinter.Token token =
        f.pythonToken(id, EstEnrollmentTest.csrKey(dir.resolve("dev.csr")));
    String badSignature =
        EstFixture.basic(
            id.iccid().value(), token.variant(PythonTokenMinter.Variant.BAD_SIGNATURE).mint());
    assertCanonical(
        send(f, dir, post("simpleenroll", "application/pkcs10", badSignature, csr), ""),
        "403",
        "text/plain; charset=utf-8");
    assertCanonical(
        send(f, dir, post("simpleenroll", "application/pkcs10", "Basic !!!", csr), ""),
        "400",
        "text/plain; charset=utf-8");

    String basic =
        EstFixture.basic(
            id.iccid().value(),
            f.pythonToken(id, EstEnrollmentTest.csrKey(dir.resolve("dev.csr"))).mint());
    Answer enrolled = send(f, dir, post("simpleenroll", "application/pkcs10", basic, csr), "");
    assertCanonical(enrolled, "200", "application/pkcs7-mime; smime-type=certs-only");
    Files.writeString(
        dir.resolve("dev.pem"),
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(DeviceSimulator.certificates(enrolled.body()).get(0).getEncoded())
            + "\n-----END CERTIFICATE-----\n");

    // RFC 7030 §4.2.2: a re-enrolment CSR repeats the current subject.
    EstEnrollmentTest.sh(
        dir, "openssl req -new -key dev.key -out renew.csr -subj /O=acme/CN=" + id.iccid().value());
    String renewBasic =
        EstFixture.basic(
            id.iccid().value(),
            f.pythonToken(id, EstEnrollmentTest.csrKey(dir.resolve("renew.csr"))).mint());
    Answer renewed =
        send(
            f,
            dir,
            post(
                "simplereenroll",
                "application/pkcs10",
                renewBasic,
                Files.readString(dir.resolve("renew.csr"))),
            " -cert dev.pem -key dev.key");
    assertCanonical(renewed, "200", "application/pkcs7-mime; smime-type=certs-only");
  }

  private static void assertCanonical(Answer a, String status, String contentType) {
    assertThat(a.status())
        .as(new String(a.body(), StandardCharsets.US_ASCII))
        .startsWith("HTTP/1.1 " + status + " ");
    for (String line : a.headers()) {
      String name = line.substring(0, line.indexOf(':'));
      if (line.equals(LOWER_CASE_BASIC)) {
        assertThat(status).as("the lower-case challenge only in a 401").isEqualTo("401");
        continue;
      }
      assertThat(name).as("header name in %s %s", a.status(), a.headers()).matches(CANONICAL);
    }
    assertThat(a.header("Content-Length")).isEqualTo(Integer.toString(a.body().length));
    if (contentType != null) {
      assertThat(a.header("Content-Type")).isEqualTo(contentType);
    }
    if (status.equals("401")) {
      assertThat(a.headers())
          .containsSubsequence(LOWER_CASE_BASIC, "WWW-Authenticate: " + EstChallenge.BEARER);
    }
  }

  private static String get(String path) {
    return "GET /.well-known/est/"
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  }

  private static String post(String path, String contentType, String authorization, String body) {
    return "POST /.well-known/est/"
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: "
        + contentType
        + "\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Length: "
        + body.getBytes(StandardCharsets.US_ASCII).length
        + "\r\n\r\n"
        + body;
  }

  /** Sends {@code request} through openssl s_client and splits the raw answer. */
  private static Answer send(EstFixture f, Path dir, String request, String clientCert)
      throws IOException {
    Files.writeString(dir.resolve("request"), request, StandardCharsets.US_ASCII);
    Files.deleteIfExists(dir.resolve("answer"));
    Processes.Result r =
        Processes.run(
            dir,
            "bash",
            "-c",
            "openssl s_client -quiet -connect 127.0.0.1:"
                + f.node.server().estPort()
                + " -CAfile "
                + f.node.rootPem()
                + clientCert
                + " < request > answer");
    byte[] raw = Files.readAllBytes(dir.resolve("answer"));
    // ISO-8859-1 maps each byte to one char, so string offsets are byte offsets.
    int end = new String(raw, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
    assertThat(end).as("no header end in the answer (%s)", r.output()).isPositive();
    List<String> lines =
        List.of(new String(raw, 0, end, StandardCharsets.US_ASCII).split("\r\n", -1));
    return new Answer(
        lines.get(0), lines.subList(1, lines.size()), Arrays.copyOfRange(raw, end + 4, raw.length));
  }
}
