package io.simca.ca.hierarchy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The data directory's file layout (DESIGN.md "Data dir layout"), in one place.
 *
 * <p>Why: scripts, the CLI and the server all rely on these paths; nobody else builds them by
 * string concatenation. Layout:
 *
 * <pre>
 * ca/root.pem                     trust anchor (written last by init: the "initialised" marker)
 * ca/root.p12, ca/root.pass       offline root key (0600); root.pass only for dev hierarchies
 * ca/&lt;label&gt;.pem                 issuing CA certificate (active generation)
 * ca/&lt;label&gt;.p12, .pass          its key and unattended passphrase (0600)
 * ca/archive/&lt;label&gt;-&lt;gen&gt;.pem/.p12/.pass            retired generations
 * ca/archive/&lt;label&gt;-&lt;gen&gt;.ocsp.pem/.ocsp.p12/.ocsp.pass  their OCSP responders
 * ca/&lt;label&gt;.p11 (and the others)  instead of .p12 + .pass: the key's RFC 7512 URI in the token
 * ca/pending/&lt;label&gt;.csr, .p12/.p11  a node's issuing CA request waiting for the offline root
 * ca/issued/&lt;serial&gt;.pem           on an offline root: the issuing CA certificates it signed
 * ocsp/&lt;label&gt;.pem, .p12, .pass  delegated OCSP responder of the active generation
 * tls/server.pem, tls/server.key  server TLS certificate and PKCS#8 PEM key (0600)
 * tls/chain.pem                   server certificate followed by its issuing CA
 * operators/&lt;name&gt;.p12, .pass    operator credentials (0600)
 * attesters/                      trusted attester keys
 * </pre>
 */
public record DataDir(Path root) {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final Pattern ARCHIVED = Pattern.compile("(.+)-([0-9]+)\\.pem");

  public DataDir {
    Objects.requireNonNull(root, "root");
  }

  public static DataDir of(Path root) {
    return new DataDir(root);
  }

  public Path caDir() {
    return root.resolve("ca");
  }

  public Path rootCert() {
    return caDir().resolve("root.pem");
  }

  /** The root's CRL of its issuing CAs, signed where the root key is ({@code ca refresh-root}). */
  public Path rootCrl() {
    return caDir().resolve("root.crl");
  }

  /** The root's pre-signed OCSP responses, one {@code <serial hex>.der} per issuing CA. */
  public Path rootOcspDir() {
    return caDir().resolve("root-ocsp");
  }

  /** Issuing CA certificates the root revoked ({@code ca revoke}): serial, reason, time. */
  public Path revokedIssuingCas() {
    return caDir().resolve("revoked-cas");
  }

  public Path rootKey() {
    return caDir().resolve("root.p12");
  }

  public Path rootPassFile() {
    return caDir().resolve("root.pass");
  }

  public Path issuingCert(String label) {
    return caDir().resolve(label + ".pem");
  }

  public Path issuingKey(String label) {
    return caDir().resolve(label + ".p12");
  }

  public Path issuingPass(String label) {
    return caDir().resolve(label + ".pass");
  }

  public Path ocspDir() {
    return root.resolve("ocsp");
  }

  public Path ocspCert(String label) {
    return ocspDir().resolve(label + ".pem");
  }

  public Path ocspKey(String label) {
    return ocspDir().resolve(label + ".p12");
  }

  public Path ocspPass(String label) {
    return ocspDir().resolve(label + ".pass");
  }

  public Path tlsDir() {
    return root.resolve("tls");
  }

  public Path tlsCert() {
    return tlsDir().resolve("server.pem");
  }

  public Path tlsKey() {
    return tlsDir().resolve("server.key");
  }

  public Path tlsChain() {
    return tlsDir().resolve("chain.pem");
  }

  public Path operatorsDir() {
    return root.resolve("operators");
  }

  public Path operatorP12(String name) {
    return operatorsDir().resolve(name + ".p12");
  }

