package io.simca.ca.store;

import static io.simca.ca.store.jooq.Tables.AUDIT_EVENT;
import static io.simca.ca.store.jooq.Tables.AUDIT_HEAD;

import io.simca.ca.store.jooq.tables.records.AuditEventRecord;
import io.simca.ca.store.jooq.tables.records.AuditHeadRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link AuditLog} on jOOQ. */
final class JooqAuditLog implements AtomicAuditLog {

  private static final int HEAD_ID = 1;

  private final Database db;
  private final Clock clock;

  JooqAuditLog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public AuditEvent append(AuditEntry entry) {
    return appendAll(List.of(entry)).get(0);
  }

  @Override
  public List<AuditEvent> appendAll(
      List<AuditEntry> entries, List<Consumer<DSLContext>> alongside) {
    if (entries.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    return db.inTransaction(
        ctx -> {
          alongside.forEach(write -> write.accept(ctx));
          // The row lock on the head serialises appenders on every node until commit.
          AuditHeadRecord head =
              ctx.selectFrom(AUDIT_HEAD).where(AUDIT_HEAD.ID.eq(HEAD_ID)).forUpdate().fetchSingle();
          long seq = head.getLastSeq();
          String prev = head.getLastHash();
          List<AuditEvent> events = new ArrayList<>(entries.size());
          for (AuditEntry entry : entries) {
            seq++;
            Instant at = Values.micros(entry.at() == null ? now : entry.at());
            AuditEvent unhashed =
                new AuditEvent(
                    seq,
                    at,
                    entry.eventType(),
                    entry.actor(),
                    entry.outcome(),
                    entry.reason(),
                    entry.iccid(),
                    entry.imei(),
                    entry.serial(),
                    entry.attester(),
                    entry.jti(),
                    entry.tokenSha256(),
                    entry.clientAddr(),
                    entry.policy(),
                    entry.detail(),
                    prev,
                    null);
            String hash = AuditChain.hash(unhashed);
            events.add(
                new AuditEvent(
                    seq,
                    at,
                    entry.eventType(),
                    entry.actor(),
                    entry.outcome(),
                    entry.reason(),
                    entry.iccid(),
                    entry.imei(),
                    entry.serial(),
                    entry.attester(),
                    entry.jti(),
                    entry.tokenSha256(),
                    entry.clientAddr(),
                    entry.policy(),
                    entry.detail(),
                    prev,
                    hash));
            prev = hash;
          }
          insert(ctx, events);
          int moved =
              ctx.update(AUDIT_HEAD)
                  .set(AUDIT_HEAD.LAST_SEQ, seq)
                  .set(AUDIT_HEAD.LAST_HASH, prev)
                  .where(AUDIT_HEAD.ID.eq(HEAD_ID).and(AUDIT_HEAD.LAST_SEQ.eq(head.getLastSeq())))
                  .execute();
          if (moved != 1) {
            throw new IllegalStateException("audit head moved while locked");
          }
          return List.copyOf(events);
        });
  }

  private static void insert(DSLContext ctx, List<AuditEvent> events) {
    var insert =
        ctx.insertInto(
            AUDIT_EVENT,
            AUDIT_EVENT.SEQ,
            AUDIT_EVENT.AT,
            AUDIT_EVENT.EVENT_TYPE,
            AUDIT_EVENT.ACTOR,
            AUDIT_EVENT.OUTCOME,
            AUDIT_EVENT.REASON,
            AUDIT_EVENT.ICCID,
            AUDIT_EVENT.IMEI,
            AUDIT_EVENT.SERIAL,
            AUDIT_EVENT.ATTESTER,
            AUDIT_EVENT.JTI,
            AUDIT_EVENT.TOKEN_SHA256,
            AUDIT_EVENT.CLIENT_ADDR,
            AUDIT_EVENT.POLICY,
            AUDIT_EVENT.DETAIL,
            AUDIT_EVENT.PREV_HASH,
            AUDIT_EVENT.HASH);
    for (AuditEvent e : events) {
      insert =
          insert.values(
              DSL.row(
                  e.seq(),
                  Values.ts(e.at()),
                  e.eventType(),
                  e.actor(),
                  Values.lower(e.outcome()),
                  e.reason(),
                  e.iccid(),
                  e.imei(),
                  Values.serialHex(e.serial()),
                  e.attester(),
                  e.jti(),
                  e.tokenSha256(),
                  e.clientAddr(),
                  e.policy(),
                  e.detail(),
                  e.prevHash(),
                  e.hash()));
    }
    insert.execute();
  }

  @Override
  public List<AuditEvent> list(AuditFilter filter, long afterSeq, int limit) {
    Condition c = AUDIT_EVENT.SEQ.gt(afterSeq);
    if (filter.eventType() != null) {
      c = c.and(AUDIT_EVENT.EVENT_TYPE.eq(filter.eventType()));
    }
    if (filter.iccid() != null) {
      c = c.and(AUDIT_EVENT.ICCID.eq(filter.iccid()));
    }
    if (filter.outcome() != null) {
      c = c.and(AUDIT_EVENT.OUTCOME.eq(Values.lower(filter.outcome())));
    }
    if (filter.since() != null) {
      c = c.and(AUDIT_EVENT.AT.ge(Values.ts(filter.since())));
    }
    if (filter.until() != null) {
      c = c.and(AUDIT_EVENT.AT.lt(Values.ts(filter.until())));
    }
    return db.dsl()
        .selectFrom(AUDIT_EVENT)
        .where(c)
        .orderBy(AUDIT_EVENT.SEQ)
        .limit(limit)
        .fetch(JooqAuditLog::event);
  }

  @Override
  public VerifyResult verify() {
    return db.inTransaction(
        ctx -> {
          // Read the head first and verify up to it: appends committed meanwhile have higher seq.
          AuditHeadRecord head =
              ctx.selectFrom(AUDIT_HEAD).where(AUDIT_HEAD.ID.eq(HEAD_ID)).fetchSingle();
          long headSeq = head.getLastSeq();
          long expectedSeq = 1;
          String expectedPrev = AuditChain.GENESIS;
          long checked = 0;
          try (Cursor<AuditEventRecord> cursor =
              ctx.selectFrom(AUDIT_EVENT)
                  .where(AUDIT_EVENT.SEQ.le(headSeq))
                  .orderBy(AUDIT_EVENT.SEQ)
                  .fetchSize(JooqOcspResponseStore.FETCH_SIZE)
                  .fetchLazy()) {
            for (AuditEventRecord e : cursor) {
              if (e.getSeq() != expectedSeq) {
                return broken(
                    checked,
                    headSeq,
                    expectedSeq,
                    VerifyResult.Problem.SEQ_GAP,
                    "event "
                        + expectedSeq
                        + (e.getSeq() == expectedSeq + 1
                            ? " is"
                            : " to " + (e.getSeq() - 1) + " are")
                        + " missing; the next stored event is "
                        + e.getSeq());
              }
              if (!expectedPrev.equals(e.getPrevHash())) {
                return broken(
                    checked,
                    headSeq,
                    e.getSeq(),
                    VerifyResult.Problem.BROKEN_LINK,
                    "prev_hash does not match the hash of event "
                        + (e.getSeq() - 1)
                        + ": rows reordered, inserted or replaced");
              }
              // Recomputed from the raw columns, so a value that no longer parses is reported too.
              String recomputed =
                  AuditChain.hash(
                      e.getSeq(),
                      e.getPrevHash(),
                      Values.instant(e.getAt()),
                      e.getEventType(),
                      e.getActor(),
                      e.getOutcome(),
                      e.getReason(),
                      e.getIccid(),
                      e.getImei(),
                      e.getSerial(),
                      e.getAttester(),
                      e.getJti(),
                      e.getTokenSha256(),
                      e.getClientAddr(),
                      e.getPolicy(),
                      e.getDetail());
              if (!recomputed.equals(e.getHash())) {
                return broken(
                    checked,
                    headSeq,
                    e.getSeq(),
                    VerifyResult.Problem.CONTENT_ALTERED,
                    "content does not match its hash: a column was altered");
              }
              checked++;
              expectedSeq++;
              expectedPrev = e.getHash();
            }
          }
          if (expectedSeq - 1 != headSeq) {
            return broken(
                checked,
                headSeq,
                expectedSeq,
                VerifyResult.Problem.HEAD_MISMATCH,
                "the head records "
                    + headSeq
                    + " event(s) but the chain ends at "
                    + (expectedSeq - 1)
                    + ": events removed at the end");
          }
          if (!expectedPrev.equals(head.getLastHash())) {
            return broken(
                checked,
                headSeq,
                headSeq,
                VerifyResult.Problem.HEAD_MISMATCH,
                "the head hash differs from the hash of the last event");
          }
          return new VerifyResult(checked, headSeq, Optional.empty());
        });
  }

  private static VerifyResult broken(
      long checked, long headSeq, long seq, VerifyResult.Problem problem, String detail) {
    return new VerifyResult(
        checked, headSeq, Optional.of(new VerifyResult.Break(seq, problem, detail)));
  }

  @Override
  public java.util.Optional<AuditEvent> newest() {
    return db.dsl()
        .selectFrom(AUDIT_EVENT)
        .orderBy(AUDIT_EVENT.SEQ.desc())
        .limit(1)
        .fetchOptional()
        .map(JooqAuditLog::event);
  }

  private static AuditEvent event(AuditEventRecord r) {
    return new AuditEvent(
        r.getSeq(),
        Values.instant(r.getAt()),
        r.getEventType(),
        r.getActor(),
        Values.parse(AuditOutcome.class, r.getOutcome()),
        r.getReason(),
        r.getIccid(),
        r.getImei(),
        Values.serial(r.getSerial()),
        r.getAttester(),
        r.getJti(),
        r.getTokenSha256(),
        r.getClientAddr(),
        r.getPolicy(),
        r.getDetail(),
        r.getPrevHash(),
        r.getHash());
  }
}
