package io.simca.ca.pki;

import java.net.URI;
import java.util.Objects;

/**
 * Where the root's revocation information about its issuing CAs is served, on the OCSP/CRL listener
 * (DESIGN.md "Revocation"): OCSP at {@code /ocsp}, the root certificate at {@code /ca/root.crt}
 * (caIssuers), the root's CRL at {@code /crl/root.crl}.
 */
public record RootRevocationUrls(URI ocsp, URI caIssuers, URI crl) {

  /** The label the root's files answer to under {@code /ca/} and {@code /crl/}. */
  public static final String ROOT = "root";

  public RootRevocationUrls {
    Objects.requireNonNull(ocsp, "ocsp");
    Objects.requireNonNull(caIssuers, "caIssuers");
    Objects.requireNonNull(crl, "crl");
  }

  /** From the public base URL ({@code server.publicUrl}, e.g. {@code http://ca.example:8080}). */
  public static RootRevocationUrls of(String publicUrl) {
    String base =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    return new RootRevocationUrls(
        URI.create(base + "/ocsp"),
        URI.create(base + "/ca/" + ROOT + ".crt"),
        URI.create(base + "/crl/" + ROOT + ".crl"));
  }
}
