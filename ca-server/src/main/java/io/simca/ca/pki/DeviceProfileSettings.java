package io.simca.ca.pki;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the device profile, from configuration.
 *
 * @param validity certificate lifetime counted from "now" (DESIGN.md: 24 h)
 * @param backdate how far notBefore is moved into the past for device clock skew (5 min)
 * @param ocspUrl AIA id-ad-ocsp location
 * @param caIssuersUrl AIA id-ad-caIssuers location (the issuing CA certificate, DER)
 * @param crlUrl CRL distribution point
 */
public record DeviceProfileSettings(
    Duration validity, Duration backdate, URI ocspUrl, URI caIssuersUrl, URI crlUrl) {

  public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
  public static final Duration DEFAULT_BACKDATE = Duration.ofMinutes(5);

  public DeviceProfileSettings {
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(backdate, "backdate");
    Objects.requireNonNull(ocspUrl, "ocspUrl");
    Objects.requireNonNull(caIssuersUrl, "caIssuersUrl");
    Objects.requireNonNull(crlUrl, "crlUrl");
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive");
    }
    if (backdate.isNegative()) {
      throw new IllegalArgumentException("backdate must not be negative");
    }
  }

  /**
   * Defaults for an issuing CA {@code label} served at {@code baseUrl} (the plain-HTTP listener):
   * {@code <base>/ocsp}, {@code <base>/ca/<label>.crt}, {@code <base>/crl/<label>.crl}.
   */
  public static DeviceProfileSettings defaults(URI baseUrl, String label) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return new DeviceProfileSettings(
        DEFAULT_VALIDITY,
        DEFAULT_BACKDATE,
        URI.create(base + "/ocsp"),
        URI.create(base + "/ca/" + label + ".crt"),
        URI.create(base + "/crl/" + label + ".crl"));
  }

  /** Lint limit matching these settings. */
  public LintPolicy lintPolicy() {
    return new LintPolicy(validity, backdate);
  }
}
