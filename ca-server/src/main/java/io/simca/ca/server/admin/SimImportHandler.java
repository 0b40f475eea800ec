package io.simca.ca.server.admin;

import io.simca.ca.admin.ImportOptions;
import io.simca.ca.admin.SimImportOutcome;
import io.simca.ca.admin.SimInventory;
import io.simca.ca.error.CaException;
import io.simca.ca.error.ErrorKind;
import io.simca.ca.server.HttpErrors;
import io.simca.ca.server.ServerContext;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /admin/v1/sims/import} ({@code text/csv}, query {@code skipInvalid}, {@code
 * skipExisting}): one request is one transaction. Bad rows answer 400 with an {@code errors} array
 * of {@code {line, error}}; existing ICCIDs answer 409 naming them.
 */
final class SimImportHandler implements Handler<RoutingContext> {

  private final ServerContext ctx;
  private final SimInventory sims;

  SimImportHandler(ServerContext ctx, SimInventory sims) {
    this.ctx = ctx;
    this.sims = sims;
  }

  @Override
  public void handle(RoutingContext rc) {
    Operator op = AdminAuth.operator(rc);
    ImportOptions options =
        new ImportOptions(
            AdminParams.flag(rc, "skipInvalid"), AdminParams.flag(rc, "skipExisting"));
    var body = rc.body().buffer();
    if (body == null || body.length() == 0) {
      throw CaException.malformed(
          "empty_body",
          "the request body must be a CSV file with the header iccid,imsi,imei,tenant");
    }
    ctx.bulkheads()
        .imports()
        .run(() -> sims.importCsv(body.toString(StandardCharsets.UTF_8), options, op.actor()))
        .onSuccess(outcome -> reply(rc, outcome))
        .onFailure(rc::fail);
  }

  private static void reply(RoutingContext rc, SimImportOutcome outcome) {
    switch (outcome) {
      case SimImportOutcome.Imported i ->
          AdminReplies.json(
              rc,
              new JsonObject()
                  .put("inserted", i.inserted())
                  .put("skippedExisting", i.skippedExisting())
                  .put("skippedInvalid", i.skippedInvalid()));
      case SimImportOutcome.InvalidRows r -> {
        JsonArray errors = new JsonArray();
        r.errors()
            .forEach(
                e -> errors.add(new JsonObject().put("line", e.line()).put("error", e.error())));
        HttpErrors.send(
            rc,
            CaException.malformed(
                "invalid_rows",
                r.totalInvalid()
                    + " invalid row(s), nothing imported (first: line "
                    + r.errors().get(0).line()
                    + ": "
                    + r.errors().get(0).error()
                    + ")"),
            HttpErrors.Style.PROBLEM_JSON,
            new JsonObject().put("errors", errors).put("invalidCount", r.totalInvalid()));
      }
      case SimImportOutcome.ExistingIccids x ->
          HttpErrors.send(
              rc,
              new CaException(
                  ErrorKind.CONFLICT,
                  "iccid_exists",
                  x.total()
                      + " ICCID(s) already in the store, nothing imported: "
                      + String.join(", ", x.iccids())
                      + (x.total() > x.iccids().size() ? ", ..." : "")),
              HttpErrors.Style.PROBLEM_JSON,
              new JsonObject()
                  .put("iccids", new JsonArray(x.iccids()))
                  .put("existingCount", x.total()));
    }
  }
}
