package io.simca.ca.hierarchy;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyFiles;
import io.simca.ca.crypto.KeyType;
import io.simca.ca.crypto.Pem;
import io.simca.ca.crypto.SecureFiles;
import io.simca.ca.crypto.SigningKey;
import io.simca.ca.pki.CertificateIssuer;
import io.simca.ca.pki.IssuerInfo;
import io.simca.ca.pki.IssuingCaProfile;
import io.simca.ca.pki.LintPolicy;
import io.simca.ca.pki.OcspResponderProfile;
import io.simca.ca.pki.OperatorProfile;
import io.simca.ca.pki.OperatorRole;
import io.simca.ca.pki.RootCaProfile;
import io.simca.ca.pki.RootRevocationUrls;
import io.simca.ca.pki.TlsServerProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Creates hierarchy members (key, certificate, files) for init, issue-intermediate, rotate and
 * operator issuance, so those share one implementation. Package-private: callers use {@link
 * HierarchyInitializer} and {@link HierarchyService}.
 */
final class HierarchyMinter {

  static final KeyType ROOT_KEY = KeyType.EC_P384;
  static final KeyType ISSUING_KEY = KeyType.EC_P256;
  static final KeyType LEAF_KEY = KeyType.EC_P256;

  private final CryptoProviders providers;
  private final CertificateIssuer issuer;
  private final Clock clock;
  private final KeyVault vault;

  HierarchyMinter(Clock clock, KeyVault vault) {
    this.providers = CryptoProviders.get();
    this.issuer = CertificateIssuer.create(LintPolicy.DEFAULT);
    this.clock = clock;
    this.vault = vault;
  }

  /** Where issuing CA and OCSP responder keys are generated and written. */
  KeyVault vault() {
    return vault;
  }

  CertificateIssuer issuer() {
    return issuer;
  }

  Clock clock() {
    return clock;
  }

  KeyPair newKey(KeyType type) {
    return type.generate(providers);
  }

  /** An issuing CA certificate + key (in memory, or generated in the token; nothing written). */
  SigningKey issuingCa(String label, int generation, SigningKey root, RootRevocationUrls urls) {
    KeyPair kp = vault.generate(ISSUING_KEY, label + "-g" + generation);
    X509Certificate cert =
        certifyIssuingCa(
            kp.getPublic(),
            issuingCaName(organization(root.cert()), label, generation),
            root,
            urls);
    return new SigningKey(kp.getPrivate(), cert, List.of(cert, root.cert()));
  }

  /** The root's certificate for an issuing CA key (made here, or requested by a node's CSR). */
  X509Certificate certifyIssuingCa(
      PublicKey key, X500Name subject, SigningKey root, RootRevocationUrls urls) {
    return issuer.issue(
        IssuingCaProfile.of(subject)
            .template(key, IssuerInfo.of(root.cert()), clock.instant(), urls),
        root);
  }

  static X500Name issuingCaName(String organization, String label, int generation) {
    return name(organization, "simca Issuing CA " + label + " G" + generation);
  }

