package io.simca.est.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the JVM (a Debian tool, a PostgreSQL database): when it is missing
 * the test is skipped on a developer's machine, but fails where the environment says everything
 * must run ({@value #REQUIRE_TOOLS_ENV}{@code =1}, {@value #REQUIRE_POSTGRES_ENV}{@code =1}, set by
 * {@code .ci/run}), so CI cannot go green by skipping what it claims to test.
 */
public final class Requirements {

  /** Set to {@code 1}: a missing external tool fails the test instead of skipping it. */
  public static final String REQUIRE_TOOLS_ENV = "SIMCA_REQUIRE_TOOLS";

  /** Set to {@code 1}: a PostgreSQL test without a database fails instead of skipping. */
  public static final String REQUIRE_POSTGRES_ENV = "SIMCA_REQUIRE_POSTGRES";

  private Requirements() {}

  /** Skips (or, under {@value #REQUIRE_TOOLS_ENV}, fails) unless {@code tool} is on the PATH. */
  public static void tool(String tool, String debianPackage) {
    met(
        Processes.available(tool),
        REQUIRE_TOOLS_ENV,
        tool + " (Debian package " + debianPackage + ") is not installed");
  }

  /**
   * Returns when {@code present}; otherwise skips the calling test, or fails it when the
   * environment variable {@code requireEnv} is {@code 1}.
   */
  public static void met(boolean present, String requireEnv, String missing) {
    if (present) {
      return;
    }
    if ("1".equals(System.getenv(requireEnv))) {
      throw new AssertionError(missing + ", and " + requireEnv + "=1 forbids skipping this test");
    }
    Assumptions.abort(missing + ": test skipped (set " + requireEnv + "=1 to make this fail)");
  }
}
