package io.simca.ca.pki;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import io.simca.ca.crypto.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Turns a {@link CertificateTemplate} into a signed certificate, Boulder style: a template that
 * fails lint is never signed by the real key.
 *
 * <p>Pipeline, in this order:
 *
 * <ol>
 *   <li>build the TBSCertificate once (signature algorithm from the <em>issuer's</em> key type);
 *   <li>sign it with a throwaway key of the issuer's key type (generated once per type, cached);
 *   <li>lint the throwaway-signed certificate: any finding throws {@link LintException};
 *   <li>only then sign the very same TBS bytes with the real key.
 * </ol>
 *
 * Signing the lint copy first means the bytes that were linted are byte-for-byte the bytes the real
 * key signs. Thread-safe; signers are pooled per key.
 */
public final class CertificateIssuer {

  private static final Map<KeyType, KeyPair> THROWAWAY = new ConcurrentHashMap<>();
  private static final Map<KeyType, AlgorithmIdentifier> SIG_ALG_IDS = new EnumMap<>(KeyType.class);

  static {
    DefaultSignatureAlgorithmIdentifierFinder finder =
        new DefaultSignatureAlgorithmIdentifierFinder();
    for (KeyType t : KeyType.values()) {
      SIG_ALG_IDS.put(t, finder.find(t.signatureAlgorithm()));
    }
  }

  private static final ThreadLocal<CertificateFactory> CERT_FACTORY =
      ThreadLocal.withInitial(
          () -> {
            try {
              return CertificateFactory.getInstance("X.509");
            } catch (CertificateException e) {
              throw new IllegalStateException(e);
            }
          });

  private final CryptoProviders providers;
  private final CertificateLinter linter;
  private final SignerPool realSigners;
  private final SignerPool throwawaySigners;

  public CertificateIssuer(CryptoProviders providers, CertificateLinter linter) {
    this(providers, linter, providers::contentSigner);
  }

  /** For tests: observe every real signer the issuer creates. */
  CertificateIssuer(
      CryptoProviders providers, CertificateLinter linter, SignerPool.SignerSource realSource) {
    this.providers = Objects.requireNonNull(providers, "providers");
    this.linter = Objects.requireNonNull(linter, "linter");
    this.realSigners = new SignerPool(realSource);
    this.throwawaySigners = new SignerPool(providers::contentSigner);
  }

  /** An issuer with the chosen crypto provider and every standard lint. */
  public static CertificateIssuer create(LintPolicy policy) {
    return new CertificateIssuer(CryptoProviders.get(), CertificateLinter.standard(policy));
  }

  public CertificateLinter linter() {
    return linter;
  }

  /** Lints then signs {@code template} with {@code issuer}'s key. */
  public X509Certificate issue(CertificateTemplate template, SigningKey issuer) {
    return sign(template, issuer.key(), issuer.keyType());
  }

  /** Lints then self-signs {@code template} (a root) with {@code keyPair}. */
  public X509Certificate selfSign(CertificateTemplate template, KeyPair keyPair) {
    if (!template.issuer().equals(template.subject())) {
      throw new IllegalArgumentException("a self-signed template has issuer == subject");
    }
    return sign(template, keyPair.getPrivate(), KeyType.of(keyPair.getPublic()));
  }

  private X509Certificate sign(CertificateTemplate template, PrivateKey key, KeyType keyType) {
    // Step 1: build the TBS once; the signature algorithm follows the issuer's key type.
    AlgorithmIdentifier sigAlg = SIG_ALG_IDS.get(keyType);
    TBSCertificate tbs = buildTbs(template, sigAlg);
    byte[] tbsDer = encode(tbs);

    // Step 2: sign with a throwaway key of the same type, so the linted object is a real
    // certificate.
    KeyPair throwaway = THROWAWAY.computeIfAbsent(keyType, t -> t.generate(providers));
    Certificate lintCopy =
        assemble(tbs, sigAlg, signWith(throwawaySigners, throwaway.getPrivate(), keyType, tbsDer));

    // Step 3: lint; the real key has not been touched yet.
    List<LintFinding> findings = linter.lint(lintCopy.getTBSCertificate(), template.kind());
    if (!findings.isEmpty()) {
      throw new LintException(findings);
    }

    // Step 4: sign the same TBS bytes with the real key.
    Certificate cert = assemble(tbs, sigAlg, signWith(realSigners, key, keyType, tbsDer));
    try {
      return (X509Certificate)
          CERT_FACTORY
              .get()
              .generateCertificate(new ByteArrayInputStream(cert.getEncoded(ASN1Encoding.DER)));
    } catch (CertificateException | IOException e) {
      throw new IllegalStateException("signed certificate does not parse", e);
    }
  }

  static TBSCertificate buildTbs(CertificateTemplate t, AlgorithmIdentifier sigAlg) {
    V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
    g.setSerialNumber(new ASN1Integer(t.serial()));
    g.setSignature(sigAlg);
    g.setIssuer(t.issuer());
    // RFC 5280 §4.1.2.5: BC's Time(Date) picks UTCTime for 1950-2049 and GeneralizedTime otherwise;
    // ValidityEncodingLint checks it.
    g.setStartDate(new Time(Date.from(t.notBefore())));
    g.setEndDate(new Time(Date.from(t.notAfter())));
    g.setSubject(t.subject());
    g.setSubjectPublicKeyInfo(t.publicKey());
    if (!t.extensions().isEmpty()) {
      // Extensions(Extension[]) keeps duplicates, so DuplicateExtensionLint can see them.
      g.setExtensions(new Extensions(t.extensions().toArray(new Extension[0])));
    }
    return g.generateTBSCertificate();
  }

  private static byte[] signWith(SignerPool pool, PrivateKey key, KeyType keyType, byte[] tbsDer) {
    ContentSigner signer = pool.take(key, keyType.signatureAlgorithm());
    try (OutputStream out = signer.getOutputStream()) {
      out.write(tbsDer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] sig = signer.getSignature();
    pool.give(key, signer);
    return sig;
  }

  /**
   * RFC 5280 §4.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }.
   */
  private static Certificate assemble(
      TBSCertificate tbs, AlgorithmIdentifier sigAlg, byte[] signature) {
    return Certificate.getInstance(
        new DERSequence(new ASN1Encodable[] {tbs, sigAlg, new DERBitString(signature)}));
  }

  private static byte[] encode(TBSCertificate tbs) {
    try {
      return tbs.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
