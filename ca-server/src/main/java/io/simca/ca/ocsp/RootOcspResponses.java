package io.simca.ca.ocsp;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root's pre-signed OCSP responses about its issuing CAs ({@code ca/root-ocsp/}), served as
 * they are: a relying party checking the whole chain asks the issuing CA's AIA OCSP URL (this
 * responder) about the issuing CA, with the root as issuer. Re-read when the folder changes (a
 * ceremony on another machine copies new ones in).
 */
public final class RootOcspResponses {

  private static final Logger LOG = LoggerFactory.getLogger(RootOcspResponses.class);

  private record Entry(byte[] der, Instant thisUpdate, Instant nextUpdate, boolean revoked) {}

  private final Path dir;
  private final byte[][] rootHashes; // {sha1 name, sha1 key, sha256 name, sha256 key}
  private volatile Map<BigInteger, Entry> bySerial = Map.of();
  private volatile FileTime seen = FileTime.fromMillis(0);

  public RootOcspResponses(Path dir, X509Certificate root, OcspResponseSigner signer) {
    this.dir = dir;
    CertID sha1 = signer.certId(root, BigInteger.ONE, false).toASN1Primitive();
    CertID sha256 = signer.certId(root, BigInteger.ONE, true).toASN1Primitive();
    this.rootHashes =
        new byte[][] {
          sha1.getIssuerNameHash().getOctets(),
          sha1.getIssuerKeyHash().getOctets(),
          sha256.getIssuerNameHash().getOctets(),
          sha256.getIssuerKeyHash().getOctets()
        };
    reloadIfChanged();
  }

  /** True when {@code id} names the root as issuer (by SHA-1 or SHA-256 hashes). */
  boolean issuedByRoot(CertID id, boolean sha256) {
    int at = sha256 ? 2 : 0;
    return java.util.Arrays.equals(id.getIssuerNameHash().getOctets(), rootHashes[at])
        && java.util.Arrays.equals(id.getIssuerKeyHash().getOctets(), rootHashes[at + 1]);
  }

  /** The root's response about {@code serial}, while it is current. */
  Optional<OcspAnswer.Signed> answer(BigInteger serial, Instant now) {
    Entry e = bySerial.get(serial);
    if (e == null || !e.nextUpdate().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(new OcspAnswer.Signed(e.der(), e.thisUpdate(), e.nextUpdate(), true));
  }

  /** True when the root's current answer about issuing CA {@code serial} is {@code revoked}. */
  public boolean revoked(BigInteger serial) {
    Entry e = bySerial.get(serial);
    return e != null && e.revoked();
  }

  /** Re-reads the folder when its modification time moved; cheap to call every few seconds. */
  public void reloadIfChanged() {
    try {
      if (!Files.isDirectory(dir)) {
        bySerial = Map.of();
        return;
      }
      FileTime mtime = Files.getLastModifiedTime(dir);
      if (mtime.equals(seen)) {
        return;
      }
      Map<BigInteger, Entry> next = new HashMap<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".der")).toList()) {
          byte[] der = Files.readAllBytes(f);
          BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(der).getResponseObject();
          var single = basic.getResponses()[0];
          next.put(
              single.getCertID().getSerialNumber(),
              new Entry(
                  der,
                  single.getThisUpdate().toInstant(),
                  single.getNextUpdate().toInstant(),
                  single.getCertStatus() instanceof org.bouncycastle.cert.ocsp.RevokedStatus));
        }
      }
      bySerial = Map.copyOf(next);
      seen = mtime;
      LOG.info("root OCSP responses loaded: {} issuing CA(s)", next.size());
    } catch (IOException | OCSPException | RuntimeException e) {
      LOG.warn("cannot read the root's OCSP responses in {}: {}", dir, e.toString());
    }
  }
}
