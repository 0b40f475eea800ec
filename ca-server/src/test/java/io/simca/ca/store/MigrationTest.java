package io.simca.ca.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.jooq.DefaultSchema;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

class MigrationTest extends StoreTestBase {

  @Test
  void migrate_createsEveryGeneratedTable() {
    for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
      int expected = table.getName().equals("audit_head") ? 1 : 0;
      assertThat(stores.db().dsl().fetchCount(table)).as(table.getName()).isEqualTo(expected);
    }
    assertThat(DefaultSchema.DEFAULT_SCHEMA.getTables())
        .extracting(Table::getName)
        .contains(
            "ca",
            "sim",
            "certificate",
            "ocsp_response",
            "attestation_jti",
            "crl",
            "audit_event",
            "audit_head");
  }

  @Test
  void reopen_appliesNothingTwiceAndKeepsData() {
    stores
        .sims()
        .insertAll(
            java.util.List.of(
                SimRow.imported("8988211000000000001", "262011234567890", null, "acme")));
    stores.audit().append(AuditEntry.builder("sim_import", "system", AuditOutcome.OK).build());
    stores.close();

    stores = Stores.open(target.settings(), clock);
    stores.close();
    stores = Stores.open(target.settings(), clock);

    assertThat(stores.sims().find("8988211000000000001")).isPresent();
    assertThat(stores.audit().verify().ok()).isTrue();
    assertThat(stores.audit().verify().lastSeq()).isEqualTo(1);
  }
}
