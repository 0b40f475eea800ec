package io.simca.ca.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external client or validator (openssl, curl, certtool, python3) and captures its output.
 */
public final class Processes {

  /** Exit code and both output streams of a finished process. */
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
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      if (workDir != null) {
        pb.directory(workDir.toFile());
      }
      Process p = pb.start();
      // Drain stderr beside stdout: a tool that fills one pipe while we block on the other would
      // hang.
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
      if (stdin != null) {
        p.getOutputStream().write(stdin);
      }
      p.getOutputStream().close();
      String out = text(p.getInputStream());
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Result(p.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** True when {@code tool} is on the PATH. */
  public static boolean available(String tool) {
    try {
      return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
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
