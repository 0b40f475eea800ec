package io.simca.ca.crypto;

/**
 * A key or passphrase file could not be used: one human line naming the file, never key material.
 *
 * <p>Why: an operator who typed the wrong passphrase needs "wrong passphrase for data/ca/root.p12",
 * not a {@code java.io.IOException: keystore password was incorrect} with 40 frames. The kind lets
 * callers map it (the hierarchy layer turns it into its own one-line error).
 */
public final class KeyFileException extends RuntimeException {

  /** What went wrong with the file. */
  public enum Kind {
    MISSING,
    UNREADABLE,
    WRONG_PASSPHRASE,
    MALFORMED
  }

  private final Kind kind;

  public KeyFileException(Kind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
