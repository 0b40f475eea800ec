package io.simca.ca.hierarchy;

import java.util.List;
import java.util.Objects;

/**
 * Inputs of {@code simca ca init}.
 *
 * @param rootPassphrase the root key's passphrase (from {@code --root-pass-file}); null = generate
 *     one into {@code ca/root.pass} and mark the hierarchy as a development hierarchy
 * @param hostNames extra DNS names / IP literals for the server TLS certificate
 * @param organization {@code O=} of every CA and server subject
 * @param publicUrl base URL of the OCSP/CRL listener as relying parties reach it, written into the
 *     issuing CA certificates (AIA, CRL distribution point; {@code server.publicUrl})
 */
public record InitOptions(
    char[] rootPassphrase, List<String> hostNames, String organization, String publicUrl) {

  /** What {@code server.publicUrl} is when nothing is configured: the default OCSP/CRL listener. */
  public static final String DEFAULT_PUBLIC_URL = "http://127.0.0.1:8080";

  public InitOptions {
    hostNames = List.copyOf(hostNames);
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(publicUrl, "publicUrl");
  }

  /** Generated root passphrase, loopback-only TLS names, organisation "simca". */
  public static InitOptions defaults() {
    return new InitOptions(null, List.of(), "simca", DEFAULT_PUBLIC_URL);
  }

  public InitOptions withRootPassphrase(char[] passphrase) {
    return new InitOptions(passphrase, hostNames, organization, publicUrl);
  }

  public InitOptions withHostNames(List<String> names) {
    return new InitOptions(rootPassphrase, names, organization, publicUrl);
  }

  public InitOptions withOrganization(String org) {
    return new InitOptions(rootPassphrase, hostNames, org, publicUrl);
  }

  public InitOptions withPublicUrl(String url) {
    return new InitOptions(rootPassphrase, hostNames, organization, url);
  }

  @Override
  public String toString() {
    return "InitOptions[rootPassphrase="
        + (rootPassphrase == null ? "generated" : "given")
        + ", hostNames="
        + hostNames
        + ", organization="
        + organization
        + "]";
  }
}
