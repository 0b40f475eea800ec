package io.simca.device;

import io.simca.est.codec.CertsOnly;
import io.simca.est.codec.EstBase64;
import io.simca.est.codec.EstMediaTypes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The two EST calls the agent makes (RFC 7030 §4.2): {@code simpleenroll} and, over mTLS with the
 * current certificate, {@code simplereenroll}. The body is the base64 DER CSR (RFC 8951 §3), the
 * token goes as {@code Authorization: Bearer} (DESIGN.md enrolment step 3).
 */
final class EstClient {

  private final HttpClient http;
  private final URI base;

  EstClient(HttpClient http, URI estBase) {
    this.http = http;
    String b = estBase.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
  }

  List<X509Certificate> enroll(byte[] csrDer, String token, boolean reenroll) {
    URI target = base.resolve(reenroll ? "simplereenroll" : "simpleenroll");
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(DeviceHttp.TIMEOUT)
            .header("Content-Type", EstMediaTypes.PKCS10)
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(EstBase64.encode(csrDer)))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new DeviceFailure("EST server " + target + " unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeviceFailure("interrupted while enrolling");
    }
    if (response.statusCode() != 200) {
      String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).strip();
      throw new DeviceFailure(
          "EST "
              + target.getPath()
              + " refused (HTTP "
              + response.statusCode()
              + "): "
              + firstLine(body),
          response.statusCode());
    }
    try {
      List<X509Certificate> certs = CertsOnly.decode(response.body());
      if (certs.isEmpty()) {
        throw new DeviceFailure("EST answered a PKCS#7 without certificates");
      }
      return certs;
    } catch (RuntimeException e) {
      if (e instanceof DeviceFailure f) {
        throw f;
      }
      throw new DeviceFailure("EST answered an unreadable PKCS#7: " + e.getMessage());
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
