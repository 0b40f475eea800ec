package io.simca.ca.hierarchy;

import io.simca.ca.crypto.KeyType;
import io.simca.ca.crypto.Pem;
import io.simca.ca.crypto.SecureFiles;
import io.simca.ca.crypto.SigningKey;
import io.simca.ca.pki.IssuerInfo;
import io.simca.ca.pki.RootRevocationUrls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Day-two operations on the hierarchy, shared by the CLI ({@code ca list}, {@code ca
 * issue-intermediate}, {@code ca rotate}) and the server (OCSP responder renewal).
 *
 * <p>Operations that touch the root ask for its passphrase and read it before changing anything, so
 * a wrong passphrase leaves the data dir as it was. Not safe against two processes rotating the
 * same label at once; the CLI runs one at a time.
 */
public final class HierarchyService {

  private final HierarchyMinter minter;

  public HierarchyService() {
    this(Clock.systemUTC(), KeyVault.files());
  }

  public HierarchyService(Clock clock) {
    this(clock, KeyVault.files());
  }

  /** New issuing and responder keys go to {@code vault}; existing ones are read from it. */
  public HierarchyService(Clock clock, KeyVault vault) {
    this.minter = new HierarchyMinter(clock, vault);
  }

  /** The hierarchy in {@code dir} with its keys, as a node serves it. */
  public LoadedHierarchy load(DataDir dir) {
    return LoadedHierarchy.load(dir, minter.vault());
  }

  /** The root, then every issuing CA label: active generation first, then retired ones. */
  public List<CaInfo> list(DataDir dir) {
    HierarchyFiles.requireInitialised(dir);
    List<CaInfo> out = new ArrayList<>();
    out.add(info("root", CaInfo.Role.ROOT, 1, CaInfo.Status.ACTIVE, dir.rootCert()));
    for (String label : dir.labels()) {
      out.add(
          info(
              label,
              CaInfo.Role.ISSUING,
              dir.activeGeneration(label),
              CaInfo.Status.ACTIVE,
              dir.issuingCert(label)));
      List<Integer> gens = dir.archivedGenerations(label);
      for (int i = gens.size() - 1; i >= 0; i--) {
        int g = gens.get(i);
        out.add(
            info(label, CaInfo.Role.ISSUING, g, CaInfo.Status.RETIRED, dir.archivedCert(label, g)));
      }
    }
    return out;
  }

  /**
   * A new issuing CA {@code label} (P-256, signed by the root) with its OCSP responder; {@code
   * publicUrl} is the OCSP/CRL base its certificate points relying parties to.
   */
  public CaInfo issueIntermediate(DataDir dir, String label, char[] rootPass, String publicUrl) {
    HierarchyFiles.requireInitialised(dir);
    HierarchyFiles.requireLabel(dir, label);
    for (Path p :
        List.of(
            dir.issuingCert(label),
            dir.issuingKey(label),
            dir.issuingKeySlot(label).tokenRef(),
            dir.ocspKey(label),
            dir.ocspKeySlot(label).tokenRef())) {
      if (Files.exists(p)) {
        throw new HierarchyException("issuing CA label '" + label + "' already exists (" + p + ")");
      }
    }
    if (!dir.archivedGenerations(label).isEmpty()) {
      throw new HierarchyException(
          "issuing CA label '" + label + "' already exists in " + dir.archiveDir());
    }
    SigningKey root = loadRoot(dir, rootPass);
    SigningKey ca = minter.issuingCa(label, 1, root, RootRevocationUrls.of(publicUrl));
    SigningKey ocsp = minter.ocspResponder(label, 1, ca);
    minter.vault().write(ocsp, dir.ocspKeySlot(label), dir.ocspCert(label));
    // the CA certificate last: ca/<label>.pem is what makes the label exist
    minter.vault().write(ca, dir.issuingKeySlot(label), dir.issuingCert(label));
    return info(label, CaInfo.Role.ISSUING, 1, CaInfo.Status.ACTIVE, dir.issuingCert(label));
  }

