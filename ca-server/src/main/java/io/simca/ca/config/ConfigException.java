package io.simca.ca.config;

/**
 * A configuration problem, phrased as one line that names the key and what is wrong with it. The
 * CLI prints the message alone; there is nothing useful in a stack trace for a typo.
 */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