  public Path operatorPass(String name) {
    return operatorsDir().resolve(name + ".pass");
  }

  public Path attestersDir() {
    return root.resolve("attesters");
  }

  public Path archiveDir() {
    return caDir().resolve("archive");
  }

  public Path archivedCert(String label, int gen) {
    return archiveDir().resolve(label + "-" + gen + ".pem");
  }

  public Path archivedKey(String label, int gen) {
    return archiveDir().resolve(label + "-" + gen + ".p12");
  }

  public Path archivedPass(String label, int gen) {
    return archiveDir().resolve(label + "-" + gen + ".pass");
  }

  public Path archivedOcspCert(String label, int gen) {
    return archiveDir().resolve(label + "-" + gen + ".ocsp.pem");
  }

  public Path archivedOcspKey(String label, int gen) {
    return archiveDir().resolve(label + "-" + gen + ".ocsp.p12");
  }

  public Path archivedOcspPass(String label, int gen) {
    return archiveDir().resolve(label + "-" + gen + ".ocsp.pass");
  }

  /**
   * The active issuing key of {@code label}: {@code ca/<label>.p12} + {@code .pass}, or {@code
   * .p11}.
   */
  public KeySlot issuingKeySlot(String label) {
    return new KeySlot(issuingKey(label), issuingPass(label));
  }

  public KeySlot ocspKeySlot(String label) {
    return new KeySlot(ocspKey(label), ocspPass(label));
  }

  public KeySlot archivedKeySlot(String label, int gen) {
    return new KeySlot(archivedKey(label, gen), archivedPass(label, gen));
  }

  public KeySlot archivedOcspKeySlot(String label, int gen) {
    return new KeySlot(archivedOcspKey(label, gen), archivedOcspPass(label, gen));
  }

  /**
   * {@code ca/pending/}: an issuing CA key waiting for the offline root's certificate ({@code ca
   * request-intermediate}, then {@code ca install-intermediate}).
   */
  public Path pendingDir() {
    return caDir().resolve("pending");
  }

  public KeySlot pendingKeySlot(String label) {
    return new KeySlot(pendingDir().resolve(label + ".p12"), pendingDir().resolve(label + ".pass"));
  }

  /** The PKCS#10 request for the pending key of {@code label}, for the root ceremony. */
  public Path pendingCsr(String label) {
    return pendingDir().resolve(label + ".csr");
  }

  /** {@code ca/issued/}: on an offline root, every issuing CA certificate it signed for a node. */
  public Path issuedDir() {
    return caDir().resolve("issued");
  }

  /** True once {@code ca/root.pem} exists: init writes it last. */
  public boolean isInitialised() {
    return Files.isRegularFile(rootCert());
  }

  /** True for labels usable as file names and URL path segments. */
  public static boolean isValidLabel(String label) {
    return label != null
        && LABEL.matcher(label).matches()
        && !label.equals("root")
        && !label.equals("archive");
  }

  /** Labels of the active issuing CAs ({@code ca/<label>.pem} other than root), sorted. */
  public List<String> labels() {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(caDir())) {
      return out;
    }
    try (Stream<Path> s = Files.list(caDir())) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".pem") && !n.equals("root.pem"))
          .map(n -> n.substring(0, n.length() - 4))
          .filter(DataDir::isValidLabel)
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Archived generation numbers of {@code label}, ascending. */
  public List<Integer> archivedGenerations(String label) {
    List<Integer> out = new ArrayList<>();
    if (!Files.isDirectory(archiveDir())) {
      return out;
    }
    try (Stream<Path> s = Files.list(archiveDir())) {
      s.map(p -> ARCHIVED.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .filter(m -> m.group(1).equals(label))
          .map(m -> Integer.parseInt(m.group(2)))
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The active generation of {@code label}: one more than its newest archived generation. */
  public int activeGeneration(String label) {
    List<Integer> gens = archivedGenerations(label);
    return gens.isEmpty() ? 1 : gens.get(gens.size() - 1) + 1;
  }
}
