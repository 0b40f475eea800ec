package io.simca.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code simca cert show SERIAL}: the certificate record and its PEM. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a certificate (serial in hex).")
final class CertShowCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial number in hex")
  String serial;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonObject c = admin.connect(data).get("/certs/" + Paths.segment(serial));
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(c.encode());
    } else {
      Tables.fields(
          out,
          c,
          List.of(
              "serial",
              "status",
              "subject",
              "iccid",
              "imei",
              "tenant",
              "caLabel",
              "caId",
              "profile",
              "notBefore",
              "notAfter",
              "revokedAt",
              "revocationReason",
              "invalidityDate",
              "createdAt",
              "spkiSha256"));
      if (c.getString("pem") != null) {
        out.print(c.getString("pem"));
      }
    }
    out.flush();
    return 0;
  }
}
