package io.simca.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code simca} in a child JVM exactly as the launcher does (same main class, the test
 * classpath), so exit codes, stdout and stderr are the real ones and nothing leaks between runs.
 */
final class CliProcess {

  record Result(int exitCode, String out, String err) {}

  private CliProcess() {}

  static Result run(Path workDir, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SimcaCli.class.getName());
    cmd.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
      pb.environment().putAll(env);
      pb.environment().put("SIMCA_LOG_LEVEL", "WARN");
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("simca " + String.join(" ", args) + " timed out");
      }
      return new Result(
          p.exitValue(),
          new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Result run(Path workDir, String... args) {
    return run(workDir, Map.of(), args);
  }
}
