package io.simca.ca.hierarchy;

/**
 * A hierarchy operation was refused or failed: hierarchy exists, not initialised, wrong passphrase,
 * unreadable key file, unknown label, label exists.
 *
 * <p>Why one type with one line: the CLI prints the message as-is on stderr and exits 1 (DESIGN.md
 * "Public contract"); the message names files and labels, never key material, and the exception
 * carries no stack trace (the cause, if any, is kept for debug logs).
 */
public final class HierarchyException extends RuntimeException {

  public HierarchyException(String oneLineMessage) {
    super(oneLineMessage, null, false, false);
  }

  public HierarchyException(String oneLineMessage, Throwable cause) {
    super(oneLineMessage, cause, false, false);
  }
}
