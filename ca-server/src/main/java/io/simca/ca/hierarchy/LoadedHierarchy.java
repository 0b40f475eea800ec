package io.simca.ca.hierarchy;

import io.simca.ca.crypto.SigningKey;
import io.simca.ca.pki.IssuerInfo;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hierarchy as the running server holds it: the root certificate (never its key, which stays
 * offline) and every issuing CA generation with its signing key and OCSP responder, indexed for
 * issuance (by label), for AKI lookups (by key id) and for OCSP CertID lookups (by issuerKeyHash,
 * SHA-1 and SHA-256). Immutable; reload after a rotation.
 */
public final class LoadedHierarchy {

  private final X509Certificate root;
  private final List<IssuingCa> all;
  private final Map<String, IssuingCa> activeByLabel = new HashMap<>();
  private final Map<String, IssuingCa> byKeyId = new HashMap<>();
  private final Map<ByteBuffer, CertIdEntry> bySha1 = new HashMap<>();
  private final Map<ByteBuffer, CertIdEntry> bySha256 = new HashMap<>();

  /**
   * A CA as an OCSP CertID names it under one hash algorithm; byte keys, so a lookup formats
   * nothing.
   */
  private record CertIdEntry(IssuingCa ca, byte[] nameHash) {}

  private LoadedHierarchy(X509Certificate root, List<IssuingCa> all) {
    this.root = root;
    this.all = List.copyOf(all);
    for (IssuingCa ca : all) {
      if (ca.active()) {
        activeByLabel.put(ca.label(), ca);
      }
      byKeyId.put(ca.keyId(), ca);
      index(bySha1, ca, "SHA-1");
      index(bySha256, ca, "SHA-256");
    }
  }

  private static void index(Map<ByteBuffer, CertIdEntry> byKeyHash, IssuingCa ca, String digest) {
    byKeyHash.put(
        ByteBuffer.wrap(HierarchyFiles.keyHash(ca.cert(), digest)),
        new CertIdEntry(ca, HierarchyFiles.nameHash(ca.cert(), digest)));
  }

  /** Loads every issuing CA generation from PKCS#12 files; the root passphrase is not needed. */
  public static LoadedHierarchy load(DataDir dir) {
    return load(dir, KeyVault.files());
  }

  /** Loads every issuing CA generation, keys from {@code vault}. */
  public static LoadedHierarchy load(DataDir dir, KeyVault vault) {
    HierarchyFiles.requireInitialised(dir);
    X509Certificate root = HierarchyFiles.readCert(dir.rootCert());
    List<IssuingCa> cas = new ArrayList<>();
    for (String label : dir.labels()) {
      SigningKey key = vault.read(dir.issuingKeySlot(label));
      requireMatch(
          key,
          HierarchyFiles.readCert(dir.issuingCert(label)),
          dir.issuingKeySlot(label).toString());
      Optional<SigningKey> ocsp =
          dir.ocspKeySlot(label).exists()
              ? Optional.of(vault.read(dir.ocspKeySlot(label)))
              : Optional.empty();
      cas.add(
          new IssuingCa(label, dir.activeGeneration(label), true, key, ocsp, keyId(key.cert())));
      for (int gen : dir.archivedGenerations(label)) {
        SigningKey old = vault.read(dir.archivedKeySlot(label, gen));
        Optional<SigningKey> oldOcsp =
            dir.archivedOcspKeySlot(label, gen).exists()
                ? Optional.of(vault.read(dir.archivedOcspKeySlot(label, gen)))
                : Optional.empty();
        cas.add(new IssuingCa(label, gen, false, old, oldOcsp, keyId(old.cert())));
      }
    }
    return new LoadedHierarchy(root, cas);
  }

  private static void requireMatch(SigningKey key, X509Certificate pem, String keyFile) {
    if (!key.cert().equals(pem)) {
      throw new HierarchyException(
          "key file "
              + keyFile
              + " does not belong to certificate "
              + pem.getSubjectX500Principal().getName());
    }
  }

  private static String keyId(X509Certificate cert) {
    return HierarchyFiles.hex(IssuerInfo.of(cert).keyId());
  }

  public X509Certificate root() {
    return root;
  }

  /** Every generation of every label, active ones first per label. */
  public List<IssuingCa> all() {
    return all;
  }

  /** The active generation of {@code label}. */
  public Optional<IssuingCa> byLabel(String label) {
    return Optional.ofNullable(activeByLabel.get(label));
  }

  /**
   * The generation {@code name} designates in a URL: the one whose {@link IssuingCa#publicName()}
   * it is, else (a label whose first generation is no longer loaded) the label's active one; {@code
   * <label>-g<gen>} always names generation gen.
   */
  public Optional<IssuingCa> byPublicName(String name) {
    for (IssuingCa ca : all) {
      if (ca.publicName().equals(name)) {
        return Optional.of(ca);
      }
    }
    Optional<IssuingCa> active = byLabel(name);
    if (active.isPresent()) {
      return active;
    }
    for (IssuingCa ca : all) {
      if ((ca.label() + "-g" + ca.generation()).equals(name)) {
        return Optional.of(ca);
      }
    }
    return Optional.empty();
  }

  /** Any generation whose SKI is {@code skiHex} (case-insensitive). */
  public Optional<IssuingCa> byKeyId(String skiHex) {
    return Optional.ofNullable(byKeyId.get(skiHex.toLowerCase(java.util.Locale.ROOT)));
  }

  /** RFC 6960 §4.1.1 CertID with hashAlgorithm SHA-1: issuerKeyHash = SHA-1(subjectPublicKey). */
  public Optional<IssuingCa> byIssuerKeyHash(byte[] sha1OfIssuerPublicKey) {
    return Optional.ofNullable(bySha1.get(ByteBuffer.wrap(sha1OfIssuerPublicKey)))
        .map(CertIdEntry::ca);
  }

  /**
   * The CA an OCSP CertID names (RFC 6960 §4.1.1): issuerKeyHash selects it, issuerNameHash must
   * agree. {@code sha256} picks the hash algorithm; SHA-1 otherwise.
   */
  public Optional<IssuingCa> byCertId(boolean sha256, byte[] issuerKeyHash, byte[] issuerNameHash) {
    CertIdEntry e = (sha256 ? bySha256 : bySha1).get(ByteBuffer.wrap(issuerKeyHash));
    return e != null && MessageDigest.isEqual(e.nameHash(), issuerNameHash)
        ? Optional.of(e.ca())
        : Optional.empty();
  }
}