  /**
   * New key and certificate for {@code label}. The previous generation's certificate, key and OCSP
   * responder move to {@code ca/archive/<label>-<gen>.*}, where {@link LoadedHierarchy} still loads
   * them so OCSP and CRLs keep working for certificates the old key issued.
   */
  public CaInfo rotate(DataDir dir, String label, char[] rootPass, String publicUrl) {
    HierarchyFiles.requireInitialised(dir);
    HierarchyFiles.requireKnownLabel(dir, label);
    SigningKey root = loadRoot(dir, rootPass);
    int oldGen = dir.activeGeneration(label);
    int newGen = oldGen + 1;
    // Everything new is made in memory first: a failure here changes nothing on disk.
    SigningKey ca = minter.issuingCa(label, newGen, root, RootRevocationUrls.of(publicUrl));
    SigningKey ocsp = minter.ocspResponder(label, newGen, ca);

    retire(dir, label, oldGen);

    minter.vault().write(ocsp, dir.ocspKeySlot(label), dir.ocspCert(label));
    minter.vault().write(ca, dir.issuingKeySlot(label), dir.issuingCert(label));
    return info(label, CaInfo.Role.ISSUING, newGen, CaInfo.Status.ACTIVE, dir.issuingCert(label));
  }

  /**
   * {@code ca request-intermediate}: a new issuing CA key for {@code label} (its next generation,
   * or its first on a node without a hierarchy yet) in {@code ca/pending/}, made where {@code
   * ca.keys} says, and the PKCS#10 request the offline root signs. Nothing served changes.
   *
   * @param organization {@code O=} when the node has no root certificate yet
   * @return the request file ({@code ca/pending/<label>.csr}, PEM)
   */
  public Path requestIntermediate(DataDir dir, String label, String organization) {
    HierarchyFiles.requireLabel(dir, label);
    if (dir.pendingKeySlot(label).exists() || Files.exists(dir.pendingCsr(label))) {
      throw new HierarchyException(
          "a request for '"
              + label
              + "' is already pending ("
              + dir.pendingCsr(label)
              + "): install its certificate with 'simca ca install-intermediate', or delete"
              + " ca/pending/"
              + label
              + ".* to start over");
    }
    boolean known = Files.isRegularFile(dir.issuingCert(label));
    int generation = known ? dir.activeGeneration(label) + 1 : 1;
    String org =
        dir.isInitialised()
            ? HierarchyMinter.organization(HierarchyFiles.readCert(dir.rootCert()))
            : organization;
    SecureFiles.createPrivateDirectories(dir.pendingDir());
    HierarchyMinter.PendingCa pending = minter.pendingIssuingCa(label, generation, org);
    minter.vault().write(pending.key(), dir.pendingKeySlot(label), null);
    SecureFiles.writePublic(
        dir.pendingCsr(label), CsrPem.encode(pending.csrDer()).getBytes(StandardCharsets.US_ASCII));
    return dir.pendingCsr(label);
  }

  /**
   * {@code ca issue-intermediate --csr}, at the offline root: certifies a node's issuing CA request
   * after checking its proof of possession (RFC 2986 §3: the request is signed by its key), its key
   * type and that it names {@code label}; keeps a copy in {@code ca/issued/} so the root's CRL and
   * OCSP responses cover it. The subject is the profile's, never the request's choice.
   */
  public X509Certificate issueFromRequest(
      DataDir dir, Path csrFile, String label, char[] rootPass, String publicUrl) {
    HierarchyFiles.requireInitialised(dir);
    HierarchyFiles.requireLabel(dir, label);
    SigningKey root = loadRoot(dir, rootPass);
    CsrPem.Request csr = CsrPem.read(csrFile);
    KeyType type = KeyType.of(csr.publicKey());
    if (type != KeyType.EC_P256 && type != KeyType.EC_P384) {
      throw new HierarchyException(
          csrFile + ": issuing CA keys must be EC P-256 or P-384, the request has " + type.label());
    }
    int generation = csr.generationFor(label, csrFile);
    X509Certificate cert =
        minter.certifyIssuingCa(
            csr.publicKey(),
            HierarchyMinter.issuingCaName(
                HierarchyMinter.organization(root.cert()), label, generation),
            root,
            RootRevocationUrls.of(publicUrl));
    SecureFiles.createPrivateDirectories(dir.issuedDir());
    Pem.writeCertificate(
        dir.issuedDir().resolve(cert.getSerialNumber().toString(16) + ".pem"), cert);
    return cert;
  }

