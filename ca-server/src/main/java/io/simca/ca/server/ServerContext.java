package io.simca.ca.server;

import io.simca.ca.config.SimcaConfig;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.KeyVault;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.metrics.SimcaMetrics;
import io.simca.ca.store.Stores;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every route family needs and shares across verticle instances: configuration, the loaded
 * hierarchy (swapped atomically when a responder certificate is renewed), the store and the way to
 * run blocking work. Immutable apart from the hierarchy reference and the {@code ready} flag (set
 * once the background services have loaded their state).
 */
public record ServerContext(
    SimcaConfig config,
    DataDir dataDir,
    KeyVault keys,
    AtomicReference<LoadedHierarchy> hierarchyRef,
    Stores stores,
    Vertx vertx,
    Blocking blocking,
    Bulkheads bulkheads,
    Clock clock,
    SimcaMetrics metrics,
    AtomicBoolean ready) {

  public LoadedHierarchy hierarchy() {
    return hierarchyRef.get();
  }
}
