package io.simca.ca.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md: "H2 is opened so that a committed transaction survives kill -9". A child JVM commits
 * in a tight loop and prints each commit; the parent SIGKILLs it right after reading a line, at a
 * random point, then reopens the database and expects every reported commit. Repeated on the same
 * database, so recovery after a crash is exercised too.
 *
 * <p>With H2's default WRITE_DELAY (500 ms) this test fails: the last commits before the kill are
 * lost (checked by hand when the option was chosen).
 */
class DurabilityTest {

  private static final int ROUNDS = 4;

  @TempDir Path tmp;

  @Test
  void h2_committedTransactionsSurviveKill9() throws Exception {
    killRepeatedly(round -> 20 + ThreadLocalRandom.current().nextInt(40), 0);
  }

  /**
   * The same while {@link H2Compactor} rewrites and moves chunks: the kill lands as the child
   * starts a compaction pass (right after the commit that triggers it), or a little into it.
   */
  @Test
  void h2_committedTransactionsSurviveKill9_duringCompaction() throws Exception {
    int every = 100;
    killRepeatedly(round -> every * (3 + round) + ThreadLocalRandom.current().nextInt(3), every);
  }

  private void killRepeatedly(
      java.util.function.IntUnaryOperator killAfterInRound, int compactEvery) throws Exception {
    StoreSettings settings = StoreSettings.h2(tmp.resolve("data"));
    List<String> committed = new ArrayList<>();
    long lastSeq = 0;
    int compactions = 0;
    for (int round = 0; round < ROUNDS; round++) {
      int killAfter = killAfterInRound.applyAsInt(round);
      Result r =
          runChildAndKill(
              settings.jdbcUrl(),
              "8988" + round,
              killAfter,
              compactEvery,
              tmp.resolve("child-" + round + ".err"));
      assertThat(r.iccids())
          .as("child %d reported commits (stderr in %s)", round, r.stderr())
          .hasSizeGreaterThanOrEqualTo(killAfter);
      committed.addAll(r.iccids());
      compactions += r.compactions();
      lastSeq = Math.max(lastSeq, r.lastSeq());

      try (Stores stores = Stores.open(settings)) {
        List<String> missing =
            committed.stream().filter(i -> stores.sims().find(i).isEmpty()).toList();
        assertThat(missing).as("round %d: committed SIMs lost after kill -9", round).isEmpty();
        VerifyResult audit = stores.audit().verify();
        assertThat(audit.ok()).as(audit.toString()).isTrue();
        assertThat(audit.lastSeq()).isGreaterThanOrEqualTo(lastSeq);
      }
    }
    if (compactEvery > 0) {
      // The scenario is real only if passes ran (each round, one right before the kill).
      assertThat(compactions)
          .as("compaction passes the children completed")
          .isGreaterThanOrEqualTo(ROUNDS);
    }
  }

  private record Result(List<String> iccids, long lastSeq, int compactions, Path stderr) {}

  private static Result runChildAndKill(
      String url, String prefix, int killAfter, int compactEvery, Path stderr)
      throws IOException, InterruptedException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityChild.class.getName(),
                url,
                prefix,
                Integer.toString(compactEvery))
            .redirectError(stderr.toFile())
            .start();
    // Watchdog: a child that never reports must not hang the build.
    CompletableFuture.delayedExecutor(90, TimeUnit.SECONDS).execute(child::destroyForcibly);
    List<String> iccids = new ArrayList<>();
    long lastSeq = 0;
    int compactions = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.equals("COMPACTED")) {
          compactions++;
        }
        if (!line.startsWith("COMMITTED ")) {
          continue;
        }
        String[] parts = line.split(" ");
        iccids.add(parts[1]);
        lastSeq = Long.parseLong(parts[2]);
        if (iccids.size() == killAfter) {
          // SIGKILL: no shutdown hooks, no H2 close. Through the ProcessHandle, because
          // Process.destroyForcibly() also closes our end of the pipe, and the lines
          // already in it were committed before the kill and must be checked too.
          child.toHandle().destroyForcibly();
          child.waitFor();
        }
        // Keep reading: lines already in the pipe were committed before the kill.
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    if (iccids.size() < killAfter && Files.exists(stderr)) {
      System.err.println(Files.readString(stderr));
    }
    return new Result(iccids, lastSeq, compactions, stderr);
  }
}
