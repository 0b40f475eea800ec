package io.simca.ca.crypto;

import io.simca.ca.config.KeysConfig.Pkcs11Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One logged-in PKCS#11 token, through Java's SunPKCS11 provider (configured in memory, never
 * installed process-wide).
 *
 * <p>Keys are generated inside the token as token objects that are sensitive and not extractable
 * (PKCS#11 v2.40 §4.9: {@code CKA_SENSITIVE}, {@code CKA_EXTRACTABLE}), so they never exist outside
 * it; a certificate object with the same label and {@code CKA_ID} binds each to its certificate,
 * which is how the provider's key store finds them again. Every failure to open is one line naming
 * the library, the slot or the PIN problem.
 */
public final class Pkcs11Token {

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Pkcs11Config config;
  private final Provider provider;
  private final String description;
  private KeyStore store; // guarded by this

  private Pkcs11Token(Pkcs11Config config, Provider provider, KeyStore store, String description) {
    this.config = config;
    this.provider = provider;
    this.store = store;
    this.description = description;
  }

  /** Loads the module, selects the slot and logs in with the configured PIN. */
  public static Pkcs11Token open(Pkcs11Config cfg) {
    String slot = cfg.slot() >= 0 ? "slot " + cfg.slot() : "slot index " + cfg.slotListIndex();
    String description = "PKCS#11 token (" + cfg.library() + ", " + slot + ")";
    Path library = Path.of(cfg.library());
    if (!Files.isRegularFile(library)) {
      throw new TokenException(
          "PKCS#11 library " + library + " does not exist (ca.keys.pkcs11.library)", null);
    }
    Provider provider;
    try {
      provider = Security.getProvider("SunPKCS11").configure("--" + providerConfig(cfg));
    } catch (ProviderException | IllegalArgumentException e) {
      throw new TokenException(
          "cannot open " + description + ": " + rootMessage(e) + " (ca.keys.pkcs11)", e);
    }
    return new Pkcs11Token(cfg, provider, login(cfg, provider, description), description);
  }

  private static KeyStore login(Pkcs11Config cfg, Provider provider, String description) {
    char[] pin = readPin(cfg);
    try {
      KeyStore ks = KeyStore.getInstance("PKCS11", provider);
      ks.load(null, pin);
      return ks;
    } catch (IOException e) {
      String why = rootMessage(e);
      if (why.contains("CKR_PIN_INCORRECT")
          || e.getCause() instanceof java.security.UnrecoverableKeyException) {
        throw new TokenException("wrong PIN for " + description + " (ca.keys.pkcs11.pinFile)", e);
      }
      throw new TokenException("cannot log in to " + description + ": " + why, e);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new TokenException("cannot log in to " + description + ": " + rootMessage(e), e);
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  /**
   * SunPKCS11's configuration (JDK PKCS#11 Reference Guide): new private keys are token objects,
   * sensitive, never extractable; public keys stay session objects (the certificate carries them).
   */
  private static String providerConfig(Pkcs11Config cfg) {
    StringBuilder b = new StringBuilder();
    b.append("name = simca-").append(INSTANCES.incrementAndGet()).append('\n');
    b.append("library = \"").append(cfg.library()).append("\"\n");
    if (cfg.slot() >= 0) {
      b.append("slot = ").append(cfg.slot()).append('\n');
    } else {
      b.append("slotListIndex = ").append(cfg.slotListIndex()).append('\n');
    }
    b.append("attributes(generate, CKO_PRIVATE_KEY, *) = {\n")
        .append("  CKA_TOKEN = true\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n")
        .append("  CKA_EXTRACTABLE = false\n  CKA_SIGN = true\n}\n");
    return b.toString();
  }

  private static char[] readPin(Pkcs11Config cfg) {
    if (cfg.pinFile() != null && !cfg.pinFile().isBlank()) {
      try {
        return KeyFiles.readPassphrase(Path.of(cfg.pinFile()));
      } catch (KeyFileException e) {
        throw new TokenException(
            e.getMessage().replace("key file", "PIN file") + " (ca.keys.pkcs11.pinFile)", e);
      }
    }
    if (cfg.pin() != null && !cfg.pin().isEmpty()) {
      return cfg.pin().toCharArray();
    }
    throw new TokenException(
        "no PIN for the PKCS#11 token: set ca.keys.pkcs11.pinFile or SIMCA_CA_KEYS_PKCS11_PIN",
        null);
  }

  /** A new key pair generated inside the token; the private key is usable only through it. */
  public KeyPair generate(KeyType type, String alias) {
    try {
      KeyPair kp = type.generate(provider);
      return new KeyPair(kp.getPublic(), new TokenPrivateKey(kp.getPrivate(), provider, alias));
    } catch (ProviderException | IllegalStateException e) {
      throw new TokenException(
          "cannot generate a " + type.label() + " key in " + description + ": " + rootMessage(e),
          e);
    }
  }

  /**
   * Labels the key and stores its certificate chain beside it in the token; returns the label. A
   * key that already has an entry (a pending issuing CA key with its placeholder certificate) moves
   * to a new label first ({@code -req-} dropped, else {@code -r} appended): SunPKCS11 replaces an
   * entry by deleting it, key included, so the old label is deleted only once it holds nothing but
   * the old certificate.
   */
  public synchronized String store(TokenPrivateKey key, List<X509Certificate> chain) {
    String alias = key.alias();
    try {
      if (!store.containsAlias(alias)) {
        store.setKeyEntry(alias, key.delegate(), null, chain.toArray(new Certificate[0]));
        return alias;
      }
      String next = alias.contains("-req-") ? alias.replace("-req-", "-") : alias + "-r";
      store.setKeyEntry(next, key.delegate(), null, chain.toArray(new Certificate[0]));
      store.deleteEntry(alias);
      return next;
    } catch (GeneralSecurityException | ProviderException e) {
      throw new TokenException(
          "cannot store key '" + alias + "' in " + description + ": " + rootMessage(e), e);
    }
  }

  /**
   * The key labelled {@code alias} with the chain stored beside it; empty when there is none. The
   * provider's key store lists the token's objects once, when it loads: a key another process made
   * since (a rotation run by {@code ca rotate}) is found by loading it again.
   */
  public synchronized Optional<SigningKey> signingKey(String alias) {
    try {
      if (!store.containsAlias(alias)) {
        store = login(config, provider, description);
      }
      Key k = store.getKey(alias, null);
      Certificate[] certs = store.getCertificateChain(alias);
      if (!(k instanceof PrivateKey pk) || certs == null || certs.length == 0) {
        return Optional.empty();
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : certs) {
        chain.add((X509Certificate) c);
      }
      return Optional.of(
          new SigningKey(new TokenPrivateKey(pk, provider, alias), chain.get(0), chain));
    } catch (GeneralSecurityException | ProviderException e) {
      throw new TokenException(
          "cannot read key '" + alias + "' from " + description + ": " + rootMessage(e), e);
    }
  }

  /** Removes the key and certificate labelled {@code alias} (a replaced OCSP responder's). */
  public synchronized void delete(String alias) {
    try {
      if (store.containsAlias(alias)) {
        store.deleteEntry(alias);
      }
    } catch (GeneralSecurityException | ProviderException e) {
      throw new TokenException(
          "cannot delete key '" + alias + "' from " + description + ": " + rootMessage(e), e);
    }
  }

  public String description() {
    return description;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
