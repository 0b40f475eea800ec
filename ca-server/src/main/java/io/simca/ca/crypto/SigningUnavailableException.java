package io.simca.ca.crypto;

/**
 * A signing key could not be used for a reason outside the request: its HSM went away, a session
 * failed, the token logged out. The server answers 503 with Retry-After and /health reports the key
 * down; the request itself was fine.
 */
public final class SigningUnavailableException extends RuntimeException {

  public SigningUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
