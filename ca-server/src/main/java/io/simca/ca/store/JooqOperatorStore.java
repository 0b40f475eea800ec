package io.simca.ca.store;

import static io.simca.ca.store.jooq.Tables.OPERATOR_CREDENTIAL;

import io.simca.ca.store.jooq.tables.records.OperatorCredentialRecord;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** {@link OperatorStore} on jOOQ. */
final class JooqOperatorStore implements OperatorStore {

  private static final String ACTIVE = Values.lower(OperatorStatus.ACTIVE);
  private static final String REVOKED = Values.lower(OperatorStatus.REVOKED);
  private static final String ADMIN_ROLE = "admin";

  private final Database db;
  private final Clock clock;

  JooqOperatorStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void insert(OperatorRow row) {
    check(row);
    try {
      db.inTransactionRun(tx -> insertLive(tx, row));
    } catch (RuntimeException e) {
      throw conflict(e, row);
    }
  }

  @Override
  public boolean insertIfAbsent(OperatorRow row) {
    check(row);
    try {
      return db.inTransaction(
          tx -> {
            if (exists(tx, row.serial())) {
              return false;
            }
            insertLive(tx, row);
            return true;
          });
    } catch (RuntimeException e) {
      if (Database.isUniqueViolation(e) && bySerial(row.serial()).isPresent()) {
        return false; // another node registered it at the same moment
      }
      throw conflict(e, row);
    }
  }

  @Override
  public Optional<OperatorRow> bySerial(BigInteger serial) {
    return db.dsl()
        .selectFrom(OPERATOR_CREDENTIAL)
        .where(OPERATOR_CREDENTIAL.SERIAL.eq(Values.serialHex(serial)))
        .fetchOptional(JooqOperatorStore::row);
  }

  @Override
  public List<OperatorRow> all() {
    return db.dsl()
        .selectFrom(OPERATOR_CREDENTIAL)
        .orderBy(OPERATOR_CREDENTIAL.NAME, OPERATOR_CREDENTIAL.CREATED_AT.desc())
        .fetch(JooqOperatorStore::row);
  }

  @Override
  public List<OperatorRow> revokeByName(
      String name, String revokedBy, Instant at, boolean keepOneLiveAdmin) {
    Values.maxLength("revokedBy", revokedBy, 256);
    return db.inTransaction(
        tx -> {
          // Live admin rows are locked first and in serial order: two nodes revoking the last two
          // admins at once serialise here (no deadlock), and the second sees the first's change.
          List<OperatorRow> admins =
              keepOneLiveAdmin
                  ? tx.selectFrom(OPERATOR_CREDENTIAL)
                      .where(OPERATOR_CREDENTIAL.ROLE.eq(ADMIN_ROLE))
                      .and(OPERATOR_CREDENTIAL.STATUS.eq(ACTIVE))
                      .orderBy(OPERATOR_CREDENTIAL.SERIAL)
                      .forUpdate()
                      .fetch(JooqOperatorStore::row)
                  : List.of();
          List<OperatorRow> targets =
              tx.selectFrom(OPERATOR_CREDENTIAL)
                  .where(OPERATOR_CREDENTIAL.NAME.eq(name))
                  .and(OPERATOR_CREDENTIAL.STATUS.eq(ACTIVE))
                  .forUpdate()
                  .fetch(JooqOperatorStore::row);
          if (targets.isEmpty()) {
            return List.of();
          }
          boolean takesLiveAdmin =
              targets.stream().anyMatch(r -> r.role().equals(ADMIN_ROLE) && r.usableAt(at));
          boolean othersLive =
              admins.stream().anyMatch(r -> !r.name().equals(name) && r.usableAt(at));
          if (keepOneLiveAdmin && takesLiveAdmin && !othersLive) {
            throw new LastAdminException(
                "'" + name + "' holds the last live admin credential; issue another admin first");
          }
          tx.update(OPERATOR_CREDENTIAL)
              .set(OPERATOR_CREDENTIAL.STATUS, REVOKED)
              .setNull(OPERATOR_CREDENTIAL.ACTIVE_NAME)
              .set(OPERATOR_CREDENTIAL.REVOKED_AT, Values.ts(at))
              .set(OPERATOR_CREDENTIAL.REVOKED_BY, revokedBy)
              .where(OPERATOR_CREDENTIAL.NAME.eq(name))
              .and(OPERATOR_CREDENTIAL.STATUS.eq(ACTIVE))
              .execute();
          return targets.stream()
              .map(
                  r ->
                      new OperatorRow(
                          r.serial(),
                          r.name(),
                          r.role(),
                          r.caId(),
                          r.subject(),
                          r.certDer(),
                          OperatorStatus.REVOKED,
                          r.notBefore(),
                          r.notAfter(),
                          r.issuedBy(),
                          r.createdAt(),
                          Values.micros(at),
                          revokedBy))
              .toList();
        });
  }

