package io.simca.ca.server;

import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.crypto.KeyProbe;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes up issuing CA generations that appear in the data dir while the node runs ({@code ca
 * rotate}, {@code ca install-intermediate}, or {@code ca/} copied from the node that did it), so a
 * rotation reaches every node without a restart: the new generation signs from the next request on,
 * the retired ones keep answering OCSP and CRLs for what they issued.
 *
 * <p>A reload that would drop a label the node serves is taken for a rotation caught half-way (the
 * old certificate archived, the new one not yet written) and retried at the next check; a load that
 * fails keeps the current hierarchy. Blocking: run it on a worker.
 */
final class HierarchyReload {

  private static final Logger LOG = LoggerFactory.getLogger(HierarchyReload.class);

  /** Each reconnect opens a new provider instance with its sessions: not more often than this. */
  private static final Duration RECONNECT_EVERY = Duration.ofSeconds(30);

  private final ServerContext ctx;
  private Instant nextReconnect = Instant.MIN;

  HierarchyReload(ServerContext ctx) {
    this.ctx = ctx;
  }

  /** True when a new hierarchy was loaded and is now served. */
  boolean reloadIfChanged() {
    LoadedHierarchy current = ctx.hierarchy();
    DataDir dir = ctx.dataDir();
    if (!activeKeysUsable(current)) {
      return reconnect(dir);
    }
    Shape onDisk = Shape.of(dir);
    if (onDisk.equals(Shape.of(current))
        || !onDisk.active().keySet().containsAll(Shape.of(current).active().keySet())) {
      return false;
    }
    LoadedHierarchy next;
    try {
      next = LoadedHierarchy.load(dir, ctx.keys());
    } catch (RuntimeException e) {
      LOG.warn("new issuing CA generation in {} not taken up yet: {}", dir.caDir(), e.getMessage());
      return false;
    }
    CaRegistry.register(ctx.stores(), next);
    ctx.hierarchyRef().set(next);
    LOG.info("issuing CAs now {} (was {})", Shape.of(next).active(), Shape.of(current).active());
    return true;
  }

  private static boolean activeKeysUsable(LoadedHierarchy h) {
    for (IssuingCa ca : h.all()) {
      if (ca.active() && !KeyProbe.usable(ca.signingKey(), CryptoProviders.get())) {
        return false;
      }
    }
    return true;
  }

  /**
   * An HSM key stopped signing (the token went away, restarted, logged out): open the token again
   * and read the keys anew, so the node recovers by itself once the HSM is back. Until then /health
   * says the key is down and enrolments get 503 + Retry-After.
   */
  private synchronized boolean reconnect(DataDir dir) {
    Instant now = ctx.clock().instant();
    if (now.isBefore(nextReconnect)) {
      return false;
    }
    nextReconnect = now.plus(RECONNECT_EVERY);
    try {
      ctx.keys().reconnect();
      LoadedHierarchy next = LoadedHierarchy.load(dir, ctx.keys());
      if (!activeKeysUsable(next)) {
        return false;
      }
      ctx.hierarchyRef().set(next);
      LOG.info("CA keys usable again after reconnecting to {}", ctx.keys().describe());
      return true;
    } catch (RuntimeException e) {
      LOG.warn(
          "CA keys unusable, reconnecting to {} failed: {}", ctx.keys().describe(), e.getMessage());
      return false;
    }
  }

  /** Which generation of each label is active, and which are retired. */
  private record Shape(Map<String, Integer> active, Set<String> retired) {

    static Shape of(DataDir dir) {
      Map<String, Integer> active = new TreeMap<>();
      Set<String> retired = new TreeSet<>();
      for (String label : dir.labels()) {
        active.put(label, dir.activeGeneration(label));
        for (int gen : dir.archivedGenerations(label)) {
          retired.add(label + "-" + gen);
        }
      }
      return new Shape(active, retired);
    }

    static Shape of(LoadedHierarchy h) {
      Map<String, Integer> active = new TreeMap<>();
      Set<String> retired = new TreeSet<>();
      for (IssuingCa ca : h.all()) {
        if (ca.active()) {
          active.put(ca.label(), ca.generation());
        } else {
          retired.add(ca.label() + "-" + ca.generation());
        }
      }
      return new Shape(active, retired);
    }
  }
}
