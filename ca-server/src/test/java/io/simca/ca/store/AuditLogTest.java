package io.simca.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

class AuditLogTest extends StoreTestBase {

  private static final String TOKEN_HASH = "ab".repeat(32);

  private static AuditEntry enroll(int n, AuditOutcome outcome) {
    return AuditEntry.builder("enroll", "device", outcome)
        .iccid(String.format("89882110%011d", n))
        .imei("490154203237518")
        .serial(BigInteger.valueOf(1000 + n))
        .attester("attester-1")
        .jti("jti-" + n)
        .tokenSha256(TOKEN_HASH)
        .clientAddr("10.0.0." + n)
        .policy("default")
        .reason(outcome == AuditOutcome.DENY ? "imei_mismatch" : null)
        .detail("enrolment " + n + " \u2713")
        .build();
  }

  private void appendEnrolments(int count) {
    for (int i = 1; i <= count; i++) {
      clock.advance(Duration.ofMillis(1));
      stores.audit().append(enroll(i, i % 4 == 0 ? AuditOutcome.DENY : AuditOutcome.ALLOW));
    }
  }

  /** Tampering the way an attacker with SQL access would: plain JDBC, no store code. */
  private void tamper(String sql, Object... params) throws SQLException {
    StoreSettings s = target.settings();
    try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
    }
  }

  @Test
  void append_assignsSeqAndChainsHashes() {
    AuditEvent first = stores.audit().append(enroll(1, AuditOutcome.ALLOW));
    AuditEvent second = stores.audit().append(enroll(2, AuditOutcome.DENY));

    assertThat(first.seq()).isEqualTo(1);
    assertThat(first.prevHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(first.at()).isEqualTo(T0);
    assertThat(second.seq()).isEqualTo(2);
    assertThat(second.prevHash()).isEqualTo(first.hash());
    assertThat(AuditChain.hash(second)).isEqualTo(second.hash());
    assertThat(stores.audit().list(AuditFilter.ALL, 0, 10)).containsExactly(first, second);
  }

  @Test
  void verify_intactChain_isOk() {
    appendEnrolments(25);
    stores
        .audit()
        .appendAll(
            List.of(
                AuditEntry.builder("sim_revoke", "CN=operator", AuditOutcome.OK)
                    .iccid("8988211000000000001")
                    .build(),
                AuditEntry.builder("crl_publish", "system", AuditOutcome.OK).build()));

    VerifyResult result = stores.audit().verify();

    assertThat(result.ok()).as(result.toString()).isTrue();
    assertThat(result.checked()).isEqualTo(27);
    assertThat(result.lastSeq()).isEqualTo(27);
  }

  @Test
  void verify_emptyLog_isOk() {
    assertThat(stores.audit().verify().ok()).isTrue();
    assertThat(stores.audit().verify().checked()).isZero();
  }

  @Test
  void verify_detectsAlteredDetail() throws SQLException {
    appendEnrolments(10);

    tamper("UPDATE audit_event SET detail = ? WHERE seq = ?", "nothing to see here", 6L);

    VerifyResult result = stores.audit().verify();
    assertThat(result.ok()).isFalse();
    assertThat(result.firstBreak().orElseThrow().seq()).isEqualTo(6);
    assertThat(result.firstBreak().orElseThrow().problem())
        .isEqualTo(VerifyResult.Problem.CONTENT_ALTERED);
    assertThat(result.checked()).isEqualTo(5);
    assertThat(result.toString()).contains("seq 6");
  }

  @Test
  void verify_detectsAlteredOutcome() throws SQLException {
    appendEnrolments(8);

    tamper("UPDATE audit_event SET outcome = 'allow', reason = NULL WHERE seq = ?", 4L);

    VerifyResult.Break b = stores.audit().verify().firstBreak().orElseThrow();
    assertThat(b.seq()).isEqualTo(4);
    assertThat(b.problem()).isEqualTo(VerifyResult.Problem.CONTENT_ALTERED);
  }

  @Test
  void verify_detectsDeletedRow() throws SQLException {
    appendEnrolments(10);

    tamper("DELETE FROM audit_event WHERE seq = ?", 3L);

    VerifyResult.Break b = stores.audit().verify().firstBreak().orElseThrow();
    assertThat(b.seq()).isEqualTo(3);
    assertThat(b.problem()).isEqualTo(VerifyResult.Problem.SEQ_GAP);
    assertThat(b.detail()).contains("event 3 is missing");
  }

  @Test
  void verify_detectsDeletedTail() throws SQLException {
    appendEnrolments(10);

    tamper("DELETE FROM audit_event WHERE seq >= ?", 9L);

    VerifyResult.Break b = stores.audit().verify().firstBreak().orElseThrow();
    assertThat(b.seq()).isEqualTo(9);
    assertThat(b.problem()).isEqualTo(VerifyResult.Problem.HEAD_MISMATCH);
  }

  @Test
  void verify_detectsSwappedRows() throws SQLException {
    appendEnrolments(10);

    // Swap seq 4 and 7 through a free value, as one would to reorder history.
    tamper("UPDATE audit_event SET seq = ? WHERE seq = ?", -1L, 4L);
    tamper("UPDATE audit_event SET seq = ? WHERE seq = ?", 4L, 7L);
    tamper("UPDATE audit_event SET seq = ? WHERE seq = ?", 7L, -1L);

    VerifyResult.Break b = stores.audit().verify().firstBreak().orElseThrow();
    assertThat(b.seq()).isEqualTo(4);
    assertThat(b.problem()).isEqualTo(VerifyResult.Problem.BROKEN_LINK);
  }

  @Test
  void verify_detectsRowRehashedButNotRelinked() throws SQLException {
    appendEnrolments(6);
    AuditEvent e3 = stores.audit().list(AuditFilter.ALL, 2, 1).get(0);
    AuditEvent forged =
        new AuditEvent(
            e3.seq(),
            e3.at(),
            e3.eventType(),
            e3.actor(),
            e3.outcome(),
            e3.reason(),
            e3.iccid(),
            e3.imei(),
            e3.serial(),
            e3.attester(),
            e3.jti(),
            e3.tokenSha256(),
            e3.clientAddr(),
            e3.policy(),
            "forged",
            e3.prevHash(),
            null);

    tamper(
        "UPDATE audit_event SET detail = ?, hash = ? WHERE seq = 3",
        "forged",
        AuditChain.hash(forged));

    // Row 3 is self-consistent with its forged hash, but row 4 still links to the original.
    VerifyResult.Break b = stores.audit().verify().firstBreak().orElseThrow();
    assertThat(b.seq()).isEqualTo(4);
    assertThat(b.problem()).isEqualTo(VerifyResult.Problem.BROKEN_LINK);
  }

  @Test
  void list_filtersAndPagesBySeq() {
    appendEnrolments(12);

    assertThat(stores.audit().list(AuditFilter.ALL.withOutcome(AuditOutcome.DENY), 0, 10))
        .extracting(AuditEvent::seq)
        .containsExactly(4L, 8L, 12L);
    assertThat(stores.audit().list(AuditFilter.ALL, 5, 3))
        .extracting(AuditEvent::seq)
        .containsExactly(6L, 7L, 8L);
    assertThat(stores.audit().list(AuditFilter.ALL.withIccid("8988211000000000002"), 0, 10))
        .extracting(AuditEvent::seq)
        .containsExactly(2L);
    assertThat(stores.audit().list(AuditFilter.ALL.withEventType("sim_revoke"), 0, 10)).isEmpty();
    assertThat(
            stores
                .audit()
                .list(
                    AuditFilter.ALL.withSince(T0.plusMillis(3)).withUntil(T0.plusMillis(5)), 0, 10))
        .extracting(AuditEvent::seq)
        .containsExactly(3L, 4L);
  }

  @Test
  void append_concurrentlyFromTwoNodes_keepsOneLinearChain() throws Exception {
    try (Stores node2 = Stores.open(target.settings(), clock)) {
      List<AuditLog> nodes = List.of(stores.audit(), node2.audit());
      int threads = 6;
      int perThread = 20;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          AuditLog node = nodes.get(t % 2);
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                      node.append(enroll(thread * 100 + i, AuditOutcome.ALLOW));
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
    VerifyResult result = stores.audit().verify();
    assertThat(result.ok()).as(result.toString()).isTrue();
    assertThat(result.lastSeq()).isEqualTo(120);
  }

  @Test
  void append_concurrently_eachCallerGetsItsOwnDurableEvent() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<AuditEvent>> events = new ArrayList<>();
      for (int t = 0; t < threads * 4; t++) {
        int n = t;
        events.add(
            pool.submit(
                () -> {
                  start.await();
                  return stores.audit().append(enroll(n, AuditOutcome.ALLOW));
                }));
      }
      start.countDown();
      List<Long> seqs = new ArrayList<>();
      for (int n = 0; n < events.size(); n++) {
        AuditEvent e = events.get(n).get();
        // Group commit hands each caller the event of its own entry, already stored.
        assertThat(e.iccid()).isEqualTo(String.format("89882110%011d", n));
        assertThat(stores.audit().list(AuditFilter.ALL, e.seq() - 1, 1)).containsExactly(e);
        seqs.add(e.seq());
      }
      assertThat(seqs).doesNotHaveDuplicates().hasSize(threads * 4);
    } finally {
      pool.shutdownNow();
    }
    assertThat(stores.audit().verify().ok()).isTrue();
  }

  @Test
  void groupCommit_aFailedTransaction_failsEveryCallerItCarried() {
    RuntimeException down = new StoreUnavailableException("store down", null);
    AuditLog failing =
        new GroupCommitAuditLog(
            new AtomicAuditLog() {
              @Override
              public AuditEvent append(AuditEntry entry) {
                throw down;
              }

              @Override
              public List<AuditEvent> appendAll(
                  List<AuditEntry> entries, List<Consumer<DSLContext>> alongside) {
                throw down;
              }

              @Override
              public List<AuditEvent> list(AuditFilter filter, long afterSeq, int limit) {
                return List.of();
              }

              @Override
              public VerifyResult verify() {
                throw down;
              }

              @Override
              public java.util.Optional<AuditEvent> newest() {
                throw down;
              }
            });

    assertThatThrownBy(() -> failing.append(enroll(1, AuditOutcome.ALLOW))).isSameAs(down);
  }

  @Test
  void entry_neverCarriesTokensOrKeys() {
    String jws = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiI4OTg4MjExIn0.c2lnbmF0dXJl";
    AuditEntry e =
        AuditEntry.builder("enroll", "device", AuditOutcome.DENY)
            .detail(
                "bad token "
                    + jws
                    + " and -----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----")
            .build();

    assertThat(e.detail())
        .doesNotContain("eyJhbGci")
        .doesNotContain("MIIB")
        .contains("[redacted JWS]")
        .contains("[redacted PEM]");
    assertThatThrownBy(
            () ->
                AuditEntry.builder("enroll", "device", AuditOutcome.DENY).tokenSha256(jws).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void entry_longDetail_isCutToTheColumn() {
    AuditEvent e =
        stores
            .audit()
            .append(
                AuditEntry.builder("enroll", "device", AuditOutcome.ERROR)
                    .detail("x".repeat(5000))
                    .build());

    assertThat(e.detail()).hasSize(AuditEntry.MAX_DETAIL);
    assertThat(stores.audit().verify().ok()).isTrue();
  }

  @Test
  void hash_encodingIsUnambiguous() {
    // Moving text between adjacent fields must change the hash (length prefixes), and null is not
    // "".
    AuditEntry a =
        AuditEntry.builder("enroll", "device", AuditOutcome.OK).reason("ab").iccid("c").build();
    AuditEntry b =
        AuditEntry.builder("enroll", "device", AuditOutcome.OK).reason("a").iccid("bc").build();
    AuditEntry c =
        AuditEntry.builder("enroll", "device", AuditOutcome.OK).reason("").iccid("c").build();
    AuditEntry d = AuditEntry.builder("enroll", "device", AuditOutcome.OK).iccid("c").build();
    List<String> hashes =
        List.of(a, b, c, d).stream()
            .map(
                e ->
                    AuditChain.hash(
                        new AuditEvent(
                            1,
                            T0,
                            e.eventType(),
                            e.actor(),
                            e.outcome(),
                            e.reason(),
                            e.iccid(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            AuditChain.GENESIS,
                            null)))
            .toList();
    assertThat(hashes).doesNotHaveDuplicates();
  }

  @Test
  void statementHelper_isPlainJdbc() throws SQLException {
    // Guard for the tamper helper itself: plain JDBC sees the rows the store wrote.
    appendEnrolments(2);
    StoreSettings s = target.settings();
    try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT count(*) FROM audit_event")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(2);
    }
  }
}