  /**
   * {@code ca install-intermediate}, on the node: takes the root's certificate for the pending key
   * of {@code label} into service. A label that exists is rotated (its current generation retired,
   * still answering for what it issued); on a node without a hierarchy the TLS certificate and the
   * first operator credential are made under the new CA and {@code rootFile} becomes the trust
   * anchor, written last.
   */
  public CaInfo installIntermediate(
      DataDir dir, String label, Path certFile, Path rootFile, List<String> hostNames) {
    HierarchyFiles.requireLabel(dir, label);
    KeySlot pendingSlot = dir.pendingKeySlot(label);
    if (!pendingSlot.exists()) {
      throw new HierarchyException(
          "no pending request for '"
              + label
              + "' in "
              + dir.pendingDir()
              + " (run 'simca ca request-intermediate --label "
              + label
              + "' first)");
    }
    SigningKey pending = minter.vault().read(pendingSlot);
    X509Certificate cert = HierarchyFiles.readCert(certFile);
    if (!cert.getPublicKey().equals(pending.cert().getPublicKey())) {
      throw new HierarchyException(
          certFile + " certifies another key than the pending request for '" + label + "'");
    }
    boolean fresh = !dir.isInitialised();
    X509Certificate root;
    if (fresh) {
      if (rootFile == null) {
        throw new HierarchyException(
            dir.root() + " has no root certificate yet: pass --root with the ceremony's root.pem");
      }
      root = HierarchyFiles.readCert(rootFile);
    } else {
      root = HierarchyFiles.readCert(dir.rootCert());
      if (rootFile != null && !HierarchyFiles.readCert(rootFile).equals(root)) {
        throw new HierarchyException(
            rootFile + " is not this node's root (" + dir.rootCert() + ")");
      }
    }
    if (cert.getBasicConstraints() < 0 || !verifies(cert, root)) {
      throw new HierarchyException(
          certFile
              + " is not a CA certificate signed by the root "
              + root.getSubjectX500Principal());
    }
    boolean known = Files.isRegularFile(dir.issuingCert(label));
    int generation = known ? dir.activeGeneration(label) + 1 : 1;
    SigningKey ca = new SigningKey(pending.key(), cert, List.of(cert, root));
    SigningKey ocsp = minter.ocspResponder(label, generation, ca);
    if (fresh) {
      HierarchyMinter.ensureDirs(dir);
    }
    if (known) {
      retire(dir, label, generation - 1);
    }
    minter.vault().write(ocsp, dir.ocspKeySlot(label), dir.ocspCert(label));
    minter.vault().write(ca, dir.issuingKeySlot(label), dir.issuingCert(label));
    try {
      for (Path p : pendingSlot.files()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir.pendingCsr(label));
    } catch (IOException e) {
      throw new HierarchyException(
          "cannot clean up " + dir.pendingDir() + ": " + e.getMessage(), e);
    }
    if (fresh) {
      minter.nodeCredentials(dir, hostNames, ca);
      Pem.writeCertificate(dir.rootCert(), root); // last: from here on the node is initialised
    }
    return info(
        label, CaInfo.Role.ISSUING, generation, CaInfo.Status.ACTIVE, dir.issuingCert(label));
  }

