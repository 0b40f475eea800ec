package io.simca.ca.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Child JVM of {@link DurabilityTest}: commits SIMs (and an audit event each) as fast as it can and
 * reports every commit on stdout, until the parent kills it with SIGKILL.
 *
 * <p>Arguments: JDBC URL, ICCID prefix (digits), and optionally N: run an H2 compaction pass after
 * every N commits (so the parent's kill can land in one).
 */
public final class DurabilityChild {

  private DurabilityChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out),
            false,
            StandardCharsets.UTF_8);
    try (Stores stores = Stores.open(StoreSettings.of(args[0], "sa", "").withPoolSize(2))) {
      String prefix = args[1];
      int compactEvery = args.length > 2 ? Integer.parseInt(args[2]) : 0;
      for (long i = 0; ; i++) {
        String iccid = prefix + String.format("%06d", i);
        stores
            .sims()
            .insertAll(List.of(SimRow.imported(iccid, "262010000000000", null, "durability")));
        AuditEvent event =
            stores
                .audit()
                .append(
                    AuditEntry.builder("sim_import", "system", AuditOutcome.OK)
                        .iccid(iccid)
                        .build());
        // Only after both commits returned: whatever the parent reads here must survive.
        out.println("COMMITTED " + iccid + " " + event.seq());
        out.flush();
        if (compactEvery > 0 && (i + 1) % compactEvery == 0 && stores.db().compactNow()) {
          out.println("COMPACTED");
          out.flush();
        }
      }
    }
  }
}
