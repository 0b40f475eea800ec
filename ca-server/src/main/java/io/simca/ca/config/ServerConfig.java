package io.simca.ca.config;

import java.time.Duration;
import java.util.List;

/**
 * Listeners and HTTP limits (body, idle connection, request-head deadline, header size and count,
 * on every HTTP listener). {@code publicUrl} is the base that goes into certificates (AIA
 * OCSP/caIssuers, CRL distribution point), so it must be what relying parties reach.
 */
public record ServerConfig(
    ListenerConfig est,
    ListenerConfig http,
    ListenerConfig admin,
    CoapListenerConfig coap,
    List<String> hostNames,
    String publicUrl,
    int maxBodyBytes,
    Duration idleTimeout,
    Duration requestHeadTimeout,
    int maxHeaderBytes,
    int maxHeaderCount,
    int maxConnections,
    int instances,
    boolean nativeTls,
    Duration shutdownGrace,
    BulkheadsConfig bulkheads) {

  /** The base URL for AIA and CDP: the configured one, else the plain-HTTP listener. */
  public String effectivePublicUrl() {
    if (publicUrl != null && !publicUrl.isBlank()) {
      return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
    return "http://" + http.host() + ":" + http.port();
  }
}
