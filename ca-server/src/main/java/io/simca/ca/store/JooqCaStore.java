package io.simca.ca.store;

import static io.simca.ca.store.jooq.Tables.CA;

import io.simca.ca.store.jooq.tables.records.CaRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** {@link CaStore} on jOOQ. */
final class JooqCaStore implements CaStore {

  private final Database db;
  private final Clock clock;

  JooqCaStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void upsert(CaRecordValue ca) {
    Values.maxLength("label", ca.label(), 64);
    Values.maxLength("subject", ca.subject(), 512);
    try {
      db.dsl()
          .insertInto(CA)
          .set(CA.ID, ca.id())
          .set(CA.LABEL, ca.label())
          .set(CA.GENERATION, ca.generation())
          .set(CA.SUBJECT, ca.subject())
          .set(CA.CERT_DER, ca.certDer())
          .set(CA.STATUS, Values.lower(ca.status()))
          .set(CA.NOT_BEFORE, Values.ts(ca.notBefore()))
          .set(CA.NOT_AFTER, Values.ts(ca.notAfter()))
          .set(CA.CREATED_AT, Values.ts(clock.instant()))
          .onConflict(CA.ID)
          .doUpdate()
          .set(CA.LABEL, ca.label())
          .set(CA.GENERATION, ca.generation())
          .set(CA.SUBJECT, ca.subject())
          .set(CA.CERT_DER, ca.certDer())
          .set(CA.STATUS, Values.lower(ca.status()))
          .set(CA.NOT_BEFORE, Values.ts(ca.notBefore()))
          .set(CA.NOT_AFTER, Values.ts(ca.notAfter()))
          .execute();
    } catch (RuntimeException e) {
      if (Database.isUniqueViolation(e)) {
        throw new StoreConflictException(
            "CA label "
                + ca.label()
                + " generation "
                + ca.generation()
                + " is already taken by another CA id",
            e);
      }
      throw Database.translate(e);
    }
  }

  @Override
  public List<CaRow> all() {
    return db.dsl().selectFrom(CA).orderBy(CA.LABEL, CA.GENERATION).fetch(JooqCaStore::row);
  }

  @Override
  public Optional<CaRow> byId(String id) {
    return db.dsl().selectFrom(CA).where(CA.ID.eq(id)).fetchOptional(JooqCaStore::row);
  }

  private static CaRow row(CaRecord r) {
    return new CaRow(
        r.getId(),
        r.getLabel(),
        r.getGeneration(),
        r.getSubject(),
        r.getCertDer(),
        Values.parse(CaStatus.class, r.getStatus()),
        Values.instant(r.getNotBefore()),
        Values.instant(r.getNotAfter()),
        Values.instant(r.getCreatedAt()));
  }
}