  /**
   * A new issuing CA key waiting for the offline root: kept with a self-signed placeholder
   * certificate (a key store holds keys only with one; it is never published), and its PKCS#10
   * request (RFC 2986), signed by the key itself (proof of possession).
   */
  PendingCa pendingIssuingCa(String label, int generation, String organization) {
    KeyPair kp = vault.generate(ISSUING_KEY, label + "-g" + generation + "-req");
    X500Name subject = issuingCaName(organization, label, generation);
    X509Certificate placeholder =
        issuer.selfSign(RootCaProfile.of(subject).template(kp.getPublic(), clock.instant()), kp);
    String sigAlg = ISSUING_KEY.signatureAlgorithm();
    try {
      byte[] csr =
          new JcaPKCS10CertificationRequestBuilder(subject, kp.getPublic())
              .build(providers.contentSigner(kp.getPrivate(), sigAlg))
              .getEncoded();
      return new PendingCa(SigningKey.selfSigned(kp.getPrivate(), placeholder), csr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pending issuing CA key (with its placeholder certificate) and its request's DER. */
  record PendingCa(SigningKey key, byte[] csrDer) {}

  /** A delegated OCSP responder for {@code ca} in memory. */
  SigningKey ocspResponder(String label, int generation, SigningKey ca) {
    KeyPair kp = vault.generate(LEAF_KEY, "ocsp-" + label + "-g" + generation);
    X500Name subject =
        name(organization(ca.cert()), "simca OCSP Responder " + label + " G" + generation);
    X509Certificate cert =
        issuer.issue(
            OcspResponderProfile.of(subject)
                .template(kp.getPublic(), IssuerInfo.of(ca.cert()), clock.instant()),
            ca);
    return new SigningKey(kp.getPrivate(), cert, prepend(cert, ca.chain()));
  }

  SigningKey tlsServer(List<String> hostNames, SigningKey ca) {
    KeyPair kp = newKey(LEAF_KEY);
    X500Name subject = name(organization(ca.cert()), "simca server");
    X509Certificate cert =
        issuer.issue(
            TlsServerProfile.of(subject, hostNames)
                .template(kp.getPublic(), IssuerInfo.of(ca.cert()), clock.instant()),
            ca);
    return new SigningKey(kp.getPrivate(), cert, prepend(cert, ca.chain()));
  }

  SigningKey operator(String name, OperatorRole role, SigningKey ca) {
    KeyPair kp = newKey(LEAF_KEY);
    X509Certificate cert =
        issuer.issue(
            OperatorProfile.forIssuer(ca.cert())
                .template(name, role, kp.getPublic(), IssuerInfo.of(ca.cert()), clock.instant()),
            ca);
    return new SigningKey(kp.getPrivate(), cert, prepend(cert, ca.chain()));
  }

  /** What a node serves with besides its CA keys: its TLS certificate and the first operator. */
  record NodeCredentials(SigningKey tls, SigningKey admin) {}

  /**
   * Mints and writes the server TLS certificate and the first admin credential under {@code ca}.
   */
  NodeCredentials nodeCredentials(DataDir dir, List<String> hostNames, SigningKey ca) {
    SigningKey tls = tlsServer(hostNames, ca);
    writeTls(dir, tls);
    SigningKey admin = operator(HierarchyInitializer.ADMIN, OperatorRole.ADMIN, ca);
    writeWithPassFile(
        admin,
        dir.operatorP12(HierarchyInitializer.ADMIN),
        dir.operatorPass(HierarchyInitializer.ADMIN),
        null);
    return new NodeCredentials(tls, admin);
  }

  /** Writes key (PKCS#12, fresh passphrase in {@code pass}) and certificate PEM; the PEM last. */
  static void writeWithPassFile(SigningKey k, Path p12, Path pass, Path pem) {
    char[] passphrase = KeyFiles.generatePassphrase();
    try {
      KeyFiles.writePassphrase(pass, passphrase);
      KeyFiles.writePkcs12(p12, k, passphrase);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
    if (pem != null) {
      Pem.writeCertificate(pem, k.cert());
    }
  }

  static void writeTls(DataDir dir, SigningKey tls) {
    KeyFiles.writePkcs8Pem(dir.tlsKey(), tls.key());
    Pem.writeCertificate(dir.tlsCert(), tls.cert());
    // leaf + issuing CA: what the TLS listener presents (the root is the client's trust anchor)
    Pem.writeCertificates(dir.tlsChain(), tls.chain().subList(0, tls.chain().size() - 1));
  }

  static void ensureDirs(DataDir dir) {
    for (Path p :
        List.of(dir.caDir(), dir.ocspDir(), dir.tlsDir(), dir.operatorsDir(), dir.attestersDir())) {
      SecureFiles.createPrivateDirectories(p);
    }
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }

  static X500Name name(String organization, String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, organization)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  /**
   * The {@code O=} of a CA certificate's subject (so later members match the root's), default
   * "simca".
   */
  static String organization(X509Certificate cert) {
    try {
      RDN[] rdns = new JcaX509CertificateHolder(cert).getSubject().getRDNs(BCStyle.O);
      return rdns.length > 0 ? IETFUtils.valueToString(rdns[0].getFirst().getValue()) : "simca";
    } catch (java.security.cert.CertificateEncodingException e) {
      return "simca";
    }
  }

  private static List<X509Certificate> prepend(X509Certificate leaf, List<X509Certificate> chain) {
    List<X509Certificate> out = new ArrayList<>(chain.size() + 1);
    out.add(leaf);
    out.addAll(chain);
    return out;
  }
}
