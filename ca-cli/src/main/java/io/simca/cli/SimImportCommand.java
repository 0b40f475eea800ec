package io.simca.cli;

import io.simca.ca.admin.SimCsv;
import io.simca.ca.store.SimRow;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code simca sim import FILE.csv}: checks the whole file locally (every bad line reported with
 * its number, nothing sent if any is bad unless {@code --skip-invalid}), then uploads it in chunks.
 * Each chunk is one transaction on the server; if a chunk is refused (an ICCID already exists) the
 * chunks before it stay imported and the message says how many, so re-running with {@code
 * --skip-existing} resumes the import.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import SIMs from a CSV file (iccid,imsi,imei,tenant).")
final class SimImportCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Parameters(
      index = "0",
      paramLabel = "FILE.csv",
      description = "CSV with the header iccid,imsi,imei,tenant (imei may be empty)")
  Path file;

  @Option(
      names = "--skip-invalid",
      description = "Import the valid rows and skip the invalid ones (listed on stderr)")
  boolean skipInvalid;

  @Option(names = "--skip-existing", description = "Skip ICCIDs that are already in the inventory")
  boolean skipExisting;

  @Option(
      names = "--chunk-rows",
      paramLabel = "N",
      hidden = true,
      description = "Rows per upload request (default 20000)")
  int chunkRows = 20_000;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (chunkRows < 1 || chunkRows > 100_000) {
      throw new CliFailure("--chunk-rows must be 1 to 100000");
    }
    // Pass 1: every line checked before anything is sent.
    List<SimCsv.LineError> errors = new ArrayList<>();
    long[] valid = {0};
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      SimCsv.read(
          in,
          line -> {
            if (line instanceof SimCsv.Invalid bad) {
              errors.add(bad.asError());
            } else {
              valid[0]++;
            }
          });
    }
    errors.forEach(
        e ->
            err.printf("%s:%d: %s%s%n", file, e.line(), skipInvalid ? "skipped: " : "", e.error()));
    if (!errors.isEmpty() && (!skipInvalid || valid[0] == 0)) {
      throw new CliFailure(
          errors.size()
              + " invalid row(s) in "
              + file
              + ", nothing imported"
              + (valid[0] > 0
                  ? " (fix them, or use --skip-invalid to import the " + valid[0] + " valid row(s))"
                  : ""));
    }
    // Pass 2: upload the valid rows in chunks, each with the canonical header.
    Upload upload = new Upload(admin.connect(data), err, valid[0]);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      SimCsv.read(
          in,
          line -> {
            if (line instanceof SimCsv.Valid v) {
              upload.add(v);
            }
          });
    }
    upload.flush();
    JsonObject result =
        new JsonObject()
            .put("inserted", upload.inserted)
            .put("skippedExisting", upload.skippedExisting)
            .put("skippedInvalid", errors.size());
    if (output.json()) {
      out.println(result.encode());
    } else {
      out.printf(
          "imported %d SIM(s) from %s (skipped: %d existing, %d invalid)%n",
          upload.inserted, file, upload.skippedExisting, errors.size());
    }
    out.flush();
    return 0;
  }

  /** Collects rows into chunks and sends each; remembers what the server reported. */
  private final class Upload {
    private final AdminClient client;
    private final PrintWriter err;
    private final long total;
    private final StringBuilder chunk = new StringBuilder();
    private long firstLine;
    private long lastLine;
    private int rows;
    private long sent;
    long inserted;
    long skippedExisting;

    Upload(AdminClient client, PrintWriter err, long total) {
      this.client = client;
      this.err = err;
      this.total = total;
    }

    void add(SimCsv.Valid v) {
      if (rows == 0) {
        chunk.setLength(0);
        chunk.append(SimCsv.HEADER).append('\n');
        firstLine = v.line();
      }
      SimRow r = v.row();
      chunk
          .append(r.iccid())
          .append(',')
          .append(r.imsi())
          .append(',')
          .append(r.imei() == null ? "" : r.imei())
          .append(',')
          .append(r.tenant())
          .append('\n');
      lastLine = v.line();
      if (++rows == chunkRows) {
        flush();
      }
    }

    void flush() {
      if (rows == 0) {
        return;
      }
      AdminClient.Response r =
          client.postCsv("/sims/import", Map.of("skipExisting", skipExisting), chunk.toString());
      if (!r.ok()) {
        String where =
            total > chunkRows ? "rows of lines " + firstLine + "-" + lastLine + " refused: " : "";
        String before =
            inserted > 0
                ? "; "
                    + inserted
                    + " SIM(s) from earlier lines were imported "
                    + "(re-run with --skip-existing to continue)"
                : "";
        throw new CliFailure(where + r.detail() + before);
      }
      inserted += r.body().getLong("inserted", 0L);
      skippedExisting += r.body().getLong("skippedExisting", 0L);
      sent += rows;
      rows = 0;
      if (total > chunkRows) {
        err.printf("simca: imported %d/%d row(s)%n", sent, total);
        err.flush();
      }
    }
  }
}
