package io.simca.est.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code /usr/bin/openssl} as an external process, so tests check our encodings against an
 * independent parser rather than against Bouncy Castle reading its own output.
 */
public final class Openssl {

  public static final String OPENSSL = "/usr/bin/openssl";

  private Openssl() {}

  /** Skips the calling test without openssl (fails it under {@code SIMCA_REQUIRE_TOOLS=1}). */
  public static void require() {
    Requirements.tool(OPENSSL, "openssl");
  }

  /** Runs {@code openssl args...} with {@code stdin} as input. */
  public static Processes.Result run(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(OPENSSL);
    command.addAll(List.of(args));
    return Processes.run(null, command, stdin);
  }
}
