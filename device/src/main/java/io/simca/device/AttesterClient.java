package io.simca.device;

import io.simca.est.attest.PemKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;

/**
 * Asks the network attester for a SIM attestation token bound to a key ({@code POST /attest} with
 * the PEM SubjectPublicKeyInfo). The attester knows the device by the address it calls from.
 */
final class AttesterClient {

  private final HttpClient http;
  private final URI attest;

  AttesterClient(HttpClient http, URI attester) {
    this.http = http;
    this.attest = attester.resolve("/attest");
  }

  String token(PublicKey key) {
    HttpRequest request =
        HttpRequest.newBuilder(attest)
            .timeout(DeviceHttp.TIMEOUT)
            .header("Content-Type", "application/x-pem-file")
            .POST(HttpRequest.BodyPublishers.ofString(PemKeys.publicKeyPem(key)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeviceFailure("attester " + attest + " unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeviceFailure("interrupted while asking the attester");
    }
    if (response.statusCode() != 200) {
      throw new DeviceFailure(
          "attester refused (HTTP " + response.statusCode() + "): " + response.body().strip(),
          response.statusCode());
    }
    return response.body().strip();
  }
}
