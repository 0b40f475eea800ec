package io.simca.ca.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection pool, schema migration and jOOQ context of a server node.
 *
 * <p>{@link #open(StoreSettings)} starts a HikariCP pool, brings the schema up to date with Flyway
 * ({@code classpath:db/migration}, the same SQL for H2 and PostgreSQL) and builds a {@link
 * DSLContext} for the right dialect. Names are rendered unquoted and unqualified so that the
 * generated lower-case names resolve on H2 (which folds to upper case) and on PostgreSQL (which
 * folds to lower case and resolves through {@code currentSchema}/{@code search_path}).
 *
 * <p><b>Blocking:</b> every method here and in the stores does blocking JDBC. Call them from a
 * worker pool or a virtual thread, never from a Vert.x event loop.
 *
 * <p>Connection failures (pool timeout, refused or lost connection) surface as {@link
 * StoreUnavailableException}, which the server maps to 503 + Retry-After.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** How long one compaction pass asks H2 to spend (it can overrun: see {@link H2Compactor}). */
  private static final int H2_COMPACT_MAX_MILLIS = 100;

  private final StoreSettings settings;
  private final HikariDataSource dataSource;
  private final DSLContext dsl;
  private final Optional<H2Compactor> compactor;

  private Database(StoreSettings settings, HikariDataSource dataSource) {
    this.settings = settings;
    this.dataSource = dataSource;
    DefaultConfiguration configuration = new DefaultConfiguration();
    configuration.set(settings.isPostgres() ? SQLDialect.POSTGRES : SQLDialect.H2);
    configuration.set(
        new Settings()
            .withRenderQuotedNames(RenderQuotedNames.NEVER)
            .withRenderSchema(false)
            .withRenderCatalog(false)
            .withExecuteLogging(false));
    configuration.set(new PoolConnectionProvider(dataSource));
    configuration.set(new UnavailableTranslator());
    this.dsl = DSL.using(configuration);
    this.compactor =
        settings.isPostgres() || settings.h2CompactInterval().isZero()
            ? Optional.empty()
            : H2Compactor.start(dataSource, settings.h2CompactInterval(), H2_COMPACT_MAX_MILLIS);
  }

  /**
   * Opens the pool and migrates the schema.
   *
   * @throws StoreUnavailableException if the database cannot be reached within the connection
   *     timeout
   * @throws IllegalStateException if the migration fails (a broken or foreign schema)
   */
  public static Database open(StoreSettings settings) {
    Objects.requireNonNull(settings, "settings");
    HikariConfig config = new HikariConfig();
    config.setPoolName("simca-store");
    config.setJdbcUrl(settings.jdbcUrl());
    if (settings.user() != null) {
      config.setUsername(settings.user());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(Math.min(2, settings.poolSize()));
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    // Fail fast at start: a node without its store must not come up healthy.
    config.setInitializationFailTimeout(settings.connectionTimeout().toMillis());
    config.setAutoCommit(true);
    if (settings.isPostgres()) {
      // Lets the JDBC driver send batched inserts (SIM import) as multi-row statements.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw new StoreUnavailableException("store unreachable: " + settings.redactedUrl(), e);
    }
    try {
      // Flyway gets its own (unpooled) connections: it holds two at once, which a pool of
      // one could never give it.
      MigrateResult result =
          Flyway.configure()
              .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
              .locations("classpath:db/migration")
              .load()
              .migrate();
      settings.h2FileBase().ifPresent(H2Files::restrict);
      LOG.info(
          "store open: {} (schema version {}, {} migration(s) applied now)",
          settings.redactedUrl(),
          result.targetSchemaVersion,
          result.migrationsExecuted);
    } catch (FlywayException | DataAccessException e) {
      dataSource.close();
      if (isConnectionProblem(e)) {
        throw new StoreUnavailableException(
            "store unreachable during migration: " + settings.redactedUrl(), e);
      }
      throw new IllegalStateException("store migration failed: " + settings.redactedUrl(), e);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(settings, dataSource);
  }

  /** The jOOQ context; each statement borrows a pooled connection in auto-commit mode. */
  public DSLContext dsl() {
    return dsl;
  }

  public StoreSettings settings() {
    return settings;
  }

  public boolean isPostgres() {
    return settings.isPostgres();
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws
   * (the exception is rethrown unchanged, or as {@link StoreUnavailableException} for a connection
   * failure).
   */
  public <T> T inTransaction(Function<DSLContext, T> work) {
    try {
      return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
    } catch (DataAccessException e) {
      throw translate(e);
    }
  }

  /** {@link #inTransaction(Function)} without a result. */
  public void inTransactionRun(Consumer<DSLContext> work) {
    inTransaction(
        ctx -> {
          work.accept(ctx);
          return null;
        });
  }

  /** True when a pooled connection answers within two seconds; for {@code /health}. */
  public boolean ping() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("store ping failed", e);
      return false;
    }
  }

  /** Size of the embedded H2 file in bytes; empty for PostgreSQL and in-memory H2. */
  public OptionalLong h2FileBytes() {
    return compactor.map(c -> OptionalLong.of(c.fileBytes())).orElse(OptionalLong.empty());
  }

  /**
   * One compaction pass of the embedded H2 file now, if it is sparse; false for PostgreSQL.
   * Blocking.
   */
  boolean compactNow() {
    return compactor.map(H2Compactor::compactIfSparse).orElse(false);
  }

  public PoolStats poolStats() {
    HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
    if (pool == null) {
      return new PoolStats(0, 0, 0, 0, settings.poolSize());
    }
    return new PoolStats(
        pool.getActiveConnections(),
        pool.getIdleConnections(),
        pool.getTotalConnections(),
        pool.getThreadsAwaitingConnection(),
        settings.poolSize());
  }

  /** Closes the pool; for H2 this closes the database file cleanly. Idempotent. */
  @Override
  public void close() {
    if (!dataSource.isClosed()) {
      compactor.ifPresent(H2Compactor::close);
      dataSource.close();
      LOG.info("store closed: {}", settings.redactedUrl());
    }
  }

  /** Maps a connection failure to {@link StoreUnavailableException}; other errors unchanged. */
  static RuntimeException translate(RuntimeException e) {
    if (e instanceof StoreUnavailableException) {
      return e;
    }
    if (isConnectionProblem(e)) {
      return new StoreUnavailableException("store unavailable: " + e.getMessage(), e);
    }
    return e;
  }

  /**
   * True if the chain of causes shows a lost or unobtainable connection (SQLState class 08, 57P).
   */
  static boolean isConnectionProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StoreUnavailableException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08: connection exception (SQL standard); 57P01..03: PostgreSQL admin shutdown,
        // crash shutdown, cannot connect now.
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** True if the chain of causes holds a unique or primary key violation (SQLState 23505). */
  static boolean isUniqueViolation(Throwable e) {
    return hasSqlState(e, "23505");
  }

  /** True if an SQLException in the chain of causes (or of next exceptions) has this SQLState. */
  static boolean hasSqlState(Throwable e, String sqlState) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        // A failed JDBC batch chains the statement's error as "next exception", not cause.
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          if (sqlState.equals(next.getSQLState())) {
            return true;
          }
          if (next.getNextException() == next) {
            break;
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Borrows from Hikari and turns a failed borrow into {@link StoreUnavailableException}. */
  private static final class PoolConnectionProvider implements ConnectionProvider {
    private final HikariDataSource dataSource;

    PoolConnectionProvider(HikariDataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override
    public Connection acquire() {
      try {
        return dataSource.getConnection();
      } catch (SQLException e) {
        throw new StoreUnavailableException("no store connection: " + e.getMessage(), e);
      }
    }

    @Override
    public void release(Connection connection) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing a pooled connection failed", e);
      }
    }
  }

  /** Replaces jOOQ's exception by {@link StoreUnavailableException} when the connection broke. */
  private static final class UnavailableTranslator implements ExecuteListener {
    @Override
    public void exception(ExecuteContext ctx) {
      RuntimeException e = ctx.exception();
      if (e != null
          && !(e instanceof StoreUnavailableException)
          && (isConnectionProblem(e) || isConnectionProblem(ctx.sqlException()))) {
        ctx.exception(new StoreUnavailableException("store unavailable: " + e.getMessage(), e));
      }
    }
  }
}
