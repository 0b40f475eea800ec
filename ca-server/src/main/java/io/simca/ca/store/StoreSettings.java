package io.simca.ca.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the store lives and how big its connection pool is.
 *
 * <p>The default deployment is an embedded H2 file in the data directory ({@link #h2(Path)});
 * several server nodes share one PostgreSQL database instead ({@link #of(String, String, String)}).
 *
 * @param jdbcUrl JDBC URL, {@code jdbc:h2:...} or {@code jdbc:postgresql:...}
 * @param user database user, may be null (H2 then uses {@code sa})
 * @param password database password, may be null; never logged
 * @param poolSize maximum number of pooled connections (at least 1)
 * @param connectionTimeout how long a caller waits for a connection before {@link
 *     StoreUnavailableException}
 */
public record StoreSettings(
    String jdbcUrl,
    String user,
    String password,
    int poolSize,
    Duration connectionTimeout,
    Duration h2CompactInterval) {

  /** Pool size used by the factories: enough for the worker pool of a small node. */
  public static final int DEFAULT_POOL_SIZE = 10;

  /**
   * How often an embedded H2 file is checked for dead space ({@link H2Compactor}); zero turns it
   * off.
   */
  public static final Duration DEFAULT_H2_COMPACT_INTERVAL = Duration.ofSeconds(5);

  /** Connection wait used by the factories; the server answers 503 + Retry-After after that. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  /**
   * H2 URL options, each on purpose:
   *
   * <ul>
   *   <li>{@code WRITE_DELAY=0}: H2 2.x maps WRITE_DELAY to the MVStore auto-commit delay ({@code
   *       Constants.DEFAULT_WRITE_DELAY} = 500 ms in 2.5.252). With a delay, a commit only marks
   *       the transaction committed in memory and the background writer saves it later, so {@code
   *       kill -9} loses the last half second of commits. With 0, {@code
   *       TransactionStore.endTransaction} calls {@code MVStore.commit()} before the JDBC commit
   *       returns, i.e. the chunk is written to the file (the OS page cache) synchronously. That
   *       survives a process crash ({@code DurabilityTest} proves it with SIGKILL). It does not
   *       fsync per commit, so an OS crash or power cut can still lose the last commits:
   *       deployments that need that use PostgreSQL. See
   *       https://h2database.com/html/grammar.html#set_write_delay and h2database issue #1259 /
   *       #2599.
   *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would close the database while the
   *       server's shutdown hook still drains requests; {@link Database#close()} closes it. See
   *       https://h2database.com/html/features.html#closing_a_database.
   *   <li>{@code LOCK_TIMEOUT=10000}: audit appends serialise on one row lock ({@code audit_head});
   *       H2's default ({@code Constants.INITIAL_LOCK_TIMEOUT}, 2 s) is short under load.
   *   <li>{@code QUERY_CACHE_SIZE=64}: parsed statements cached per connection. An enrolment runs
   *       about a dozen distinct statements; with H2's default of 8 every one of them was parsed
   *       again on each request (a third of the store's CPU in a profile of scripts/bench-enroll).
   * </ul>
   */
  public static final String H2_OPTIONS =
      ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64";

  public StoreSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "store URL must be jdbc:h2:... or jdbc:postgresql:...: " + redact(jdbcUrl));
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
    }
    if (connectionTimeout.toMillis() < 250) {
      throw new IllegalArgumentException(
          "connectionTimeout must be at least 250 ms: " + connectionTimeout);
    }
    Objects.requireNonNull(h2CompactInterval, "h2CompactInterval");
    if (h2CompactInterval.isNegative()
        || (!h2CompactInterval.isZero() && h2CompactInterval.toMillis() < 100)) {
      throw new IllegalArgumentException(
          "h2CompactInterval must be 0 (off) or at least 100 ms: " + h2CompactInterval);
    }
  }

  /** The embedded store: {@code <dataDir>/simca.mv.db}, durable across {@code kill -9}. */
  public static StoreSettings h2(Path dataDir) {
    String base = dataDir.toAbsolutePath().normalize().resolve("simca").toString();
    return new StoreSettings(
        "jdbc:h2:file:" + base + H2_OPTIONS,
        "sa",
        "",
        DEFAULT_POOL_SIZE,
        DEFAULT_CONNECTION_TIMEOUT,
        DEFAULT_H2_COMPACT_INTERVAL);
  }

  /** Any supported URL with the default pool; credentials may also be in the URL. */
  public static StoreSettings of(String url, String user, String password) {
    return new StoreSettings(
        url,
        user,
        password,
        DEFAULT_POOL_SIZE,
        DEFAULT_CONNECTION_TIMEOUT,
        DEFAULT_H2_COMPACT_INTERVAL);
  }

  /** Any supported URL, credentials in the URL or not needed. */
  public static StoreSettings of(String url) {
    return of(url, null, null);
  }

  public StoreSettings withPoolSize(int size) {
    return new StoreSettings(jdbcUrl, user, password, size, connectionTimeout, h2CompactInterval);
  }

  public StoreSettings withConnectionTimeout(Duration timeout) {
    return new StoreSettings(jdbcUrl, user, password, poolSize, timeout, h2CompactInterval);
  }

  public StoreSettings withH2CompactInterval(Duration interval) {
    return new StoreSettings(jdbcUrl, user, password, poolSize, connectionTimeout, interval);
  }

  /**
   * The file an embedded H2 store lives in ({@code <base>.mv.db}'s base path), for {@code
   * jdbc:h2:file:} URLs; empty for PostgreSQL and in-memory H2.
   */
  public java.util.Optional<Path> h2FileBase() {
    String prefix = "jdbc:h2:file:";
    if (!jdbcUrl.startsWith(prefix)) {
      return java.util.Optional.empty();
    }
    String rest = jdbcUrl.substring(prefix.length());
    int semi = rest.indexOf(';');
    return java.util.Optional.of(Path.of(semi < 0 ? rest : rest.substring(0, semi)));
  }

  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  /** The URL without a {@code password=} parameter, for logs and messages. */
  public String redactedUrl() {
    return redact(jdbcUrl);
  }

  @Override
  public String toString() {
    return "StoreSettings["
        + redactedUrl()
        + ", user="
        + user
        + ", poolSize="
        + poolSize
        + ", connectionTimeout="
        + connectionTimeout
        + "]";
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
