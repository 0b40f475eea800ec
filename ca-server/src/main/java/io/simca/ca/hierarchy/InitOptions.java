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
 */
public record InitOptions(char[] rootPassphrase, List<String> hostNames, String organization) {

  public InitOptions {
    hostNames = List.copyOf(hostNames);
    Objects.requireNonNull(organization, "organization");
  }

  /** Generated root passphrase, loopback-only TLS names, organisation "simca". */
  public static InitOptions defaults() {
    return new InitOptions(null, List.of(), "simca");
  }

  public InitOptions withRootPassphrase(char[] passphrase) {
    return new InitOptions(passphrase, hostNames, organization);
  }

  public InitOptions withHostNames(List<String> names) {
    return new InitOptions(rootPassphrase, names, organization);
  }

  public InitOptions withOrganization(String org) {
    return new InitOptions(rootPassphrase, hostNames, org);
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