  /**
   * Re-issues the OCSP responder certificate of the active generation of {@code label} when it
   * expires within {@code renewBefore} (or is missing, or was issued by another key). Signed by the
   * issuing key; the root is not needed.
   *
   * @return the new responder certificate, or empty when the current one is still good
   */
  public Optional<X509Certificate> renewOcspResponderIfDue(
      DataDir dir, String label, Duration renewBefore) {
    HierarchyFiles.requireInitialised(dir);
    HierarchyFiles.requireKnownLabel(dir, label);
    SigningKey ca = minter.vault().read(dir.issuingKeySlot(label));
    Instant now = minter.clock().instant();
    if (Files.isRegularFile(dir.ocspCert(label))) {
      X509Certificate current = HierarchyFiles.readCert(dir.ocspCert(label));
      boolean sameIssuer =
          current.getIssuerX500Principal().equals(ca.cert().getSubjectX500Principal())
              && verifies(current, ca.cert());
      if (sameIssuer && current.getNotAfter().toInstant().minus(renewBefore).isAfter(now)) {
        return Optional.empty();
      }
    }
    SigningKey ocsp = minter.ocspResponder(label, dir.activeGeneration(label), ca);
    minter.vault().write(ocsp, dir.ocspKeySlot(label), dir.ocspCert(label));
    return Optional.of(ocsp.cert());
  }

  /**
   * The root key, for the ceremonies that sign with it (issuing CAs, the root's revocation data).
   */
  public static SigningKey loadRoot(DataDir dir, char[] rootPass) {
    if (rootPass == null || rootPass.length == 0) {
      throw new HierarchyException("the root key passphrase is required (" + dir.rootKey() + ")");
    }
    SigningKey root = HierarchyFiles.readKey(dir.rootKey(), rootPass);
    if (!root.cert().equals(HierarchyFiles.readCert(dir.rootCert()))) {
      throw new HierarchyException(
          "root key " + dir.rootKey() + " does not match " + dir.rootCert());
    }
    return root;
  }

  private static boolean verifies(X509Certificate cert, X509Certificate issuer) {
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Moves generation {@code gen} of {@code label} (certificate, key, OCSP responder) to {@code
   * ca/archive/}, where {@link LoadedHierarchy} still loads it for OCSP and CRLs.
   */
  private static void retire(DataDir dir, String label, int gen) {
    archive(dir.issuingKeySlot(label), dir.archivedKeySlot(label, gen));
    archive(dir.ocspCert(label), dir.archivedOcspCert(label, gen));
    archive(dir.ocspKeySlot(label), dir.archivedOcspKeySlot(label, gen));
    archive(dir.issuingCert(label), dir.archivedCert(label, gen)); // last: defines the generation
  }

  private static void archive(KeySlot from, KeySlot to) {
    for (int i = 0; i < from.files().size(); i++) {
      archive(from.files().get(i), to.files().get(i));
    }
  }

  private static void archive(Path from, Path to) {
    if (!Files.exists(from)) {
      return;
    }
    try {
      io.simca.ca.crypto.SecureFiles.createPrivateDirectories(to.getParent());
      if (Files.exists(to)) {
        throw new HierarchyException("cannot archive " + from + ": " + to + " already exists");
      }
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new HierarchyException(
          "cannot archive " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  private static CaInfo info(
      String label, CaInfo.Role role, int gen, CaInfo.Status status, Path certFile) {
    X509Certificate c = HierarchyFiles.readCert(certFile);
    return new CaInfo(
        label,
        role,
        gen,
        status,
        c.getSubjectX500Principal().getName(),
        KeyType.of(c.getPublicKey()).label(),
        c.getNotBefore().toInstant(),
        c.getNotAfter().toInstant(),
        HierarchyFiles.hex(IssuerInfo.of(c).keyId()),
        certFile);
  }
}
