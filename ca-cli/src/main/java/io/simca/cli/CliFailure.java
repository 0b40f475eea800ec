package io.simca.cli;

/** A refused or failed operation; its message is the one line the operator sees. Exit code 1. */
final class CliFailure extends RuntimeException {

  CliFailure(String message) {
    super(message, null, false, false);
  }
}
