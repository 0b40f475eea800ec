package io.simca.ca.ocsp;

import io.simca.ca.config.OcspConfig;
import io.simca.ca.crypto.SigningKey;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.store.OcspResponseStore;
import io.simca.ca.store.StoreUnavailableException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;

/**
 * Decides the answer to a parsed OCSP request (RFC 6960 §2.2, RFC 5019 §2.2).
 *
 * <ul>
 *   <li>Issuer: found by issuerKeyHash (SHA-1 or SHA-256 CertID), and the issuerNameHash must match
 *       too (RFC 6960 §4.1.1); otherwise we are not authoritative: {@code unauthorized}.
 *   <li>One SHA-1 CertID, no nonce to honour: the pre-signed response from memory.
 *   <li>One SHA-256 CertID: signed on demand from the pre-signed status, then kept in memory until
 *       the pre-signed response changes.
 *   <li>Several CertIDs, or a nonce under {@code ocsp.nonce: sign} (RFC 8954): signed on demand.
 *   <li>A serial this CA never issued: {@code unknown}, never {@code good}.
 *   <li>Store unreachable and the cache cannot answer: {@code tryLater}.
 * </ul>
 *
 * {@link #fromMemory} never blocks (event loop); {@link #answer} may read the store and sign.
 */
public final class OcspResponder {

  /** RFC 8954 §2.1: a nonce is 1 to 32 octets. */
  static final int MAX_NONCE = 32;

  /** How long a relying party may cache an {@code unknown}: short, a serial may be issued soon. */
  static final Duration UNKNOWN_VALIDITY = Duration.ofMinutes(5);

  private final Supplier<LoadedHierarchy> hierarchy;
  private final OcspCache cache;
  private final OcspResponseStore store;
  private final OcspResponseSigner signer;
  private final OcspConfig config;
  private final Clock clock;
  private final RootOcspResponses root;

  public OcspResponder(
      Supplier<LoadedHierarchy> hierarchy,
      OcspCache cache,
      OcspResponseStore store,
      OcspResponseSigner signer,
      OcspConfig config,
      Clock clock,
      RootOcspResponses root) {
    this.root = root;
    this.hierarchy = hierarchy;
    this.cache = cache;
    this.store = store;
    this.signer = signer;
    this.config = config;
    this.clock = clock;
  }

  /** The answer if it needs neither the store nor a signature; empty means call {@link #answer}. */
  public Optional<OcspAnswer> fromMemory(OcspRequestParser.Parsed req) {
    Optional<OcspAnswer> aboutIssuingCa = fromRoot(req);
    if (aboutIssuingCa.isPresent()) {
      return aboutIssuingCa;
    }
    if (wantsFreshSignature(req)) {
      return Optional.empty();
    }
    List<IssuingCa> cas = new ArrayList<>();
    for (CertID id : req.certIds()) {
      Optional<IssuingCa> ca = issuer(id);
      if (ca.isEmpty()) {
        return Optional.of(new OcspAnswer.Failed(OcspResponseSigner.UNAUTHORIZED));
      }
      cas.add(ca.get());
    }
    if (req.certIds().size() != 1) {
      return Optional.empty();
    }
    CertID id = req.certIds().get(0);
    BigInteger serial = id.getSerialNumber().getValue();
    Instant now = clock.instant();
    if (isSha1(id)) {
      return cache
          .get(serial)
          .filter(hit -> issuedBy(hit, cas.get(0)) && hit.nextUpdate().isAfter(now))
          .map(
              hit ->
                  new OcspAnswer.Signed(
                      hit.der(), hit.thisUpdate(), hit.nextUpdate(), true, hit.etag()));
    }
    return cache
        .getSha256(serial)
        .flatMap(OcspResponder::window)
        .filter(a -> a.nextUpdate().isAfter(now))
        .map(a -> (OcspAnswer) a);
  }

  /** The full decision; blocking (store read, signing). */
  public OcspAnswer answer(OcspRequestParser.Parsed req) {
    Optional<OcspAnswer> aboutIssuingCa = fromRoot(req);
    if (aboutIssuingCa.isPresent()) {
      return aboutIssuingCa.get();
    }
    boolean fresh = wantsFreshSignature(req);
    if (fresh
        && (req.nonceUnreadable()
            || req.nonce().get().length < 1
            || req.nonce().get().length > MAX_NONCE)) {
      return new OcspAnswer.Failed(OcspResponseSigner.MALFORMED_REQUEST); // RFC 8954 §2.1
    }
    List<IssuingCa> cas = new ArrayList<>();
    for (CertID id : req.certIds()) {
      Optional<IssuingCa> ca = issuer(id);
      if (ca.isEmpty()) {
        return new OcspAnswer.Failed(OcspResponseSigner.UNAUTHORIZED);
      }
      cas.add(ca.get());
    }
    // One signature covers the whole response: all CertIDs must belong to one CA (and its
    // responder).
    if (cas.stream().map(IssuingCa::keyId).distinct().count() > 1) {
      return new OcspAnswer.Failed(OcspResponseSigner.UNAUTHORIZED);
    }
    IssuingCa ca = cas.get(0);
    Instant now = clock.instant();
    List<OcspResponseSigner.Single> singles = new ArrayList<>();
    Optional<PresignedResponse> onlyHit = Optional.empty();
    try {
      for (CertID id : req.certIds()) {
        Optional<PresignedResponse> hit =
            lookup(id.getSerialNumber().getValue()).filter(h -> issuedBy(h, ca));
        if (!fresh
            && req.certIds().size() == 1
            && isSha1(id)
            && hit.isPresent()
            && hit.get().nextUpdate().isAfter(now)) {
          PresignedResponse h = hit.get();
          return new OcspAnswer.Signed(h.der(), h.thisUpdate(), h.nextUpdate(), true, h.etag());
        }
        onlyHit = hit;
        singles.add(single(id, hit, now));
      }
    } catch (StoreUnavailableException e) {
      return new OcspAnswer.Failed(OcspResponseSigner.TRY_LATER);
    }
    byte[] der =
        signer.sign(responderKey(ca), singles, now, fresh ? req.nonce() : Optional.empty());
    Instant thisUpdate =
        singles.stream()
            .map(OcspResponseSigner.Single::thisUpdate)
            .min(Instant::compareTo)
            .orElse(now);
    Instant nextUpdate =
        singles.stream()
            .map(OcspResponseSigner.Single::nextUpdate)
            .min(Instant::compareTo)
            .orElse(now);
    if (!fresh && req.certIds().size() == 1 && onlyHit.isPresent()) {
      cache.putSha256(onlyHit.get().serial(), onlyHit.get(), der);
    }
    return new OcspAnswer.Signed(der, thisUpdate, nextUpdate, !fresh);
  }