  /** Releases the name from an expired credential, then inserts {@code row} as its live one. */
  private void insertLive(DSLContext tx, OperatorRow row) {
    Instant now = clock.instant();
    tx.update(OPERATOR_CREDENTIAL)
        .setNull(OPERATOR_CREDENTIAL.ACTIVE_NAME)
        .where(OPERATOR_CREDENTIAL.ACTIVE_NAME.eq(row.name()))
        .and(OPERATOR_CREDENTIAL.NOT_AFTER.le(Values.ts(now)))
        .execute();
    tx.insertInto(OPERATOR_CREDENTIAL)
        .set(OPERATOR_CREDENTIAL.SERIAL, Values.serialHex(row.serial()))
        .set(OPERATOR_CREDENTIAL.NAME, row.name())
        .set(OPERATOR_CREDENTIAL.ACTIVE_NAME, row.name())
        .set(OPERATOR_CREDENTIAL.ROLE, row.role())
        .set(OPERATOR_CREDENTIAL.CA_ID, row.caId())
        .set(OPERATOR_CREDENTIAL.SUBJECT, row.subject())
        .set(OPERATOR_CREDENTIAL.CERT_DER, row.certDer())
        .set(OPERATOR_CREDENTIAL.STATUS, ACTIVE)
        .set(OPERATOR_CREDENTIAL.NOT_BEFORE, Values.ts(row.notBefore()))
        .set(OPERATOR_CREDENTIAL.NOT_AFTER, Values.ts(row.notAfter()))
        .set(OPERATOR_CREDENTIAL.ISSUED_BY, row.issuedBy())
        .set(OPERATOR_CREDENTIAL.CREATED_AT, Values.ts(now))
        .execute();
  }

  private static boolean exists(DSLContext tx, BigInteger serial) {
    return tx.fetchExists(
        OPERATOR_CREDENTIAL, OPERATOR_CREDENTIAL.SERIAL.eq(Values.serialHex(serial)));
  }

  private static void check(OperatorRow row) {
    Values.maxLength("name", row.name(), 64);
    Values.maxLength("role", row.role(), 16);
    Values.maxLength("subject", row.subject(), 512);
    Values.maxLength("issuedBy", row.issuedBy(), 256);
    Values.serialHex(row.serial());
  }

  private static RuntimeException conflict(RuntimeException e, OperatorRow row) {
    if (Database.isUniqueViolation(e)) {
      return new StoreConflictException(
          "operator '" + row.name() + "' already has a live credential (revoke it first)", e);
    }
    return Database.translate(e);
  }

  private static OperatorRow row(OperatorCredentialRecord r) {
    return new OperatorRow(
        Values.serial(r.getSerial()),
        r.getName(),
        r.getRole(),
        r.getCaId(),
        r.getSubject(),
        r.getCertDer(),
        Values.parse(OperatorStatus.class, r.getStatus()),
        Values.instant(r.getNotBefore()),
        Values.instant(r.getNotAfter()),
        r.getIssuedBy(),
        Values.instant(r.getCreatedAt()),
        Values.instant(r.getRevokedAt()),
        r.getRevokedBy());
  }
}
