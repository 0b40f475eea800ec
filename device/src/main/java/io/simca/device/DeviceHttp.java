package io.simca.device;

import io.simca.est.tls.ClientTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The agent's HTTP client: TLS trusting only the CA root it was given (RFC 7030 §4.1.1: an explicit
 * trust anchor, never the system store), optionally presenting the current device certificate
 * (re-enrolment, §4.2.2), and sending from the given local address so that the attester sees the
 * device's APN address.
 */
final class DeviceHttp {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private DeviceHttp() {}

  static HttpClient client(
      Path trustRoot, Optional<InetAddress> source, Optional<DeviceCredentials> identity) {
    try {
      SSLContext tls =
          identity.isPresent()
              ? ClientTls.withKey(identity.get().key(), identity.get().chain(), trustRoot)
              : ClientTls.trusting(trustRoot);
      HttpClient.Builder b =
          HttpClient.newBuilder()
              .sslContext(tls)
              .connectTimeout(TIMEOUT)
              .version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER);
      source.ifPresent(b::localAddress);
      return b.build();
    } catch (IOException | GeneralSecurityException e) {
      throw new DeviceFailure("cannot load the trust anchor " + trustRoot + ": " + e.getMessage());
    }
  }
}
