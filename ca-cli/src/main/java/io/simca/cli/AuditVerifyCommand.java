package io.simca.cli;

import io.simca.ca.config.SimcaConfig;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.server.SimcaServer;
import io.simca.ca.store.StoreSettings;
import io.simca.ca.store.Stores;
import io.simca.ca.store.VerifyResult;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca audit verify}: recomputes the audit hash chain; exit 1 naming the first broken row.
 * Through the admin API by default; {@code --offline} opens the store directly for when the server
 * is down (the embedded H2 store is single-process, so this is refused while a server holds it).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Verify the audit log's hash chain.")
final class AuditVerifyCommand implements Callable<Integer> {

  /** H2's "Database may be already in use" (ErrorCode.DATABASE_ALREADY_OPEN_1). */
  private static final int H2_DATABASE_IN_USE = 90020;

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Option(
      names = "--offline",
      description = "Open the store directly instead of asking the server (server stopped)")
  boolean offline;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonObject r = offline ? verifyOffline() : admin.connect(data).get("/audit/verify");
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(r.encode());
      out.flush();
    }
    JsonObject broken = r.getJsonObject("break");
    if (!r.getBoolean("ok", false) && broken != null) {
      throw new CliFailure(
          "audit chain BROKEN at seq "
              + broken.getLong("seq")
              + " ("
              + broken.getString("problem")
              + "): "
              + broken.getString("detail")
              + "; "
              + r.getLong("checked", 0L)
              + " event(s) verified before it");
    }
    if (!output.json()) {
      out.printf(
          "audit chain ok: %d event(s) verified, head seq %d%n",
          r.getLong("checked", 0L), r.getLong("lastSeq", 0L));
      out.flush();
    }
    return 0;
  }

  private JsonObject verifyOffline() {
    SimcaConfig cfg = data.loadConfig();
    DataDir dir = data.dataDir(cfg);
    StoreSettings settings = SimcaServer.storeSettings(cfg.store(), dir).withPoolSize(2);
    if (cfg.store().embedded() && !Files.exists(dir.root().resolve("simca.mv.db"))) {
      throw new CliFailure(
          "no store in " + dir.root() + " (simca.mv.db missing; is --data the server's data dir?)");
    }
    VerifyResult v;
    try (Stores stores = Stores.open(settings)) {
      v = stores.audit().verify();
    } catch (RuntimeException e) {
      if (inUse(e)) {
        throw new CliFailure(
            "the store in "
                + dir.root()
                + " is in use by a running server (embedded H2 allows one "
                + "process): run `simca audit verify` without --offline, or stop the server first");
      }
      throw new CliFailure(
          "cannot open the store " + settings.redactedUrl() + ": " + e.getMessage());
    }
    JsonObject r =
        new JsonObject().put("ok", v.ok()).put("checked", v.checked()).put("lastSeq", v.lastSeq());
    v.firstBreak()
        .ifPresent(
            b ->
                r.put(
                    "break",
                    new JsonObject()
                        .put("seq", b.seq())
                        .put("problem", b.problem().name())
                        .put("detail", b.detail())));
    return r;
  }

  private static boolean inUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE) {
        return true;
      }
      if (String.valueOf(t.getMessage()).contains("already in use")) {
        return true;
      }
    }
    return false;
  }
}
