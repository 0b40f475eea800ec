package io.simca.ca.store;

import static io.simca.ca.store.jooq.Tables.CERTIFICATE;
import static io.simca.ca.store.jooq.Tables.KEY_CLAIM;
import static io.simca.ca.store.jooq.Tables.SIM;

import io.simca.ca.store.jooq.tables.records.CertificateRecord;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.Record4;
import org.jooq.impl.DSL;

/** {@link CertificateStore} on jOOQ. */
final class JooqCertificateStore implements CertificateStore {

  private static final String RESERVED = Values.lower(CertStatus.RESERVED);
  private static final String ISSUED = Values.lower(CertStatus.ISSUED);
  private static final String REVOKED = Values.lower(CertStatus.REVOKED);

  private final Database db;
  private final Clock clock;
  private final GroupCommitAuditLog audit;

  JooqCertificateStore(Database db, Clock clock, GroupCommitAuditLog audit) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
  }

  @Override
  public void reserve(CertificateReservation r) {
    reserve(r, ReservationLimits.NONE);
  }

  @Override
  public void reserve(CertificateReservation r, ReservationLimits limits) {
    Values.maxLength("iccid", r.iccid(), 22);
    Values.maxLength("imei", r.imei(), 15);
    Values.maxLength("tenant", r.tenant(), 64);
    Values.maxLength("subject", r.subject(), 512);
    Values.maxLength("profile", r.profile(), 32);
    Values.maxLength("policy", r.issuedByPolicy(), 64);
    try {
      db.inTransactionRun(
          ctx -> {
            if (limits.maxSince() > 0 || limits.denyKeyReuse()) {
              // One reservation at a time per SIM, on every node: its inventory row is the lock.
              ctx.select(SIM.ICCID).from(SIM).where(SIM.ICCID.eq(r.iccid())).forUpdate().fetch();
            }
            if (limits.maxSince() > 0) {
              int made =
                  ctx.selectCount()
                      .from(CERTIFICATE)
                      .where(
                          CERTIFICATE
                              .ICCID
                              .eq(r.iccid())
                              .and(CERTIFICATE.CREATED_AT.ge(Values.ts(limits.since()))))
                      .fetchOne(0, Integer.class);
              if (made >= limits.maxSince()) {
                throw new ReservationRefusedException(
                    ReservationRefusedException.Limit.RATE,
                    "more than " + limits.maxSince() + " enrolments for this SIM in the window");
              }
            }
            if (limits.denyKeyReuse()) {
              String holder =
                  ctx.select(KEY_CLAIM.ICCID)
                      .from(KEY_CLAIM)
                      .where(KEY_CLAIM.SPKI_SHA256.eq(r.spkiSha256()))
                      .fetchOne(KEY_CLAIM.ICCID);
              if (holder == null) {
                // Two SIMs racing for one key: the second insert conflicts (caught below).
                ctx.insertInto(KEY_CLAIM)
                    .set(KEY_CLAIM.SPKI_SHA256, r.spkiSha256())
                    .set(KEY_CLAIM.ICCID, r.iccid())
                    .set(KEY_CLAIM.CLAIMED_AT, Values.ts(clock.instant()))
                    .execute();
              } else if (!holder.equals(r.iccid())) {
                throw keyReuse();
              }
            }
            // The token's single use commits with the reservation: a replay conflicts here, and
            // a request that dies before this point leaves its token usable.
            limits
                .token()
                .ifPresent(
                    t ->
                        JooqJtiReplayCache.insert(
                            ctx, t.issuer(), t.jti(), t.expiresAt(), clock.instant()));
            ctx.insertInto(CERTIFICATE)
                .set(CERTIFICATE.SERIAL, Values.serialHex(r.serial()))
                .set(CERTIFICATE.CA_ID, r.caId())
                .set(CERTIFICATE.ICCID, r.iccid())
                .set(CERTIFICATE.IMEI, r.imei())
                .set(CERTIFICATE.TENANT, r.tenant())
                .set(CERTIFICATE.SPKI_SHA256, r.spkiSha256())
                .set(CERTIFICATE.SUBJECT, r.subject())
                .set(CERTIFICATE.PROFILE, r.profile())
                .set(CERTIFICATE.STATUS, RESERVED)
                .set(CERTIFICATE.NOT_BEFORE, Values.ts(r.notBefore()))
                .set(CERTIFICATE.NOT_AFTER, Values.ts(r.notAfter()))
                .set(CERTIFICATE.CREATED_AT, Values.ts(clock.instant()))
                .set(CERTIFICATE.ISSUED_BY_POLICY, r.issuedByPolicy())
                .execute();
          });
    } catch (ReservationRefusedException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Database.isUniqueViolation(e)) {
        String message = rootMessage(e).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("key_claim")) {
          throw keyReuse();
        }
        if (message.contains("attestation_jti")) {
          throw new ReservationRefusedException(
              ReservationRefusedException.Limit.REPLAY, "this attestation token was already used");
        }
        throw new StoreConflictException("serial already reserved: " + r.serial().toString(16), e);
      }
      if (Database.hasSqlState(e, "23503") || Database.hasSqlState(e, "23506")) {
        throw new StoreConflictException("unknown CA id: " + r.caId(), e);
      }
      throw Database.translate(e);
    }
  }

  @Override
  public List<AbandonedReservation> deleteReservationsBefore(
      Instant before, java.util.function.Function<AbandonedReservation, AuditEntry> auditEntry) {
    var stale =
        db.dsl()
            .select(CERTIFICATE.SERIAL, CERTIFICATE.ICCID, CERTIFICATE.CREATED_AT)
            .from(CERTIFICATE)
            .where(
                CERTIFICATE.STATUS.eq(RESERVED).and(CERTIFICATE.CREATED_AT.lt(Values.ts(before))))
            .fetch();
    List<AbandonedReservation> out = new java.util.ArrayList<>();
    for (var r : stale) {
      AbandonedReservation gone =
          new AbandonedReservation(
              new BigInteger(r.value1(), 16), r.value2(), r.value3().toInstant());
      try {
        // The deletion rides in the audit event's commit: never one without the other.
        audit.appendWith(
            auditEntry.apply(gone),
            ctx -> {
              int deleted =
                  ctx.deleteFrom(CERTIFICATE)
                      .where(CERTIFICATE.SERIAL.eq(r.value1()).and(CERTIFICATE.STATUS.eq(RESERVED)))
                      .execute();
              if (deleted != 1) {
                throw new IllegalStateException("reservation " + r.value1() + " is gone already");
              }
            });
        out.add(gone);
      } catch (RuntimeException e) {
        // Another node removed (or issued) it meanwhile: nothing to do here.
      }
    }
    return out;
  }

  private static ReservationRefusedException keyReuse() {
    return new ReservationRefusedException(
        ReservationRefusedException.Limit.KEY_REUSE,
        "this public key is already certified for another SIM");
  }

  private static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(' ');
    }
    return all.toString();
  }

  @Override
  public AuditEvent markIssued(
      BigInteger serial, byte[] certDer, OcspResponseRow good, AuditEntry issued) {
    if (!serial.equals(good.serial())) {
      throw new IllegalArgumentException(
          "OCSP response is for serial "
              + good.serial().toString(16)
              + ", not "
              + serial.toString(16));
    }
    Instant now = clock.instant();
    // Rides in the audit chain's (group) commit: certificate, OCSP response and event together.
    return audit.appendWith(
        issued,
        ctx -> {
          int updated =
              ctx.update(CERTIFICATE)
                  .set(CERTIFICATE.CERT_DER, certDer)
                  .set(CERTIFICATE.STATUS, ISSUED)
                  .where(
                      CERTIFICATE
                          .SERIAL
                          .eq(Values.serialHex(serial))
                          .and(CERTIFICATE.STATUS.eq(RESERVED)))
                  .execute();
          if (updated != 1) {
            throw new IllegalStateException("serial " + serial.toString(16) + " is not reserved");
          }
          JooqOcspResponseStore.insertFirst(ctx, good, now);
        });
  }

  @Override
  public Optional<CertificateRow> find(BigInteger serial) {
    return db.dsl()
        .selectFrom(CERTIFICATE)
        .where(CERTIFICATE.SERIAL.eq(Values.serialHex(serial)))
        .fetchOptional(JooqCertificateStore::row);
  }

  @Override
  public List<CertificateRow> list(CertFilter filter, int offset, int limit) {
    Condition c = DSL.noCondition();
    if (filter.iccid() != null) {
      c = c.and(CERTIFICATE.ICCID.eq(filter.iccid()));
    }
    if (filter.status() != null) {
      c = c.and(CERTIFICATE.STATUS.eq(Values.lower(filter.status())));
    }
    if (filter.caId() != null) {
      c = c.and(CERTIFICATE.CA_ID.eq(filter.caId()));
    }
    return db.dsl()
        .selectFrom(CERTIFICATE)
        .where(c)
        .orderBy(CERTIFICATE.CREATED_AT.desc(), CERTIFICATE.SERIAL.desc())
        .offset(offset)
        .limit(limit)
        .fetch(JooqCertificateStore::row);
  }

  @Override
  public List<BigInteger> revokeAllForIccid(String iccid, int reasonCode, Instant at, Instant now) {
    checkReason(reasonCode);
    return db.inTransaction(
        ctx -> {
          // Lock the rows first so the returned list is exactly what this call changed, even with
          // a concurrent revocation of the same SIM on another node.
          Condition target =
              CERTIFICATE
                  .ICCID
                  .eq(iccid)
                  .and(CERTIFICATE.STATUS.eq(ISSUED))
                  .and(CERTIFICATE.NOT_AFTER.gt(Values.ts(now)));
          List<String> serials =
              ctx.select(CERTIFICATE.SERIAL)
                  .from(CERTIFICATE)
                  .where(target)
                  .orderBy(CERTIFICATE.SERIAL)
                  .forUpdate()
                  .fetch(CERTIFICATE.SERIAL);
          if (serials.isEmpty()) {
            return List.<BigInteger>of();
          }
          ctx.update(CERTIFICATE)
              .set(CERTIFICATE.STATUS, REVOKED)
              .set(CERTIFICATE.REVOKED_AT, Values.ts(at))
              .set(CERTIFICATE.REVOCATION_REASON, reasonCode)
              .where(CERTIFICATE.SERIAL.in(serials).and(CERTIFICATE.STATUS.eq(ISSUED)))
              .execute();
          return serials.stream().map(Values::serial).toList();
        });
  }

  @Override
  public boolean revokedSince(String caId, Instant since) {
    return db.dsl()
        .fetchExists(
            CERTIFICATE,
            CERTIFICATE
                .CA_ID
                .eq(caId)
                .and(CERTIFICATE.STATUS.eq(REVOKED))
                .and(CERTIFICATE.REVOKED_AT.ge(Values.ts(since))));
  }

  @Override
  public boolean revoke(
      BigInteger serial, int reasonCode, Instant at, Optional<Instant> invalidityDate) {
    checkReason(reasonCode);
    return db.dsl()
            .update(CERTIFICATE)
            .set(CERTIFICATE.STATUS, REVOKED)
            .set(CERTIFICATE.REVOKED_AT, Values.ts(at))
            .set(CERTIFICATE.REVOCATION_REASON, reasonCode)
            .set(CERTIFICATE.INVALIDITY_DATE, Values.ts(invalidityDate.orElse(null)))
            .where(
                CERTIFICATE.SERIAL.eq(Values.serialHex(serial)).and(CERTIFICATE.STATUS.eq(ISSUED)))
            .execute()
        == 1;
  }

  /** RFC 5280 5.3.1: CRLReason 0..10, 7 is unused. */
  private static void checkReason(int reasonCode) {
    if (reasonCode < 0 || reasonCode > 10 || reasonCode == 7) {
      throw new IllegalArgumentException("not an RFC 5280 CRLReason code: " + reasonCode);
    }
  }

  @Override
  public int countIssuedSince(String iccid, Instant since) {
    return db.dsl()
        .selectCount()
        .from(CERTIFICATE)
        .where(CERTIFICATE.ICCID.eq(iccid).and(CERTIFICATE.CREATED_AT.ge(Values.ts(since))))
        .fetchOne(0, Integer.class);
  }

  @Override
  public boolean spkiCertifiedForOtherSim(String spkiSha256, String iccid) {
    return db.dsl()
        .fetchExists(
            CERTIFICATE,
            CERTIFICATE.SPKI_SHA256.eq(spkiSha256).and(CERTIFICATE.ICCID.isDistinctFrom(iccid)));
  }

  @Override
  public void forEachRevoked(String caId, Instant now, Consumer<RevokedEntry> consumer) {
    OffsetDateTime notExpiredAt = Values.ts(now);
    // In a transaction: PostgreSQL only streams with a fetch size when auto-commit is off.
    db.inTransactionRun(
        ctx -> {
          try (Cursor<Record4<String, OffsetDateTime, Integer, OffsetDateTime>> cursor =
              ctx.select(
                      CERTIFICATE.SERIAL,
                      CERTIFICATE.REVOKED_AT,
                      CERTIFICATE.REVOCATION_REASON,
                      CERTIFICATE.INVALIDITY_DATE)
                  .from(CERTIFICATE)
                  .where(
                      CERTIFICATE
                          .CA_ID
                          .eq(caId)
                          .and(CERTIFICATE.STATUS.eq(REVOKED))
                          .and(CERTIFICATE.NOT_AFTER.gt(notExpiredAt)))
                  // No ORDER BY: RFC 5280 §5.1.2.6 sets no order for revokedCertificates, and
                  // sorting a million rows made H2 spill the result to a temporary store.
                  .fetchSize(JooqOcspResponseStore.FETCH_SIZE)
                  .fetchLazy()) {
            cursor.forEach(
                r ->
                    consumer.accept(
                        new RevokedEntry(
                            Values.serial(r.value1()),
                            Values.instant(r.value2()),
                            r.value3(),
                            Values.instant(r.value4()))));
          }
        });
  }

  @Override
  public Map<CertStatus, Long> countByStatus(String caId) {
    Map<CertStatus, Long> counts = new EnumMap<>(CertStatus.class);
    for (CertStatus s : CertStatus.values()) {
      counts.put(s, 0L);
    }
    Condition c = caId == null ? DSL.noCondition() : CERTIFICATE.CA_ID.eq(caId);
    db.dsl()
        .select(CERTIFICATE.STATUS, DSL.count())
        .from(CERTIFICATE)
        .where(c)
        .groupBy(CERTIFICATE.STATUS)
        .forEach(
            r -> counts.put(Values.parse(CertStatus.class, r.value1()), r.value2().longValue()));
    return counts;
  }

  @Override
  public List<CertificateRow> staleReservations(Instant before, int limit) {
    return db.dsl()
        .selectFrom(CERTIFICATE)
        .where(CERTIFICATE.STATUS.eq(RESERVED).and(CERTIFICATE.CREATED_AT.lt(Values.ts(before))))
        .orderBy(CERTIFICATE.CREATED_AT)
        .limit(limit)
        .fetch(JooqCertificateStore::row);
  }

  private static CertificateRow row(CertificateRecord r) {
    return new CertificateRow(
        Values.serial(r.getSerial()),
        r.getCaId(),
        r.getIccid(),
        r.getImei(),
        r.getTenant(),
        r.getSpkiSha256(),
        r.getSubject(),
        r.getProfile(),
        Values.parse(CertStatus.class, r.getStatus()),
        Values.instant(r.getNotBefore()),
        Values.instant(r.getNotAfter()),
        r.getCertDer(),
        Values.instant(r.getRevokedAt()),
        r.getRevocationReason(),
        Values.instant(r.getInvalidityDate()),
        Values.instant(r.getCreatedAt()),
        r.getIssuedByPolicy());
  }
}
