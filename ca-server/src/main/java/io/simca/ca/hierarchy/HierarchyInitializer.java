package io.simca.ca.hierarchy;

import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.crypto.Pem;
import io.simca.ca.crypto.SecureFiles;
import io.simca.ca.crypto.SigningKey;
import io.simca.ca.pki.RootCaProfile;
import io.simca.ca.pki.RootRevocationUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code simca ca init}: creates the whole hierarchy in an empty data dir.
 *
 * <p>Crash safety: every file is written atomically (temp + rename) and {@code ca/root.pem} is
 * written <em>last</em>; it is the "initialised" marker ({@link DataDir#isInitialised()}). A crash
 * mid-init therefore leaves key files without {@code ca/root.pem}, which the next init detects and
 * refuses with a message naming the leftover file, instead of silently mixing two hierarchies.
 */
public final class HierarchyInitializer {

  /** The first issuing CA's label. */
  public static final String DEFAULT_LABEL = "default";

  /** The first operator credential's name. */
  public static final String ADMIN = "admin";

  private final HierarchyMinter minter;

  public HierarchyInitializer() {
    this(Clock.systemUTC(), KeyVault.files());
  }

  public HierarchyInitializer(Clock clock) {
    this(clock, KeyVault.files());
  }

  /** {@code vault} receives the issuing CA and OCSP responder keys ({@code ca init --pkcs11}). */
  public HierarchyInitializer(Clock clock, KeyVault vault) {
    this.minter = new HierarchyMinter(clock, vault);
  }

  public InitResult init(DataDir dir, InitOptions options) {
    Objects.requireNonNull(dir, "dir");
    refuseExisting(dir);
    HierarchyMinter.ensureDirs(dir);

    // Step 1: root CA (P-384, self-signed); key in memory until the end.
    boolean dev = options.rootPassphrase() == null;
    char[] rootPass = dev ? KeyFiles.generatePassphrase() : options.rootPassphrase().clone();
    try {
      SigningKey root = mintRoot(dir, options, rootPass, dev);
      X509Certificate rootCert = root.cert();

      // Step 2: issuing CA "default" and its OCSP responder.
      SigningKey issuing =
          minter.issuingCa(DEFAULT_LABEL, 1, root, RootRevocationUrls.of(options.publicUrl()));
      minter
          .vault()
          .write(issuing, dir.issuingKeySlot(DEFAULT_LABEL), dir.issuingCert(DEFAULT_LABEL));
      SigningKey ocsp = minter.ocspResponder(DEFAULT_LABEL, 1, issuing);
      minter.vault().write(ocsp, dir.ocspKeySlot(DEFAULT_LABEL), dir.ocspCert(DEFAULT_LABEL));

      // Steps 3 and 4: server TLS certificate, first operator credential.
      HierarchyMinter.NodeCredentials node =
          minter.nodeCredentials(dir, options.hostNames(), issuing);
      SigningKey tls = node.tls();
      SigningKey admin = node.admin();

      // Step 5: the trust anchor, last: from here on the data dir counts as initialised.
      Pem.writeCertificate(dir.rootCert(), rootCert);
      return new InitResult(
          dir, dev, rootCert, issuing.cert(), ocsp.cert(), tls.cert(), admin.cert());
    } finally {
      Arrays.fill(rootPass, '\0');
    }
  }

  /**
   * {@code ca init --root-only}: the root alone, for an offline machine. Issuing CAs come later
   * from nodes' requests ({@code ca issue-intermediate --csr}), so the root key never touches a
   * node.
   */
  public X509Certificate initRootOnly(DataDir dir, InitOptions options) {
    Objects.requireNonNull(dir, "dir");
    refuseExisting(dir);
    SecureFiles.createPrivateDirectories(dir.caDir());
    boolean dev = options.rootPassphrase() == null;
    char[] rootPass = dev ? KeyFiles.generatePassphrase() : options.rootPassphrase().clone();
    try {
      X509Certificate root = mintRoot(dir, options, rootPass, dev).cert();
      Pem.writeCertificate(dir.rootCert(), root); // last: the data dir counts as initialised
      return root;
    } finally {
      Arrays.fill(rootPass, '\0');
    }
  }

  /** Root key and self-signed certificate (P-384); writes the key (and a dev passphrase file). */
  private SigningKey mintRoot(DataDir dir, InitOptions options, char[] rootPass, boolean dev) {
    KeyPair rootKp = minter.newKey(HierarchyMinter.ROOT_KEY);
    X509Certificate rootCert =
        minter
            .issuer()
            .selfSign(
                RootCaProfile.of(HierarchyMinter.name(options.organization(), "simca Root CA"))
                    .template(rootKp.getPublic(), minter.clock().instant()),
                rootKp);
    SigningKey root = SigningKey.selfSigned(rootKp.getPrivate(), rootCert);
    if (dev) {
      KeyFiles.writePassphrase(dir.rootPassFile(), rootPass);
    }
    KeyFiles.writePkcs12(dir.rootKey(), root, rootPass);
    return root;
  }

  private static void refuseExisting(DataDir dir) {
    if (hasFiles(dir.pendingDir())) {
      throw new HierarchyException(
          "an issuing CA request is pending in "
              + dir.pendingDir()
              + ": finish it with 'simca ca install-intermediate' instead of init");
    }
    if (dir.isInitialised()) {
      throw new HierarchyException(
          "a CA hierarchy already exists in "
              + dir.root()
              + " ("
              + dir.rootCert()
              + "); refusing to overwrite it");
    }
    for (Path p : contractFiles(dir)) {
      if (HierarchyMinter.exists(p)) {
        throw new HierarchyException(
            "a partial CA hierarchy exists in "
                + dir.root()
                + ": "
                + p
                + " exists but "
                + dir.rootCert()
                + " does not (an earlier init was interrupted?); "
                + "move ca/, ocsp/, tls/ and operators/ away and run init again");
      }
    }
  }

  private static boolean hasFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.findAny().isPresent();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> contractFiles(DataDir dir) {
    List<Path> out =
        new ArrayList<>(
            List.of(
                dir.rootKey(),
                dir.rootPassFile(),
                dir.issuingCert(DEFAULT_LABEL),
                dir.issuingKey(DEFAULT_LABEL),
                dir.issuingPass(DEFAULT_LABEL),
                dir.issuingKeySlot(DEFAULT_LABEL).tokenRef(),
                dir.ocspCert(DEFAULT_LABEL),
                dir.ocspKey(DEFAULT_LABEL),
                dir.ocspPass(DEFAULT_LABEL),
                dir.ocspKeySlot(DEFAULT_LABEL).tokenRef(),
                dir.tlsCert(),
                dir.tlsKey(),
                dir.tlsChain(),
                dir.operatorP12(ADMIN),
                dir.operatorPass(ADMIN)));
    return out;
  }
}