  /**
   * A question about an issuing CA (the root as issuer) gets the root's pre-signed response; the
   * root key is offline, so nothing is signed here and a nonce cannot be echoed (RFC 8954 §3.1 lets
   * a responder leave it out). No current response for that serial: unauthorized (RFC 6960 §2.3).
   */
  private Optional<OcspAnswer> fromRoot(OcspRequestParser.Parsed req) {
    if (req.certIds().size() != 1) {
      return Optional.empty();
    }
    CertID id = req.certIds().get(0);
    Optional<Boolean> sha256 = usesSha256(id);
    if (sha256.isEmpty() || !root.issuedByRoot(id, sha256.get())) {
      return Optional.empty();
    }
    return Optional.of(
        root.answer(id.getSerialNumber().getValue(), clock.instant())
            .<OcspAnswer>map(a -> a)
            .orElse(new OcspAnswer.Failed(OcspResponseSigner.UNAUTHORIZED)));
  }

  private boolean wantsFreshSignature(OcspRequestParser.Parsed req) {
    return config.signNonces() && (req.nonce().isPresent() || req.nonceUnreadable());
  }

  /**
   * The status of a pre-signed response re-stated under the requester's CertID (hash algorithm).
   */
  private OcspResponseSigner.Single single(
      CertID id, Optional<PresignedResponse> hit, Instant now) {
    CertificateID certId = new CertificateID(id);
    if (hit.isEmpty()) {
      return new OcspResponseSigner.Single(
          certId, new OcspResponseSigner.Unknown(), now, now.plus(UNKNOWN_VALIDITY));
    }
    PresignedResponse h = hit.get();
    if (h.nextUpdate().isAfter(now)) {
      return new OcspResponseSigner.Single(certId, h.state(), h.thisUpdate(), h.nextUpdate());
    }
    // The refresher is behind: the status is still the latest we know, restate it for a new window.
    return new OcspResponseSigner.Single(certId, h.state(), now, now.plus(config.validity()));
  }

  /**
   * Memory first; a miss may be a certificate another node issued a moment ago, so ask the store.
   */
  private Optional<PresignedResponse> lookup(BigInteger serial) {
    Optional<PresignedResponse> hit = cache.get(serial);
    if (hit.isPresent() || SerialKey.of(serial).isEmpty()) {
      return hit;
    }
    return store
        .find(serial)
        .flatMap(
            row -> {
              cache.put(row);
              return cache.get(serial);
            });
  }

  private static SigningKey responderKey(IssuingCa ca) {
    // RFC 6960 §4.2.2.2: the delegated responder; the CA key only if the responder files are
    // missing.
    return ca.ocspResponder().orElse(ca.signingKey());
  }

  private boolean issuedBy(PresignedResponse hit, IssuingCa ca) {
    return hierarchy
        .get()
        .byIssuerKeyHash(hit.issuerKeyHash())
        .map(c -> c.keyId().equals(ca.keyId()))
        .orElse(false);
  }

  /**
   * RFC 6960 §4.1.1: issuerKeyHash selects the CA, issuerNameHash must agree; SHA-1 or SHA-256
   * CertIDs.
   */
  Optional<IssuingCa> issuer(CertID id) {
    return usesSha256(id)
        .flatMap(
            sha256 ->
                hierarchy
                    .get()
                    .byCertId(
                        sha256,
                        id.getIssuerKeyHash().getOctets(),
                        id.getIssuerNameHash().getOctets()));
  }

  /** True for a SHA-256 CertID, false for SHA-1, empty for any other hash (not answered). */
  private static Optional<Boolean> usesSha256(CertID id) {
    ASN1ObjectIdentifier alg = id.getHashAlgorithm().getAlgorithm();
    if (alg.equals(NISTObjectIdentifiers.id_sha256)) {
      return Optional.of(true);
    }
    return alg.equals(OIWObjectIdentifiers.idSHA1) ? Optional.of(false) : Optional.empty();
  }

  private static boolean isSha1(CertID id) {
    return id.getHashAlgorithm().getAlgorithm().equals(OIWObjectIdentifiers.idSHA1);
  }

  /** The window of a cached on-demand response (single response). */
  private static Optional<OcspAnswer.Signed> window(byte[] der) {
    try {
      BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(der).getResponseObject();
      var single = basic.getResponses()[0];
      Instant next =
          single.getNextUpdate() == null ? Instant.EPOCH : single.getNextUpdate().toInstant();
      return Optional.of(
          new OcspAnswer.Signed(der, single.getThisUpdate().toInstant(), next, true));
    } catch (java.io.IOException | OCSPException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
