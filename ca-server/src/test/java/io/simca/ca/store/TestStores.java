package io.simca.ca.store;

import io.simca.est.testing.Requirements;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Store targets for tests, reusable by other modules through ca-server's test-jar.
 *
 * <p>H2 always runs, as a file database in a JUnit temp dir (the production URL options, so
 * durability behaves as in production). PostgreSQL runs (otherwise the test reports itself skipped,
 * or fails under {@code SIMCA_REQUIRE_POSTGRES=1}) when the environment variable {@value
 * #POSTGRES_URL_ENV} holds a JDBC URL (e.g. {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); each target then gets its own fresh schema
 * ({@code simca_t_<random>}, via {@code currentSchema}), dropped on {@link StoreTarget#close()} (or
 * at JVM exit as a safety net), so parallel runs and a live server on the same database never
 * collide.
 *
 * <pre>{@code
 * @TempDir Path tmp;
 * try (StoreTarget target = TestStores.postgresOrSkip(); Stores stores = Stores.open(target.settings())) { ... }
 * }</pre>
 */
public final class TestStores {

  /** Environment variable with the PostgreSQL JDBC URL; unset = PostgreSQL tests skip (or fail). */
  public static final String POSTGRES_URL_ENV = "SIMCA_TEST_POSTGRES_URL";

  /** The two kinds of store every store test runs on. */
  public enum Kind {
    H2,
    POSTGRES
  }

  private static final Set<String> LIVE_SCHEMAS = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> List.copyOf(LIVE_SCHEMAS).forEach(TestStores::dropSchema),
                "simca-test-schema-cleanup"));
  }

  private TestStores() {}

  /** The PostgreSQL base URL from {@value #POSTGRES_URL_ENV}, if set. */
  public static Optional<String> postgresUrl() {
    String url = System.getenv(POSTGRES_URL_ENV);
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim());
  }

  /** An H2 file store in {@code dir} with the production URL options. */
  public static StoreTarget h2(Path dir) {
    return new StoreTarget("h2", StoreSettings.h2(dir).withPoolSize(4), () -> {});
  }

  /** A fresh PostgreSQL schema, if {@value #POSTGRES_URL_ENV} is set. */
  public static Optional<StoreTarget> postgres() {
    return postgresUrl().map(TestStores::freshSchema);
  }

  /**
   * A fresh PostgreSQL schema; without {@value #POSTGRES_URL_ENV} the calling test is skipped, or
   * fails when {@value Requirements#REQUIRE_POSTGRES_ENV}{@code =1} (CI), so the PostgreSQL half of
   * a suite can never silently not run.
   */
  public static StoreTarget postgresOrSkip() {
    Optional<StoreTarget> target = postgres();
    Requirements.met(
        target.isPresent(),
        Requirements.REQUIRE_POSTGRES_ENV,
        POSTGRES_URL_ENV + " is not set (PostgreSQL test)");
    return target.orElseThrow();
  }

  /** The target of a kind; a PostgreSQL one is {@link #postgresOrSkip()}. */
  public static StoreTarget target(Kind kind, Path h2Dir) {
    return kind == Kind.H2 ? h2(h2Dir) : postgresOrSkip();
  }

  private static StoreTarget freshSchema(String baseUrl) {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    String schema = "simca_t_" + HexFormat.of().formatHex(random);
    try (Connection c = DriverManager.getConnection(baseUrl)) {
      DSL.using(c, SQLDialect.POSTGRES).createSchema(DSL.name(schema)).execute();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test schema on " + baseUrl, e);
    }
    LIVE_SCHEMAS.add(schema);
    String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new StoreTarget(
        "postgres", StoreSettings.of(url).withPoolSize(4), () -> dropSchema(schema));
  }

  private static void dropSchema(String schema) {
    if (!LIVE_SCHEMAS.remove(schema)) {
      return;
    }
    postgresUrl()
        .ifPresent(
            url -> {
              try (Connection c = DriverManager.getConnection(url)) {
                DSL.using(c, SQLDialect.POSTGRES)
                    .dropSchemaIfExists(DSL.name(schema))
                    .cascade()
                    .execute();
              } catch (SQLException e) {
                System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
              }
            });
  }
}
