package io.simca.ca.store;

import static io.simca.ca.store.jooq.Tables.CRL;
import static io.simca.ca.store.jooq.Tables.CRL_COUNTER;

import java.util.Optional;

/** {@link CrlStore} on jOOQ. */
final class JooqCrlStore implements CrlStore {

  private static final int ATTEMPTS = 5;

  private final Database db;

  JooqCrlStore(Database db) {
    this.db = db;
  }

  @Override
  public long nextCrlNumber(String caId) {
    for (int attempt = 1; ; attempt++) {
      try {
        return db.inTransaction(
            ctx -> {
              // The UPDATE takes the row lock, so concurrent callers queue and each sees the
              // increment of the one before.
              int updated =
                  ctx.update(CRL_COUNTER)
                      .set(CRL_COUNTER.LAST_NUMBER, CRL_COUNTER.LAST_NUMBER.plus(1))
                      .where(CRL_COUNTER.CA_ID.eq(caId))
                      .execute();
              if (updated == 0) {
                ctx.insertInto(CRL_COUNTER)
                    .set(CRL_COUNTER.CA_ID, caId)
                    .set(CRL_COUNTER.LAST_NUMBER, 1L)
                    .execute();
                return 1L;
              }
              return ctx.select(CRL_COUNTER.LAST_NUMBER)
                  .from(CRL_COUNTER)
                  .where(CRL_COUNTER.CA_ID.eq(caId))
                  .fetchSingle(CRL_COUNTER.LAST_NUMBER);
            });
      } catch (RuntimeException e) {
        // Two first calls for a new CA both inserted: the loser retries and increments.
        if (attempt < ATTEMPTS && Database.isUniqueViolation(e)) {
          continue;
        }
        throw Database.translate(e);
      }
    }
  }

  @Override
  public boolean save(CrlRow crl) {
    for (int attempt = 1; ; attempt++) {
      try {
        return db.inTransaction(
            ctx -> {
              int updated =
                  ctx.update(CRL)
                      .set(CRL.CRL_NUMBER, crl.crlNumber())
                      .set(CRL.CRL_DER, crl.crlDer())
                      .set(CRL.THIS_UPDATE, Values.ts(crl.thisUpdate()))
                      .set(CRL.NEXT_UPDATE, Values.ts(crl.nextUpdate()))
                      .set(CRL.ENTRIES, crl.entries())
                      .where(CRL.CA_ID.eq(crl.caId()).and(CRL.CRL_NUMBER.lt(crl.crlNumber())))
                      .execute();
              if (updated == 1) {
                return true;
              }
              if (ctx.fetchExists(CRL, CRL.CA_ID.eq(crl.caId()))) {
                return false; // a newer (or this) CRL is already published
              }
              ctx.insertInto(CRL)
                  .set(CRL.CA_ID, crl.caId())
                  .set(CRL.CRL_NUMBER, crl.crlNumber())
                  .set(CRL.CRL_DER, crl.crlDer())
                  .set(CRL.THIS_UPDATE, Values.ts(crl.thisUpdate()))
                  .set(CRL.NEXT_UPDATE, Values.ts(crl.nextUpdate()))
                  .set(CRL.ENTRIES, crl.entries())
                  .execute();
              return true;
            });
      } catch (RuntimeException e) {
        if (attempt < ATTEMPTS && Database.isUniqueViolation(e)) {
          continue; // first CRL of the CA published concurrently: compare numbers again
        }
        throw Database.translate(e);
      }
    }
  }

  @Override
  public Optional<CrlRow> latest(String caId) {
    return db.dsl()
        .selectFrom(CRL)
        .where(CRL.CA_ID.eq(caId))
        .fetchOptional(
            r ->
                new CrlRow(
                    r.getCaId(),
                    r.getCrlNumber(),
                    r.getCrlDer(),
                    Values.instant(r.getThisUpdate()),
                    Values.instant(r.getNextUpdate()),
                    r.getEntries()));
  }
}
