package io.simca.ca.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims the embedded H2 file's dead space while the node runs.
 *
 * <p>Why: durability across {@code kill -9} needs {@code WRITE_DELAY=0} (see {@link
 * StoreSettings}), and with a zero delay H2 never starts the MVStore background thread, which is
 * also the only thing that rewrites sparse chunks. Every commit writes a new chunk of copied B-tree
 * pages, so without it the file grew by ~40-70 KB per enrolment and never shrank (910 MB after
 * 18,000 enrolments; 1.5 GB for 40,000 rows of 750 bytes in a bare H2 test, chunks 2 % live).
 *
 * <p>Every {@code interval} this runs {@link MVStore#compactFile(int)} when chunks are less than
 * half live (it rewrites their live pages, syncing the file before it overwrites anything), and
 * moves up to 16 MB of chunks from the end of the file into free holes when the file is less than
 * half used, so the file shrinks again: the bare test stayed under 250 MB for 100,000 rows at the
 * same speed, and an 885 MB file of a live node went back to 56 MB within its first passes. A pass
 * holds commits (0.1-0.4 s typically; up to 1.8 s with both cores saturated); passes over 0.5 s are
 * logged at INFO.
 *
 * <p>{@code compactFile} leaves the store's retention time at zero (overwrite freed chunks at
 * once); it is put back afterwards, so a freed chunk is still kept for H2's default 45 s against an
 * OS crash between writes.
 *
 * <p>H2 offers no SQL for an online compaction, so this reaches the {@link MVStore} through H2's
 * public engine classes; if a future H2 moves them, the compactor logs once and stays off (the
 * store keeps working, only bigger).
 */
final class H2Compactor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(H2Compactor.class);

  /**
   * Compact when less than this share (percent) of the chunks' bytes, or of the file, is in use.
   */
  static final int LIVE_PERCENT_THRESHOLD = 50;

  /**
   * Bytes of chunks moved per pass: H2's own figure in {@code FileStore.compactStore}. Smaller (4
   * MB) moved nothing here when the tail chunk was larger; 16 MB held commits 70-180 ms per pass.
   */
  private static final long MOVE_BYTES_PER_PASS = 16L << 20;

  private static final long SLOW_PASS_MILLIS = 500;

  private final MVStore store;
  private final int maxCompactMillis;
  private final ScheduledExecutorService timer;

  private H2Compactor(MVStore store, Duration interval, int maxCompactMillis) {
    this.store = store;
    this.maxCompactMillis = maxCompactMillis;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "simca-h2-compact");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        this::compactIfSparse, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Starts compacting the file behind {@code dataSource}; empty for an in-memory or foreign store.
   */
  static Optional<H2Compactor> start(
      DataSource dataSource, Duration interval, int maxCompactMillis) {
    return fileStoreOf(dataSource).map(store -> new H2Compactor(store, interval, maxCompactMillis));
  }

  /**
   * One pass; also what the timer runs. Returns true if it compacted. Blocks commits while it runs.
   */
  boolean compactIfSparse() {
    try {
      FileStore<?> file = store.getFileStore();
      if (store.isClosed() || file == null) {
        return false;
      }
      boolean sparseChunks = file.getChunksFillRate() < LIVE_PERCENT_THRESHOLD;
      boolean sparseFile = file.getFillRate() < LIVE_PERCENT_THRESHOLD;
      if (!sparseChunks && !sparseFile) {
        return false;
      }
      long before = file.size();
      // Both steps fsync under the store lock before they overwrite anything; flush the dirty
      // pages of the plain commits first, outside the lock, so those syncs have less to write.
      store.sync();
      long start = System.nanoTime();
      boolean worked = false;
      if (sparseChunks) {
        // Sparse chunks: rewrite their live pages so whole chunks die and their space frees.
        int retention = store.getRetentionTime();
        try {
          store.compactFile(maxCompactMillis);
        } finally {
          store.setRetentionTime(retention);
        }
        worked = true;
      }
      if (sparseFile && file instanceof RandomAccessStore movable) {
        // Free holes: move chunks from the end into them so the file can be truncated.
        movable.compactMoveChunks(LIVE_PERCENT_THRESHOLD, MOVE_BYTES_PER_PASS, store);
        worked = true;
      }
      if (worked) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Commits wait while a pass runs: a long one is worth an operator's attention.
        if (millis > SLOW_PASS_MILLIS) {
          LOG.info(
              "H2 file compaction held commits for {} ms: {} -> {} MB, chunks {}% live, file {}% used",
              millis,
              before >> 20,
              file.size() >> 20,
              file.getChunksFillRate(),
              file.getFillRate());
        } else {
          LOG.debug(
              "H2 file compacted in {} ms: {} -> {} MB, chunks {}% live, file {}% used",
              millis,
              before >> 20,
              file.size() >> 20,
              file.getChunksFillRate(),
              file.getFillRate());
        }
      }
      return worked;
    } catch (RuntimeException e) {
      // Never let housekeeping take the store down: the next pass tries again.
      LOG.warn("H2 compaction failed: {}", e.toString());
      return false;
    }
  }

  /** Size of the database file now, in bytes (0 once closed). */
  long fileBytes() {
    FileStore<?> file = store.getFileStore();
    return store.isClosed() || file == null ? 0 : file.size();
  }

  static Optional<MVStore> fileStoreOf(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      if (!c.isWrapperFor(JdbcConnection.class)) {
        return Optional.empty();
      }
      if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
        return Optional.empty(); // a remote (tcp:) H2 compacts in its own process
      }
      MVStore store = session.getDatabase().getStore().getMvStore();
      return store.getFileStore() == null ? Optional.empty() : Optional.of(store);
    } catch (SQLException | RuntimeException | LinkageError e) {
      LOG.warn(
          "H2 compaction unavailable ({}); the database file will not be compacted while running",
          e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
