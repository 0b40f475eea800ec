package io.simca.cli;

import io.simca.ca.revocation.RevocationReason;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code simca cert revoke SERIAL --reason R}: revokes one certificate (RFC 5280 §5.3.1 reason
 * names).
 */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke one certificate.")
final class CertRevokeCommand extends AdminCommand {

  @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial number in hex")
  String serial;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "REASON",
      converter = ReasonConverter.class,
      description =
          "RFC 5280 reason: unspecified, keyCompromise, caCompromise, affiliationChanged, superseded, "
              + "cessationOfOperation, privilegeWithdrawn")
  RevocationReason reason;

  @Option(
      names = "--invalidity-date",
      paramLabel = "ISO-8601",
      description = "When the key is known or suspected to have been compromised (RFC 5280 §5.3.2)")
  Instant invalidityDate;

  @Override
  JsonObject request(AdminClient client) {
    JsonObject body = new JsonObject().put("reason", reason.cliName());
    if (invalidityDate != null) {
      body.put("invalidityDate", invalidityDate.toString());
    }
    return client.post("/certs/" + Paths.segment(serial) + "/revoke", body);
  }

  @Override
  void printText(PrintWriter out, JsonObject r) {
    if (r.getBoolean("revoked", false)) {
      out.printf("revoked certificate %s (%s)%n", r.getString("serial", serial), reason.cliName());
    } else {
      out.printf(
          "certificate %s was already revoked; nothing changed%n", r.getString("serial", serial));
    }
  }

  /** Parse errors are usage errors (exit 2), with the list of valid names. */
  static final class ReasonConverter implements ITypeConverter<RevocationReason> {
    @Override
    public RevocationReason convert(String value) {
      return RevocationReason.parse(value);
    }
  }
}
