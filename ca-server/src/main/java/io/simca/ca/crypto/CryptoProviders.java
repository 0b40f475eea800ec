package io.simca.ca.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.util.Objects;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides which JCA provider signs, verifies and generates keys.
 *
 * <p>Why: signing speed is the CA's throughput (DESIGN.md "Runtime": ACCP P-256 sign ~47k/s vs
 * SunEC ~2-5k/s), but a missing or unhealthy native library must never stop the CA. So Amazon
 * Corretto Crypto Provider is used <em>explicitly by instance</em> (never installed globally, so
 * TLS and other JDK users keep their defaults) when it loads and {@code assertHealthy()} passes;
 * otherwise the JDK providers are used and one WARN line says why. Algorithms ACCP does not offer
 * fall back to the JDK per algorithm. Bouncy Castle only builds ASN.1 here; it never signs.
 */
public final class CryptoProviders {

  private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);
  private static final String ACCP_CLASS =
      "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

  private static volatile CryptoProviders instance;

  private final Provider fast; // null when ACCP is unavailable
  private final String name;

  private CryptoProviders(Provider fast) {
    this.fast = fast;
    this.name = fast != null ? fast.getName() : "SunEC/SunRsaSign";
  }

  /** The process-wide choice, made once on first use. */
  public static CryptoProviders get() {
    CryptoProviders p = instance;
    if (p == null) {
      synchronized (CryptoProviders.class) {
        p = instance;
        if (p == null) {
          p = new CryptoProviders(loadAccp());
          instance = p;
        }
      }
    }
    return p;
  }

  /** JDK providers only; for tests that compare providers and for operators who must avoid ACCP. */
  public static CryptoProviders jdkOnly() {
    return new CryptoProviders(null);
  }

  private static Provider loadAccp() {
    try {
      Class<?> c = Class.forName(ACCP_CLASS);
      Provider p = (Provider) c.getField("INSTANCE").get(null);
      c.getMethod("assertHealthy").invoke(p);
      return p;
    } catch (ClassNotFoundException e) {
      LOG.warn(
          "Amazon Corretto Crypto Provider not on the class path; signing with SunEC/SunRsaSign (slower)");
    } catch (java.lang.reflect.InvocationTargetException e) {
      LOG.warn(
          "Amazon Corretto Crypto Provider is not healthy ({}); signing with SunEC/SunRsaSign (slower)",
          e.getCause());
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      LOG.warn(
          "Amazon Corretto Crypto Provider failed to load ({}); signing with SunEC/SunRsaSign (slower)",
          e.toString());
    }
    return null;
  }

  /** Provider name for logs and health output, e.g. {@code AmazonCorrettoCryptoProvider}. */
  public String name() {
    return name;
  }

  /** True when the native provider is in use. */
  public boolean isAccelerated() {
    return fast != null;
  }

  /** The provider that serves {@code type}/{@code alg}: ACCP when it has it, else the JDK's. */
  public Provider providerFor(String type, String alg) {
    if (fast != null && fast.getService(type, alg) != null) {
      return fast;
    }
    Provider[] jdk = Security.getProviders(type + "." + alg);
    if (jdk == null || jdk.length == 0) {
      throw new IllegalArgumentException("no provider for " + type + "." + alg);
    }
    return jdk[0];
  }

  public Signature signature(String alg) {
    try {
      return Signature.getInstance(alg, providerFor("Signature", alg));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signature algorithm unavailable: " + alg, e);
    }
  }

  public KeyPairGenerator keyPairGenerator(String alg) {
    try {
      return KeyPairGenerator.getInstance(alg, providerFor("KeyPairGenerator", alg));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("key generator unavailable: " + alg, e);
    }
  }

  public KeyFactory keyFactory(String alg) {
    try {
      return KeyFactory.getInstance(alg, providerFor("KeyFactory", alg));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("key factory unavailable: " + alg, e);
    }
  }

  /**
   * A Bouncy Castle content signer whose signature is computed by the chosen provider. Not
   * thread-safe (it holds a {@link Signature}); callers cache one per thread.
   */
  public ContentSigner contentSigner(PrivateKey key, String sigAlg) {
    Objects.requireNonNull(key, "key");
    if (key instanceof TokenPrivateKey token) {
      return TokenContentSigner.of(token, sigAlg);
    }
    try {
      return new JcaContentSignerBuilder(sigAlg)
          .setProvider(providerFor("Signature", sigAlg))
          .build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(
          "cannot sign with " + sigAlg + " (" + key.getAlgorithm() + " key)", e);
    }
  }

  /** Verifier provider for signatures by {@code key}, computed by the chosen provider. */
  public ContentVerifierProvider verifierProvider(PublicKey key) {
    String probe = KeyType.of(key).signatureAlgorithm();
    try {
      return new JcaContentVerifierProviderBuilder()
          .setProvider(providerFor("Signature", probe))
          .build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot verify with a " + key.getAlgorithm() + " key", e);
    }
  }
}
