package io.simca.ca.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file must not grow with every commit: with {@code WRITE_DELAY=0} H2 runs no
 * background compaction, so without {@link H2Compactor} a few thousand small commits leave hundreds
 * of MB of mostly dead chunks behind.
 */
class H2CompactorTest {

  private static final int ROWS = 4000;

  @TempDir Path dir;

  @Test
  void compactionReclaimsDeadChunksAndKeepsEveryRow() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("simca") + StoreSettings.H2_OPTIONS);
    ds.setUser("sa");
    Path file = dir.resolve("simca.mv.db");
    byte[] expected;
    // The held connection keeps the database open, as the server's pool does.
    try (Connection held = ds.getConnection();
        Statement st = held.createStatement()) {
      st.execute("create table t(id binary(16) primary key, body varbinary(1000))");
      expected = insertOneRowPerCommit(held);
      long before = Files.size(file);
      assertThat(before).as("the problem this guards against").isGreaterThan(40L << 20);

      // An hour-long interval: the test drives the passes itself.
      try (H2Compactor compactor = H2Compactor.start(ds, Duration.ofHours(1), 100).orElseThrow()) {
        for (int pass = 0; pass < 20 && compactor.compactIfSparse(); pass++) {
          // each pass is bounded in time; repeat until the chunks are mostly live
        }
      }
      long after = Files.size(file);
      assertThat(after)
          .as("file after compaction (before: %d MB)", before >> 20)
          .isLessThan(before / 3);
      assertThat(digest(held)).isEqualTo(expected);
    }
    // Closed and reopened: the compacted file is a sound database with every row.
    try (Connection again = ds.getConnection()) {
      assertThat(digest(again)).isEqualTo(expected);
    }
  }

  @Test
  void inMemoryDatabasesHaveNothingToCompact() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:compactor;DB_CLOSE_DELAY=-1");
    assertThat(H2Compactor.start(ds, Duration.ofHours(1), 100)).isEmpty();
  }

  /** ROWS commits of one random-keyed row each; returns the digest of the table's content. */
  private static byte[] insertOneRowPerCommit(Connection c) throws Exception {
    Random random = new Random(7);
    try (PreparedStatement insert = c.prepareStatement("insert into t values (?, ?)")) {
      for (int i = 0; i < ROWS; i++) {
        byte[] id = new byte[16];
        byte[] body = new byte[700];
        random.nextBytes(id);
        random.nextBytes(body);
        insert.setBytes(1, id);
        insert.setBytes(2, body);
        insert.executeUpdate(); // auto-commit: one chunk per row
      }
    }
    return digest(c);
  }

  private static byte[] digest(Connection c) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    int rows = 0;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select id, body from t order by id")) {
      while (rs.next()) {
        md.update(rs.getBytes(1));
        md.update(rs.getBytes(2));
        rows++;
      }
    }
    assertThat(rows).isEqualTo(ROWS);
    return md.digest();
  }
}
