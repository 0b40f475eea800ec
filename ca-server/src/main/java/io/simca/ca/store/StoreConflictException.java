package io.simca.ca.store;

/**
 * A write collided with an existing row (unique or primary key), e.g. a serial that is already
 * reserved. The caller decides: retry with a new value, or report the conflict.
 */
public class StoreConflictException extends RuntimeException {

  public StoreConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
