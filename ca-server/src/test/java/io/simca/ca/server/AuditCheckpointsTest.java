package io.simca.ca.server;

import static io.simca.ca.store.jooq.Tables.AUDIT_EVENT;
import static io.simca.ca.store.jooq.Tables.AUDIT_HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.audit.AuditCheckpoints;
import io.simca.ca.store.AuditChain;
import io.simca.ca.store.AuditEntry;
import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditOutcome;
import io.simca.ca.store.TestStores;
import io.simca.ca.store.VerifyResult;
import io.simca.ca.testing.TestServer;
import io.simca.ca.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keyless hash chain passes both attacks below; the signed checkpoint kept outside the database
 * catches them: the newest events deleted with the head moved back (truncation), and the whole
 * chain replaced by a consistent one (rewrite).
 */
class AuditCheckpointsTest {

  @TempDir Path tmp;

  static Stream<TestStores.Kind> kinds() {
    return TestServers.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void truncation_passesTheChain_butNotTheCheckpoint(TestStores.Kind kind) {
    try (TestServer node = TestServers.start(tmp, kind)) {
      CaServices services = node.server().services();
      for (int i = 0; i < 5; i++) {
        append(node, "event " + i);
      }
      AuditCheckpoints.Checkpoint cp = services.checkpointAudit().orElseThrow();
      assertThat(services.admin().audit().verify().ok()).isTrue();
      assertThat(Files.exists(node.dataDir().root().resolve("audit/checkpoints.jsonl"))).isTrue();

      // The attacker with database access: drop the two newest events, move the head back.
      var dsl = node.stores().db().dsl();
      dsl.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.gt(cp.seq() - 2)).execute();
      AuditEvent last = node.stores().audit().newest().orElseThrow();
      dsl.update(AUDIT_HEAD)
          .set(AUDIT_HEAD.LAST_SEQ, last.seq())
          .set(AUDIT_HEAD.LAST_HASH, last.hash())
          .execute();

      assertThat(node.stores().audit().verify().ok()).as("the keyless chain alone").isTrue();
      VerifyResult r = services.admin().audit().verify();
      assertThat(r.ok()).isFalse();
      assertThat(r.firstBreak().orElseThrow().problem())
          .isEqualTo(VerifyResult.Problem.BEHIND_CHECKPOINT);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aFullRewrite_passesTheChain_butNotTheCheckpoint(TestStores.Kind kind) {
    try (TestServer node = TestServers.start(tmp, kind)) {
      CaServices services = node.server().services();
      for (int i = 0; i < 3; i++) {
        append(node, "true event " + i);
      }
      AuditCheckpoints.Checkpoint cp = services.checkpointAudit().orElseThrow();

      // A consistent chain of other events, at least as long as the checkpointed one.
      var dsl = node.stores().db().dsl();
      dsl.deleteFrom(AUDIT_EVENT).execute();
      dsl.update(AUDIT_HEAD)
          .set(AUDIT_HEAD.LAST_SEQ, 0L)
          .set(AUDIT_HEAD.LAST_HASH, AuditChain.GENESIS)
          .execute();
      for (long i = 0; i <= cp.seq(); i++) {
        append(node, "forged event " + i);
      }

      assertThat(node.stores().audit().verify().ok()).as("the keyless chain alone").isTrue();
      VerifyResult r = services.admin().audit().verify();
      assertThat(r.firstBreak().orElseThrow().problem())
          .isEqualTo(VerifyResult.Problem.DIFFERS_FROM_CHECKPOINT);
    }
  }

  private static void append(TestServer node, String detail) {
    node.stores()
        .audit()
        .append(AuditEntry.builder("test", "system", AuditOutcome.OK).detail(detail).build());
  }
}
