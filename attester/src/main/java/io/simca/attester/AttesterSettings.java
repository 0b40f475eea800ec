package io.simca.attester;

import io.simca.attester.inventory.SimDirectory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code simca attester serve} runs with.
 *
 * @param radius where RADIUS accounting arrives (UDP; DESIGN.md: 127.0.0.1:1813)
 * @param radiusSecret the shared secret of the packet core's accounting client
 * @param http where devices ask for tokens (DESIGN.md: 127.0.0.1:8081)
 * @param tls PEM certificate chain and key for the token endpoint, or plain HTTP on the APN
 * @param kid the attester key id the CA trusts ({@code <data>/attesters/<kid>.pem})
 * @param issuer the {@code iss} claim (by default the kid)
 * @param signingKey the attester's private key
 * @param sims IMSI -> ICCID
 * @param sessionsFile the session journal
 * @param tokenTtl token lifetime (at most 300 s)
 * @param sessionMaxIdle how long a session without Acct-Interim-Interval lives without a refresh
 * @param rateBurst tokens a session may take at once
 * @param ratePerMinute tokens a session may take per minute after that
 */
public record AttesterSettings(
    InetSocketAddress radius,
    byte[] radiusSecret,
    InetSocketAddress http,
    Optional<Tls> tls,
    String kid,
    String issuer,
    PrivateKey signingKey,
    SimDirectory sims,
    Path sessionsFile,
    Duration tokenTtl,
    Duration sessionMaxIdle,
    int rateBurst,
    int ratePerMinute) {

  /** The token endpoint's TLS certificate chain and key, PEM files. */
  public record Tls(Path certificateChain, Path privateKey) {}

  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofSeconds(120);
  public static final Duration DEFAULT_SESSION_MAX_IDLE = Duration.ofHours(24);

  public AttesterSettings {
    Objects.requireNonNull(radius, "radius");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(sims, "sims");
    Objects.requireNonNull(sessionsFile, "sessionsFile");
    if (radiusSecret == null || radiusSecret.length == 0) {
      throw new IllegalArgumentException("the RADIUS shared secret is empty");
    }
    if (tokenTtl.isNegative() || tokenTtl.isZero() || tokenTtl.toSeconds() > 300) {
      throw new IllegalArgumentException("token lifetime must be 1 to 300 seconds");
    }
    if (rateBurst < 1 || ratePerMinute < 1) {
      throw new IllegalArgumentException("rate limits must be at least 1");
    }
  }
}
