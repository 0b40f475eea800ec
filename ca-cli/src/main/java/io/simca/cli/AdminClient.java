package io.simca.cli;

import io.simca.est.tls.ClientTls;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The CLI's one door to the admin API: HTTPS with the operator's PKCS#12 credential as client
 * certificate, trusting only the hierarchy's root. Problem+json answers (RFC 9457) become a {@link
 * CliFailure} carrying the problem's detail; an unreachable server becomes one line saying so.
 */
final class AdminClient {

  /** An answer of the API: status and JSON body (the problem document for errors). */
  record Response(int status, JsonObject body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The problem's detail (or a generic line when the body is not a problem). */
    String detail() {
      String d = body.getString("detail");
      return d != null ? d : "admin API answered HTTP " + status;
    }
  }

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final URI base;
  private final HttpClient http;

  private AdminClient(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  static AdminClient open(URI server, Path p12, char[] pass, Path rootPem) {
    try {
      SSLContext tls = ClientTls.withPkcs12(p12, pass, rootPem);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .sslContext(tls)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      String s = server.toString();
      return new AdminClient(
          URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s), http);
    } catch (IOException e) {
      throw new CliFailure(
          "cannot read operator credential " + p12 + " (wrong passphrase or not PKCS#12)");
    } catch (GeneralSecurityException e) {
      throw new CliFailure("cannot use operator credential " + p12 + ": " + e.getMessage());
    }
  }

  URI base() {
    return base;
  }

  /** GET {@code /admin/v1<path>} with query parameters (null values left out); fails unless 2xx. */
  JsonObject get(String path, Map<String, ?> query) {
    return require(send(HttpRequest.newBuilder(uri(path, query)).GET()));
  }

  JsonObject get(String path) {
    return get(path, Map.of());
  }

  /** POST a JSON body; fails unless 2xx. */
  JsonObject post(String path, JsonObject body) {
    return require(
        send(
            HttpRequest.newBuilder(uri(path, Map.of()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))));
  }

  /** POST a CSV body; the caller reads the status (an import maps 400/409 itself). */
  Response postCsv(String path, Map<String, ?> query, String csv) {
    return send(
        HttpRequest.newBuilder(uri(path, query))
            .header("Content-Type", "text/csv; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
  }

  private static JsonObject require(Response r) {
    if (!r.ok()) {
      throw new CliFailure(r.detail() + " (HTTP " + r.status() + ")");
    }
    return r.body();
  }

  private URI uri(String path, Map<String, ?> query) {
    Map<String, Object> q = new LinkedHashMap<>();
    query.forEach(
        (k, v) -> {
          if (v != null) {
            q.put(k, v);
          }
        });
    String qs =
        q.isEmpty()
            ? ""
            : "?"
                + q.entrySet().stream()
                    .map(
                        e ->
                            e.getKey()
                                + "="
                                + URLEncoder.encode(
                                    String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
    return URI.create(base + "/admin/v1" + path + qs);
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> resp =
          http.send(
              request.timeout(TIMEOUT).header("Accept", "application/json").build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(resp.statusCode(), parse(resp));
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw unreachable();
    } catch (SSLException e) {
      throw new CliFailure(
          "TLS with the admin API at "
              + base
              + " failed ("
              + e.getMessage()
              + "): the server must chain to <data>/ca/root.pem and accept the operator credential");
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException) {
        throw unreachable();
      }
      throw new CliFailure(
          "admin API at "
              + base
              + " failed: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted");
    }
  }

  private CliFailure unreachable() {
    return new CliFailure("cannot reach the admin API at " + base + ": is `simca serve` running?");
  }

  private static JsonObject parse(HttpResponse<String> resp) {
    String body = resp.body();
    if (body == null || body.isBlank()) {
      return new JsonObject();
    }
    try {
      return new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      return new JsonObject()
          .put("detail", "admin API answered HTTP " + resp.statusCode() + " with a non-JSON body");
    }
  }
}
