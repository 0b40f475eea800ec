package io.simca.cli;

import io.simca.est.testing.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code simca} in a child JVM exactly as the launcher does (same main class, the test
 * classpath), so exit codes, stdout and stderr are the real ones and nothing leaks between runs.
 */
final class CliProcess {

  record Result(int exitCode, String out, String err) {}

  private CliProcess() {}

  static Result run(Path workDir, Map<String, String> env, String... args) {
    List<String> cmd = command(List.of(args));
    Map<String, String> all = new HashMap<>(env);
    all.put("SIMCA_LOG_LEVEL", "WARN");
    Processes.Result r = Processes.run(workDir, all, cmd, null, Duration.ofSeconds(120));
    return new Result(r.exitCode(), r.stdout(), r.stderr());
  }

  /** The java command line that runs {@code simca args} from this test classpath. */
  static List<String> command(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SimcaCli.class.getName());
    cmd.addAll(args);
    return cmd;
  }

  static Result run(Path workDir, String... args) {
    return run(workDir, Map.of(), args);
  }
}
