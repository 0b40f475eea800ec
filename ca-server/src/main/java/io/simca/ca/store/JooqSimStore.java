package io.simca.ca.store;

import static io.simca.ca.store.jooq.Tables.SIM;

import io.simca.ca.store.jooq.tables.records.SimRecord;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link SimStore} on jOOQ. */
final class JooqSimStore implements SimStore {

  /** Rows per JDBC batch (and per existence probe) of an import. */
  static final int CHUNK = 5_000;

  private final Database db;
  private final Clock clock;

  JooqSimStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public SimImportResult insertAll(List<SimRow> rows, OnExisting onExisting) {
    Set<String> seen = new HashSet<>(rows.size() * 2);
    Set<String> repeated = new LinkedHashSet<>();
    for (SimRow row : rows) {
      validate(row);
      if (!seen.add(row.iccid())) {
        repeated.add(row.iccid());
      }
    }
    if (!repeated.isEmpty()) {
      throw new DuplicateSimException(
          new ArrayList<>(repeated), repeated.size(), "ICCID(s) repeated in the import");
    }
    OffsetDateTime now = Values.ts(clock.instant());
    try {
      return db.inTransaction(
          ctx -> {
            Set<String> existing = existing(ctx, rows);
            List<String> existingInOrder =
                rows.stream().map(SimRow::iccid).filter(existing::contains).toList();
            if (!existing.isEmpty() && onExisting == OnExisting.FAIL) {
              throw new DuplicateSimException(
                  existingInOrder, existingInOrder.size(), "ICCID(s) already in the store");
            }
            int inserted = 0;
            BatchBindStep batch = null;
            int pending = 0;
            for (SimRow row : rows) {
              if (existing.contains(row.iccid())) {
                continue;
              }
              if (batch == null) {
                batch =
                    ctx.batch(
                        ctx.insertInto(
                                SIM,
                                SIM.ICCID,
                                SIM.IMSI,
                                SIM.IMEI,
                                SIM.IMEI_LOCKED_AT,
                                SIM.TENANT,
                                SIM.STATUS,
                                SIM.STATUS_REASON,
                                SIM.CREATED_AT,
                                SIM.UPDATED_AT)
                            .values((String) null, null, null, null, null, null, null, null, null));
              }
              OffsetDateTime created = row.createdAt() == null ? now : Values.ts(row.createdAt());
              batch.bind(
                  row.iccid(),
                  row.imsi(),
                  row.imei(),
                  Values.ts(row.imeiLockedAt()),
                  row.tenant(),
                  Values.lower(row.status()),
                  row.statusReason(),
                  created,
                  row.updatedAt() == null ? created : Values.ts(row.updatedAt()));
              inserted++;
              if (++pending == CHUNK) {
                batch.execute();
                batch = null;
                pending = 0;
              }
            }
            if (batch != null) {
              batch.execute();
            }
            return new SimImportResult(inserted, existingInOrder);
          });
    } catch (DuplicateSimException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Database.isUniqueViolation(e)) {
        // Another import committed some of these ICCIDs after our probe: name them now.
        List<String> clash = existing(db.dsl(), rows).stream().toList();
        throw new DuplicateSimException(clash, clash.size(), "ICCID(s) imported concurrently");
      }
      throw Database.translate(e);
    }
  }

  private static Set<String> existing(DSLContext ctx, List<SimRow> rows) {
    Set<String> existing = new HashSet<>();
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<String> iccids =
          rows.subList(from, Math.min(rows.size(), from + CHUNK)).stream()
              .map(SimRow::iccid)
              .toList();
      existing.addAll(ctx.select(SIM.ICCID).from(SIM).where(SIM.ICCID.in(iccids)).fetch(SIM.ICCID));
    }
    return existing;
  }

  private static void validate(SimRow row) {
    Values.maxLength("iccid", row.iccid(), 22);
    Values.maxLength("imsi", row.imsi(), 15);
    Values.maxLength("imei", row.imei(), 15);
    Values.maxLength("tenant", row.tenant(), 64);
    Values.maxLength("status reason", row.statusReason(), 256);
  }

  @Override
  public Optional<SimRow> find(String iccid) {
    return db.dsl().selectFrom(SIM).where(SIM.ICCID.eq(iccid)).fetchOptional(JooqSimStore::row);
  }

  @Override
  public List<SimRow> list(SimFilter filter, int offset, int limit) {
    return db.dsl()
        .selectFrom(SIM)
        .where(condition(filter))
        .orderBy(SIM.ICCID)
        .offset(offset)
        .limit(limit)
        .fetch(JooqSimStore::row);
  }

  @Override
  public long count(SimFilter filter) {
    return db.dsl().selectCount().from(SIM).where(condition(filter)).fetchOne(0, Long.class);
  }

  private static Condition condition(SimFilter filter) {
    Condition c = DSL.noCondition();
    if (filter.tenant() != null) {
      c = c.and(SIM.TENANT.eq(filter.tenant()));
    }
    if (filter.status() != null) {
      c = c.and(SIM.STATUS.eq(Values.lower(filter.status())));
    }
    if (filter.iccidPrefix() != null && !filter.iccidPrefix().isEmpty()) {
      c = c.and(SIM.ICCID.startsWith(filter.iccidPrefix()));
    }
    if (filter.imsi() != null) {
      c = c.and(SIM.IMSI.eq(filter.imsi()));
    }
    return c;
  }

  @Override
  public boolean updateStatusIf(
      String iccid, SimStatus expected, SimStatus newStatus, String reason) {
    Values.maxLength("status reason", reason, 256);
    return db.dsl()
            .update(SIM)
            .set(SIM.STATUS, Values.lower(newStatus))
            .set(SIM.STATUS_REASON, reason)
            .set(SIM.UPDATED_AT, Values.ts(clock.instant()))
            .where(SIM.ICCID.eq(iccid).and(SIM.STATUS.eq(Values.lower(expected))))
            .execute()
        == 1;
  }

  @Override
  public boolean updateStatus(String iccid, SimStatus newStatus, String reason) {
    Values.maxLength("status reason", reason, 256);
    return db.dsl()
            .update(SIM)
            .set(SIM.STATUS, Values.lower(newStatus))
            .set(SIM.STATUS_REASON, reason)
            .set(SIM.UPDATED_AT, Values.ts(clock.instant()))
            .where(SIM.ICCID.eq(iccid))
            .execute()
        == 1;
  }

  @Override
  public boolean lockImeiIfUnset(String iccid, String imei) {
    Values.maxLength("imei", imei, 15);
    OffsetDateTime now = Values.ts(clock.instant());
    return db.dsl()
            .update(SIM)
            .set(SIM.IMEI, imei)
            .set(SIM.IMEI_LOCKED_AT, now)
            .set(SIM.UPDATED_AT, now)
            .where(SIM.ICCID.eq(iccid).and(SIM.IMEI.isNull()))
            .execute()
        == 1;
  }

  private static SimRow row(SimRecord r) {
    return new SimRow(
        r.getIccid(),
        r.getImsi(),
        r.getImei(),
        Values.instant(r.getImeiLockedAt()),
        r.getTenant(),
        Values.parse(SimStatus.class, r.getStatus()),
        r.getStatusReason(),
        Values.instant(r.getCreatedAt()),
        Values.instant(r.getUpdatedAt()));
  }
}
