package io.simca.ca.crypto;

/**
 * A PKCS#11 token could not be opened or used as configured: one human line (library, slot, PIN,
 * key label), never the PIN or key material.
 */
public final class TokenException extends RuntimeException {

  public TokenException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
