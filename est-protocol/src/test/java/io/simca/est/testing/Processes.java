package io.simca.est.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external client or validator (openssl, curl, certtool, python3, a child JVM) and captures
 * its output: the one process runner of every module's tests (exported in the est-protocol
 * test-jar).
 */
public final class Processes {

  /** How long one external tool may run before the test fails. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Exit code and both output streams (trimmed) of a finished process. */
  public record Result(int exitCode, String stdout, String stderr) {
    public Result assertOk() {
      if (exitCode != 0) {
        throw new AssertionError("exit " + exitCode + ": " + stderr + stdout);
      }
      return this;
    }

    /** Both streams, stdout first: what a validator said, for assertions and failure messages. */
    public String output() {
      return stderr.isEmpty() ? stdout : stdout.isEmpty() ? stderr : stdout + "\n" + stderr;
    }
  }

  private Processes() {}

  /** Runs {@code command} in the current directory. */
  public static Result run(List<String> command) {
    return run(null, command, null);
  }

  public static Result run(Path workDir, String... command) {
    return run(workDir, List.of(command), null);
  }

  /**
   * Runs {@code command} in {@code workDir} (null: the current directory), feeding it {@code stdin}
   * if given.
   */
  public static Result run(Path workDir, List<String> command, byte[] stdin) {
    return run(workDir, Map.of(), command, stdin, DEFAULT_TIMEOUT);
  }

  /**
   * Runs {@code command} in {@code workDir} (null: the current directory) with {@code env} added to
   * this JVM's environment, feeding it {@code stdin} if given; fails the test after {@code
   * timeout}.
   */
  public static Result run(
      Path workDir, Map<String, String> env, List<String> command, byte[] stdin, Duration timeout) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      if (workDir != null) {
        pb.directory(workDir.toFile());
      }
      pb.environment().putAll(env);
      Process p = pb.start();
      // Drain stderr beside stdout: a tool that fills one pipe while we block on the other would
      // hang.
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      }
      String out = text(p.getInputStream());
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out after " + timeout + ": " + command);
      }
      return new Result(p.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** True when {@code tool} is on the PATH (or, given as a path, is executable). */
  public static boolean available(String tool) {
    try {
      return new ProcessBuilder("sh", "-c", "command -v \"$0\" >/dev/null", tool).start().waitFor()
          == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String text(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
