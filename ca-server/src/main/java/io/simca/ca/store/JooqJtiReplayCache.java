package io.simca.ca.store;

import static io.simca.ca.store.jooq.Tables.ATTESTATION_JTI;

import java.time.Clock;
import java.time.Instant;

/**
 * {@link JtiReplayCache} on the primary key of {@code attestation_jti}: the insert is the check.
 * {@code ON CONFLICT DO NOTHING} (emulated with MERGE on H2) covers the common replay; a unique
 * violation from a truly concurrent insert of the same key is the same answer, "seen before".
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
            return db.dsl().insertInto(ATTESTATION_JTI)
                    .set(ATTESTATION_JTI.ISSUER, issuer)
                    .set(ATTESTATION_JTI.JTI, jti)
                    .set(ATTESTATION_JTI.EXPIRES_AT, Values.ts(expiresAt))
                    .set(ATTESTATION_JTI.SEEN_AT, Values.ts(clock.instant()))
                    .onConflictDoNothing()
                    .execute() == 1;
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw Database.translate(e);
        }
    }

    @Override
    public int purgeExpired(Instant now) {
        return db.dsl().deleteFrom(ATTESTATION_JTI).where(ATTESTATION_JTI.EXPIRES_AT.lt(Values.ts(now))).execute();
    }
}
