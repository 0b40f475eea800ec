package io.simca.ca.pki;

import io.simca.ca.crypto.CryptoProviders;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bouncycastle.operator.ContentSigner;

/**
 * Reusable {@link ContentSigner}s per private key.
 *
 * <p>Why a pool and not a ThreadLocal: a ContentSigner (one initialised {@code Signature}) is not
 * thread-safe, and creating one per certificate costs a provider lookup and a key import. A
 * ThreadLocal would miss on every virtual thread; a pool serves platform and virtual threads alike.
 * Keys are compared by identity so no key material is hashed or compared.
 */
final class SignerPool {

  /** Creates a signer for a key; the production source is {@link CryptoProviders#contentSigner}. */
  @FunctionalInterface
  interface SignerSource {
    ContentSigner create(PrivateKey key, String sigAlg);
  }

  private record KeyRef(PrivateKey key) {
    @Override
    public boolean equals(Object o) {
      return o instanceof KeyRef k && k.key == key;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(key);
    }
  }

  private static final int MAX_KEYS = 64;
  private static final int MAX_IDLE_PER_KEY = 64;

  private final SignerSource source;
  private final Map<KeyRef, Queue<ContentSigner>> idle = new ConcurrentHashMap<>();

  SignerPool(SignerSource source) {
    this.source = source;
  }

  ContentSigner take(PrivateKey key, String sigAlg) {
    Queue<ContentSigner> q = idle.get(new KeyRef(key));
    ContentSigner s = q == null ? null : q.poll();
    return s != null ? s : source.create(key, sigAlg);
  }

  void give(PrivateKey key, ContentSigner signer) {
    if (idle.size() >= MAX_KEYS && !idle.containsKey(new KeyRef(key))) {
      idle.clear(); // many short-lived keys (tests, rotations): start over rather than grow
    }
    Queue<ContentSigner> q =
        idle.computeIfAbsent(new KeyRef(key), k -> new ConcurrentLinkedQueue<>());
    if (q.size() < MAX_IDLE_PER_KEY) {
      q.offer(signer);
    }
  }
}
