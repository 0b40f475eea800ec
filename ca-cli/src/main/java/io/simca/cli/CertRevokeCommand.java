package io.simca.cli;

import io.simca.ca.revocation.RevocationReason;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code simca cert revoke SERIAL --reason R}: revokes one certificate (RFC 5280 §5.3.1 reason
 * names).
 */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke one certificate.")
final class CertRevokeCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin AdminOptions admin;

  @Mixin OutputOptions output;

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

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JsonObject body = new JsonObject().put("reason", reason.cliName());
    if (invalidityDate != null) {
      body.put("invalidityDate", invalidityDate.toString());
    }
    JsonObject r = admin.connect(data).post("/certs/" + Paths.segment(serial) + "/revoke", body);
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(r.encode());
    } else if (r.getBoolean("revoked", false)) {
      out.printf("revoked certificate %s (%s)%n", r.getString("serial", serial), reason.cliName());
    } else {
      out.printf(
          "certificate %s was already revoked; nothing changed%n", r.getString("serial", serial));
    }
    out.flush();
    return 0;
  }

  /** Parse errors are usage errors (exit 2), with the list of valid names. */
  static final class ReasonConverter implements ITypeConverter<RevocationReason> {
    @Override
    public RevocationReason convert(String value) {
      return RevocationReason.parse(value);
    }
  }
}
