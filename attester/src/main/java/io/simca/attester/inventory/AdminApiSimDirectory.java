package io.simca.attester.inventory;

import io.simca.est.tls.ClientTls;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks simca's admin API ({@code GET /admin/v1/sims/by-imsi/<imsi>}) over mTLS with an operator
 * credential of role {@code attester} (DESIGN.md: the attester reaches simca through the admin API
 * only). Asynchronous, so the token endpoint's event loop never waits on it.
 */
public final class AdminApiSimDirectory implements SimDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(AdminApiSimDirectory.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http;
  private final URI base;

  private AdminApiSimDirectory(HttpClient http, URI base) {
    this.http = http;
    this.base = base;
  }

  /**
   * @param server the admin API, e.g. {@code https://127.0.0.1:9443}
   * @param operatorP12 the attester's credential ({@code simca operator issue --role attester})
   * @param password its password (not kept)
   * @param trustRoot the CA's root certificate (PEM), which the admin listener's chain ends in
   */
  public static AdminApiSimDirectory connect(
      URI server, Path operatorP12, char[] password, Path trustRoot) {
    try {
      SSLContext tls = ClientTls.withPkcs12(operatorP12, password, trustRoot);
      // HTTP/1.1 as the CLI's admin client: the admin listener speaks nothing else.
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .sslContext(tls)
              .connectTimeout(TIMEOUT)
              .build();
      return new AdminApiSimDirectory(http, server);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot load the attester's admin credential "
              + operatorP12
              + " (trusting "
              + trustRoot
              + "): "
              + e.getMessage());
    }
  }

  @Override
  public CompletableFuture<SimLookup> byImsi(String imsi) {
    if (!imsi.matches("[0-9]{6,15}")) {
      return CompletableFuture.completedFuture(new SimLookup.Unknown("IMSI is not 6-15 digits"));
    }
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/admin/v1/sims/by-imsi/" + imsi))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(AdminApiSimDirectory::answer)
        .exceptionally(
            e -> new SimLookup.Unavailable("SIM inventory unreachable: " + rootMessage(e)));
  }

  private static SimLookup answer(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      if (response.statusCode() == 401 || response.statusCode() == 403) {
        LOG.error(
            "the admin API refused the attester credential (HTTP {}): is it revoked, expired or"
                + " not of role attester?",
            response.statusCode());
      }
      return new SimLookup.Unavailable("SIM inventory answered HTTP " + response.statusCode());
    }
    try {
      JsonArray items = new JsonObject(response.body()).getJsonArray("items", new JsonArray());
      return switch (items.size()) {
        case 0 -> new SimLookup.Unknown("IMSI not in the SIM inventory");
        case 1 -> {
          JsonObject sim = items.getJsonObject(0);
          yield new SimLookup.Found(sim.getString("iccid"), sim.getString("status"));
        }
        default -> new SimLookup.Unknown("IMSI held by more than one SIM in the inventory");
      };
    } catch (DecodeException | ClassCastException e) {
      return new SimLookup.Unavailable("SIM inventory answered unreadable JSON");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
