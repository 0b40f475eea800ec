package io.simca.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code simca cert show SERIAL}: the certificate record and its PEM. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a certificate (serial in hex).")
final class CertShowCommand extends AdminCommand {

  @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial number in hex")
  String serial;

  @Override
  JsonObject request(AdminClient client) {
    return client.get("/certs/" + Paths.segment(serial));
  }

  @Override
  void printText(PrintWriter out, JsonObject c) {
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
}
