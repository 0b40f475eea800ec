package io.simca.ca.server;

import io.simca.ca.crypto.SigningUnavailableException;
import io.simca.ca.error.CaException;
import io.simca.ca.store.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs JDBC and key operations off the event loop (Vert.x worker pool, unordered so requests do not
 * queue behind each other), translating a lost store or HSM into a retryable 503.
 */
public final class Blocking {

  private static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(5);
  private static final Duration KEY_RETRY_AFTER = Duration.ofSeconds(30);

  private final Vertx vertx;

  public Blocking(Vertx vertx) {
    this.vertx = vertx;
  }

  public <T> Future<T> run(Callable<T> work) {
    return vertx.executeBlocking(
        () -> {
          try {
            return work.call();
          } catch (StoreUnavailableException e) {
            throw CaException.unavailable(
                "certificate store unavailable, retry later", STORE_RETRY_AFTER);
          } catch (SigningUnavailableException e) {
            throw CaException.unavailable("signing key unavailable, retry later", KEY_RETRY_AFTER);
          }
        },
        false);
  }
}
