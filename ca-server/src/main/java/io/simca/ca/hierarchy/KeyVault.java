package io.simca.ca.hierarchy;

import io.simca.ca.config.KeysConfig;
import io.simca.ca.config.KeysConfig.Pkcs11Config;
import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyType;
import io.simca.ca.crypto.Pem;
import io.simca.ca.crypto.Pkcs11Token;
import io.simca.ca.crypto.SecureFiles;
import io.simca.ca.crypto.SigningKey;
import io.simca.ca.crypto.TokenException;
import io.simca.ca.crypto.TokenPrivateKey;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the hierarchy's online keys (issuing CAs, OCSP responders) are generated and kept: PKCS#12
 * files in the data dir, or a PKCS#11 token ({@code ca.keys.provider}). The root key, the server
 * TLS key and operator credentials are always files (offline, TLS engines, people).
 */
public sealed interface KeyVault permits KeyVault.FileVault, KeyVault.TokenVault {

  /** A new key pair for the member {@code name} (e.g. {@code default-g2}). */
  KeyPair generate(KeyType type, String name);

  /** Stores {@code key} in {@code slot}, then its certificate in {@code pem} (when not null). */
  void write(SigningKey key, KeySlot slot, Path pem);

  /** The key kept in {@code slot}. */
  SigningKey read(KeySlot slot);

  /** One line for logs and {@code ca list}. */
  String describe();

  /**
   * Opens the key store afresh after its keys stopped working (an HSM that restarted or came back):
   * keys read afterwards use new sessions. A no-op for files.
   */
  void reconnect();

  /** PKCS#12 files (the default and the dev hierarchy's). */
  static KeyVault files() {
    return FileVault.INSTANCE;
  }

  /** Opens what {@code cfg} selects; a token is opened and logged in once, here. */
  static KeyVault of(KeysConfig cfg) {
    return cfg.usesToken() ? new TokenVault(cfg.pkcs11()) : files();
  }

  /** Passphrase-protected PKCS#12 files with their passphrase files beside them (0600). */
  final class FileVault implements KeyVault {
    private static final FileVault INSTANCE = new FileVault();

    private FileVault() {}

    @Override
    public KeyPair generate(KeyType type, String name) {
      return type.generate(CryptoProviders.get());
    }

    @Override
    public void write(SigningKey key, KeySlot slot, Path pem) {
      HierarchyMinter.writeWithPassFile(key, slot.p12(), slot.pass(), pem);
    }

    @Override
    public SigningKey read(KeySlot slot) {
      if (Files.exists(slot.tokenRef())) {
        throw new HierarchyException(
            slot.tokenRef()
                + " names a key in a PKCS#11 token, but ca.keys.provider is pkcs12: set"
                + " ca.keys.provider: pkcs11 and ca.keys.pkcs11 (library, slot, pinFile)");
      }
      return HierarchyFiles.readKeyWithPassFile(slot.p12(), slot.pass());
    }

    @Override
    public String describe() {
      return "PKCS#12 files";
    }

    @Override
    public void reconnect() {}
  }

  /**
   * Keys generated inside a PKCS#11 token, never extractable; the slot's {@code .p11} file names
   * each by its label. A slot that still holds a PKCS#12 file (a hierarchy that moved to a token)
   * is read from the file until its next rotation.
   */
  final class TokenVault implements KeyVault {
    // RFC 7512 §2.3: "id" is the object's CKA_ID, every byte percent-encoded; SunPKCS11's key
    // store sets the key's CKA_ID (and its certificate's CKA_LABEL) to the alias.
    private static final Pattern ID = Pattern.compile("^pkcs11:(?:.*;)?id=([^;?]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pkcs11Config config;
    private volatile Pkcs11Token token;

    TokenVault(Pkcs11Config config) {
      this.config = config;
      this.token = Pkcs11Token.open(config);
    }

    public Pkcs11Token token() {
      return token;
    }

    @Override
    public KeyPair generate(KeyType type, String name) {
      byte[] suffix = new byte[4];
      RANDOM.nextBytes(suffix);
      // A fresh label per key: a re-init or rotation on the same token never reuses one.
      return token.generate(type, "simca-" + name + "-" + HexFormat.of().formatHex(suffix));
    }

    @Override
    public void write(SigningKey key, KeySlot slot, Path pem) {
      if (!(key.key() instanceof TokenPrivateKey tk)) {
        throw new IllegalArgumentException("not a key of this token: " + key);
      }
      String alias = token.store(tk, key.chain());
      SecureFiles.writePrivate(
          slot.tokenRef(),
          ("pkcs11:id=" + encode(alias) + ";type=private\n").getBytes(StandardCharsets.US_ASCII));
      try {
        // The reference now wins; a PKCS#12 file left in the slot would only confuse a reader.
        Files.deleteIfExists(slot.p12());
        Files.deleteIfExists(slot.pass());
      } catch (IOException e) {
        throw new HierarchyException("cannot remove " + slot.p12() + ": " + e.getMessage(), e);
      }
      if (pem != null) {
        Pem.writeCertificate(pem, key.cert());
      }
    }

    @Override
    public SigningKey read(KeySlot slot) {
      if (!Files.exists(slot.tokenRef())) {
        return files().read(slot);
      }
      String alias = alias(slot);
      try {
        return token
            .signingKey(alias)
            .orElseThrow(
                () ->
                    new HierarchyException(
                        token.description()
                            + " has no key labelled '"
                            + alias
                            + "' (named by "
                            + slot.tokenRef()
                            + ")"));
      } catch (TokenException e) {
        throw new HierarchyException(e.getMessage(), e);
      }
    }

    private static String alias(KeySlot slot) {
      String uri;
      try {
        uri = Files.readString(slot.tokenRef(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new HierarchyException("cannot read " + slot.tokenRef() + ": " + e.getMessage(), e);
      }
      Matcher m = ID.matcher(uri);
      if (!m.find()) {
        throw new HierarchyException(
            slot.tokenRef() + " is not a PKCS#11 URI naming a key id (pkcs11:id=%..;type=private)");
      }
      try {
        return URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new HierarchyException(slot.tokenRef() + " has a malformed id: " + e.getMessage(), e);
      }
    }

    private static String encode(String alias) {
      StringBuilder b = new StringBuilder();
      for (byte x : alias.getBytes(StandardCharsets.UTF_8)) {
        b.append('%').append(HexFormat.of().withUpperCase().toHexDigits(x));
      }
      return b.toString();
    }

    @Override
    public String describe() {
      return token.description();
    }

    @Override
    public void reconnect() {
      token = Pkcs11Token.open(config);
    }
  }
}
