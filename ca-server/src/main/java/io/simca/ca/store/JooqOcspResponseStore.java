package io.simca.ca.store;

import static io.simca.ca.store.jooq.Tables.CERTIFICATE;
import static io.simca.ca.store.jooq.Tables.OCSP_RESPONSE;

import io.simca.ca.store.jooq.tables.records.OcspResponseRecord;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** {@link OcspResponseStore} on jOOQ. */
final class JooqOcspResponseStore implements OcspResponseStore {

  /** Rows fetched per round trip when streaming. */
  static final int FETCH_SIZE = 1_000;

  private final Database db;
  private final Clock clock;

  JooqOcspResponseStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void upsert(OcspResponseRow response) {
    try {
      write(db.dsl(), response, clock.instant());
    } catch (RuntimeException e) {
      throw conflict(e, response.serial());
    }
  }

  @Override
  public void upsertAll(List<OcspResponseRow> responses) {
    Instant now = clock.instant();
    try {
      db.inTransactionRun(ctx -> responses.forEach(r -> write(ctx, r, now)));
    } catch (RuntimeException e) {
      throw conflict(e, null);
    }
  }

  /**
   * Shared with {@link JooqCertificateStore#markIssued} so both write responses alike. Upsert: a
   * re-signed or revoked response replaces the stored one, but a {@code good} one never replaces a
   * {@code revoked} one. A re-sign that read the certificate as issued just before a revocation
   * committed would otherwise write {@code good} over it.
   */
  static void write(DSLContext ctx, OcspResponseRow r, Instant now) {
    Map<Field<?>, Object> values = values(r, now);
    Condition replaceable =
        r.certStatus() == OcspCertStatus.REVOKED
            ? DSL.noCondition()
            : OCSP_RESPONSE.CERT_STATUS.eq(Values.lower(OcspCertStatus.GOOD));
    ctx.insertInto(OCSP_RESPONSE)
        .set(values)
        .onConflict(OCSP_RESPONSE.SERIAL)
        .doUpdate()
        .set(values)
        .where(replaceable)
        .execute();
  }

  /**
   * The first response of a just-issued certificate: a plain insert (no upsert emulation on H2).
   */
  static void insertFirst(DSLContext ctx, OcspResponseRow r, Instant now) {
    ctx.insertInto(OCSP_RESPONSE).set(values(r, now)).execute();
  }

  private static Map<Field<?>, Object> values(OcspResponseRow r, Instant now) {
    Map<Field<?>, Object> v = new LinkedHashMap<>();
    v.put(OCSP_RESPONSE.SERIAL, Values.serialHex(r.serial()));
    v.put(OCSP_RESPONSE.CA_ID, r.caId());
    v.put(OCSP_RESPONSE.CERT_STATUS, Values.lower(r.certStatus()));
    v.put(OCSP_RESPONSE.RESPONSE_DER, r.responseDer());
    v.put(OCSP_RESPONSE.THIS_UPDATE, Values.ts(r.thisUpdate()));
    v.put(OCSP_RESPONSE.NEXT_UPDATE, Values.ts(r.nextUpdate()));
    v.put(OCSP_RESPONSE.PRODUCED_AT, Values.ts(r.producedAt()));
    v.put(OCSP_RESPONSE.UPDATED_AT, Values.ts(now));
    return v;
  }

  private static RuntimeException conflict(RuntimeException e, BigInteger serial) {
    // Foreign key violation, the serial is not a stored certificate: SQLState 23503 on
    // PostgreSQL, 23506 (REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING) on H2.
    if (Database.hasSqlState(e, "23503") || Database.hasSqlState(e, "23506")) {
      return new StoreConflictException(
          "OCSP response for a serial that is not a stored certificate"
              + (serial == null ? "" : ": " + serial.toString(16)),
          e);
    }
    return Database.translate(e);
  }

  @Override
  public Optional<OcspResponseRow> find(BigInteger serial) {
    return db.dsl()
        .selectFrom(OCSP_RESPONSE)
        .where(OCSP_RESPONSE.SERIAL.eq(Values.serialHex(serial)))
        .fetchOptional(JooqOcspResponseStore::row);
  }

  @Override
  public void forEachCurrent(Consumer<OcspResponseRow> consumer) {
    // In a transaction: PostgreSQL only streams with a fetch size when auto-commit is off.
    db.inTransactionRun(
        ctx -> {
          try (Cursor<OcspResponseRecord> cursor =
              ctx.selectFrom(OCSP_RESPONSE).fetchSize(FETCH_SIZE).fetchLazy()) {
            cursor.forEach(r -> consumer.accept(row(r)));
          }
        });
  }

  @Override
  public List<OcspResponseRow> changedSince(Instant since) {
    return db.dsl()
        .selectFrom(OCSP_RESPONSE)
        .where(OCSP_RESPONSE.UPDATED_AT.gt(Values.ts(since)))
        .orderBy(OCSP_RESPONSE.UPDATED_AT, OCSP_RESPONSE.SERIAL)
        .fetch(JooqOcspResponseStore::row);
  }

  @Override
  public List<BigInteger> dueBefore(Instant instant, Instant now) {
    return db.dsl()
        .select(OCSP_RESPONSE.SERIAL)
        .from(OCSP_RESPONSE)
        .join(CERTIFICATE)
        .on(CERTIFICATE.SERIAL.eq(OCSP_RESPONSE.SERIAL))
        .where(OCSP_RESPONSE.NEXT_UPDATE.lt(Values.ts(instant)))
        .and(CERTIFICATE.NOT_AFTER.gt(Values.ts(now)))
        .orderBy(OCSP_RESPONSE.NEXT_UPDATE)
        .fetch(r -> Values.serial(r.value1()));
  }

  static OcspResponseRow row(OcspResponseRecord r) {
    return new OcspResponseRow(
        Values.serial(r.getSerial()),
        r.getCaId(),
        Values.parse(OcspCertStatus.class, r.getCertStatus()),
        r.getResponseDer(),
        Values.instant(r.getThisUpdate()),
        Values.instant(r.getNextUpdate()),
        Values.instant(r.getProducedAt()),
        Values.instant(r.getUpdatedAt()));
  }
}
