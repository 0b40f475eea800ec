package io.simca.cli;

import io.simca.ca.config.ConfigException;
import io.simca.ca.crypto.TokenException;
import io.simca.ca.error.CaException;
import io.simca.ca.hierarchy.HierarchyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one clear line on stderr and exit code 1. Known failures carry a
 * message written for operators; anything else is a bug, and gets its type too (set {@code
 * SIMCA_DEBUG=1} for the stack trace).
 */
final class OneLineErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
    String msg =
        switch (e) {
          case CliFailure f -> f.getMessage();
          case ConfigException c -> c.getMessage();
          case HierarchyException h -> h.getMessage();
          case TokenException t -> t.getMessage();
          case CaException c -> c.detail() + " (" + c.reason() + ")";
          case NoSuchFileException n -> "no such file: " + n.getFile();
          case AccessDeniedException a -> "permission denied: " + a.getFile();
          case IOException io -> "I/O error: " + io.getMessage();
          default -> e.getClass().getSimpleName() + ": " + e.getMessage();
        };
    cmd.getErr().println("simca: " + msg);
    if (System.getenv("SIMCA_DEBUG") != null) {
      e.printStackTrace(cmd.getErr());
    }
    return 1;
  }
}
