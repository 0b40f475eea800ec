package io.simca.ca.store;

import static io.simca.ca.store.jooq.Tables.ATTESTATION_JTI;

import java.time.Clock;
import java.time.Instant;
import org.jooq.DSLContext;

/**
 * {@link JtiReplayCache} on the primary key of {@code attestation_jti}: the insert is the check,
 * and a unique violation (a replay, on this node or another) is the answer "seen before". A plain
 * INSERT rather than {@code ON CONFLICT DO NOTHING}: replays are rare, and jOOQ emulates the latter
 * with a MERGE on H2 that cost more than the rest of the rule (bench-enroll profile). The statement
 * runs in auto-commit, so on PostgreSQL the violation aborts nothing else.
 */
final class JooqJtiReplayCache implements JtiReplayCache {

  private final Database db;
  private final Clock clock;

  JooqJtiReplayCache(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public boolean markUsed(String issuer, String jti, Instant expiresAt) {
    Values.maxLength("issuer", issuer, 128);
    Values.maxLength("jti", jti, 128);
    try {
      return insert(db.dsl(), issuer, jti, expiresAt, clock.instant()) == 1;
    } catch (RuntimeException e) {
      if (Database.isUniqueViolation(e)) {
        return false;
      }
      throw Database.translate(e);
    }
  }

  /**
   * The replay entry's insert, also run inside the certificate reservation's transaction; a
   * duplicate {@code (jti, issuer)} fails with a unique violation.
   */
  static int insert(DSLContext ctx, String issuer, String jti, Instant expiresAt, Instant seenAt) {
    return ctx.insertInto(ATTESTATION_JTI)
        .set(ATTESTATION_JTI.ISSUER, issuer)
        .set(ATTESTATION_JTI.JTI, jti)
        .set(ATTESTATION_JTI.EXPIRES_AT, Values.ts(expiresAt))
        .set(ATTESTATION_JTI.SEEN_AT, Values.ts(seenAt))
        .execute();
  }

  @Override
  public boolean seen(String issuer, String jti) {
    return db.dsl()
        .fetchExists(
            ATTESTATION_JTI, ATTESTATION_JTI.ISSUER.eq(issuer).and(ATTESTATION_JTI.JTI.eq(jti)));
  }

  @Override
  public int purgeExpired(Instant now) {
    return db.dsl()
        .deleteFrom(ATTESTATION_JTI)
        .where(ATTESTATION_JTI.EXPIRES_AT.lt(Values.ts(now)))
        .execute();
  }
}
