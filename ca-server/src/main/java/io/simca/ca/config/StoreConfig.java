package io.simca.ca.config;

import java.time.Duration;

/**
 * Where certificates, SIMs and the audit chain live. An empty url means embedded H2 in the data
 * dir.
 */
public record StoreConfig(
    String url,
    String user,
    String password,
    int poolSize,
    Duration connectionTimeout,
    Duration h2CompactInterval) {

  public boolean embedded() {
    return url == null || url.isBlank();
  }
}
