package io.simca.est.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code /usr/bin/openssl} as an external process, so tests check our encodings against an
 * independent parser rather than against Bouncy Castle reading its own output.
 */
public final class Openssl {

  public static final Path OPENSSL = Path.of("/usr/bin/openssl");

  /** Exit status and output of one run. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private Openssl() {}

  public static boolean available() {
    return Files.isExecutable(OPENSSL);
  }

  /** Runs {@code openssl args...} with {@code stdin} as input. */
  public static Result run(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(OPENSSL.toString());
    command.addAll(List.of(args));
    try {
      Path err = Files.createTempFile("openssl", ".err");
      try {
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
          in.write(stdin);
        }
        String out;
        try (InputStream stdout = process.getInputStream()) {
          out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("openssl timed out");
        }
        return new Result(process.exitValue(), out, Files.readString(err));
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
