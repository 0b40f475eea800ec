package io.simca.ca.rootca;

import io.simca.ca.crl.CrlGenerator;
import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.crypto.Pem;
import io.simca.ca.crypto.SigningKey;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.HierarchyService;
import io.simca.ca.ocsp.OcspResponseSigner;
import io.simca.ca.store.RevokedEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Produces the root's answers about its issuing CAs while the root key is at hand (ca init, issue
 * and rotation ceremonies, {@code simca ca refresh-root}), so a relying party that checks the whole
 * chain (Java's PKIX revocation checker, nginx {@code ssl_ocsp on}, {@code openssl verify
 * -crl_check_all}) finds them online without the root key ever being online.
 *
 * <p>Pre-signed by the root itself rather than through a root-delegated OCSP responder: the root
 * signs a handful of responses per ceremony, and there is no second long-lived key to guard (RFC
 * 6960 §4.2.2.2 lets the CA that issued the certificate sign). Both the CRL and the responses last
 * {@link #VALIDITY}; the server warns a third of that before they run out.
 */
public final class RootRevocationPublisher {

  /**
   * nextUpdate of the root's CRL and OCSP responses: long, since the root is offline, but bounded.
   */
  public static final Duration VALIDITY = Duration.ofDays(90);

  private final CryptoProviders crypto;
  private final Clock clock;

  public RootRevocationPublisher(CryptoProviders crypto, Clock clock) {
    this.crypto = crypto;
    this.clock = clock;
  }

  /** What was signed: how many issuing CA certificates, and until when. */
  public record Published(int issuingCas, Instant nextUpdate) {}

  /**
   * Signs and writes the CRL and one OCSP response per issuing CA certificate in {@code dir}
   * (current and archived generations), replacing the previous ones.
   */
  public Published publish(DataDir dir, SigningKey root) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant next = now.plus(VALIDITY);
    List<X509Certificate> issued = issuedByRoot(dir, root.cert());
    try {
      Map<BigInteger, RevokedEntry> revoked = RevokedIssuingCas.read(dir);
      byte[] crl =
          new CrlGenerator(crypto)
              .generate(
                  root,
                  null,
                  true,
                  now.getEpochSecond(),
                  now,
                  next,
                  consumer -> revoked.values().forEach(consumer))
              .der();
      writeAtomically(dir.rootCrl(), crl);
      Files.createDirectories(dir.rootOcspDir());
      OcspResponseSigner signer = new OcspResponseSigner(crypto);
      List<String> keep = new ArrayList<>();
      for (X509Certificate ca : issued) {
        RevokedEntry r = revoked.get(ca.getSerialNumber());
        OcspResponseSigner.State state =
            r == null
                ? new OcspResponseSigner.Good()
                : new OcspResponseSigner.Revoked(r.revokedAt(), r.reasonCode());
        List<OcspResponseSigner.Single> singles = new ArrayList<>();
        for (boolean sha256 : new boolean[] {false, true}) {
          singles.add(
              new OcspResponseSigner.Single(
                  signer.certId(root.cert(), ca.getSerialNumber(), sha256), state, now, next));
        }
        String name = ca.getSerialNumber().toString(16) + ".der";
        writeAtomically(
            dir.rootOcspDir().resolve(name), signer.sign(root, singles, now, Optional.empty()));
        keep.add(name);
      }
      try (Stream<Path> old = Files.list(dir.rootOcspDir())) {
        for (Path p : old.toList()) {
          if (!keep.contains(p.getFileName().toString())) {
            Files.delete(p);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the root's revocation data in " + dir.caDir(), e);
    }
    return new Published(issued.size(), next);
  }

  /**
   * On a development hierarchy (the root key's passphrase sits in {@code ca/root.pass}), signs the
   * root's revocation data when it is missing or past two thirds of its life, so {@code simca
   * serve} always has it. A production root is offline: there this does nothing and {@code simca ca
   * refresh-root} runs at the ceremony.
   *
   * @return what was published, or empty when nothing was due or no root key is here
   */
  public Optional<Published> refreshIfDue(DataDir dir) {
    if (!Files.isRegularFile(dir.rootPassFile()) || !Files.isRegularFile(dir.rootKey())) {
      return Optional.empty();
    }
    Optional<Instant> next = nextUpdate(dir);
    Instant due = clock.instant().plus(VALIDITY.dividedBy(3));
    if (next.isPresent() && next.get().isAfter(due) && allIssuingCasCovered(dir)) {
      return Optional.empty();
    }
    char[] pass = KeyFiles.readPassphrase(dir.rootPassFile());
    try {
      return Optional.of(publish(dir, HierarchyService.loadRoot(dir, pass)));
    } finally {
      java.util.Arrays.fill(pass, '\0');
    }
  }

  /** The root CRL's nextUpdate, if one is published. */
  public static Optional<Instant> nextUpdate(DataDir dir) {
    if (!Files.isRegularFile(dir.rootCrl())) {
      return Optional.empty();
    }
    try {
      X509CRL crl =
          (X509CRL)
              CertificateFactory.getInstance("X.509")
                  .generateCRL(new java.io.ByteArrayInputStream(Files.readAllBytes(dir.rootCrl())));
      return Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant);
    } catch (IOException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private static boolean allIssuingCasCovered(DataDir dir) {
    X509Certificate root = Pem.readCertificate(dir.rootCert());
    for (X509Certificate ca : issuedByRoot(dir, root)) {
      if (!Files.isRegularFile(
          dir.rootOcspDir().resolve(ca.getSerialNumber().toString(16) + ".der"))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The CA certificates in {@code dir} that {@code root} signed (all labels, all generations; on an
   * offline root, the record of what it signed for nodes).
   */
  static List<X509Certificate> issuedByRoot(DataDir dir, X509Certificate root) {
    List<X509Certificate> out = new ArrayList<>();
    for (Path folder : List.of(dir.caDir(), dir.archiveDir(), dir.issuedDir())) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".pem")).toList()) {
          for (X509Certificate c : Pem.readCertificates(p)) {
            if (c.getBasicConstraints() >= 0 && !c.equals(root) && signedBy(c, root)) {
              out.add(c);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.stream().distinct().toList();
  }

  private static boolean signedBy(X509Certificate c, X509Certificate root) {
    if (!c.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
      return false;
    }
    try {
      c.verify(root.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static void writeAtomically(Path file, byte[] der) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, der);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
