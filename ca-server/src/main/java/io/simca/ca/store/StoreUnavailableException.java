package io.simca.ca.store;

/**
 * The database cannot be reached (pool exhausted, connection refused or lost). Transient by nature:
 * the server maps it to 503 with {@code Retry-After}, never to 500.
 */
public final class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
