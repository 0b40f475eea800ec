package io.simca.cli;

import io.simca.ca.store.CertStatus;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simca cert list [--iccid I] [--status S]}: certificates, newest first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List certificates (newest first).")
final class CertListCommand extends AdminListCommand {

  static final List<Tables.Column> COLUMNS =
      List.of(
          new Tables.Column("SERIAL", "serial", 32),
          new Tables.Column("STATUS", "status", 8),
          new Tables.Column("NOT AFTER", "notAfter", 24),
          new Tables.Column("ICCID", "iccid", 22),
          new Tables.Column("CA", "caLabel", 10),
          new Tables.Column("REASON", "revocationReason", 0));

  @Option(names = "--iccid", paramLabel = "ICCID")
  String iccid;

  @Option(names = "--status", paramLabel = "S", description = "reserved, issued or revoked")
  CertStatus status;

  @Option(names = "--offset", paramLabel = "N")
  int offset;

  @Override
  String path() {
    return "/certs";
  }

  @Override
  Map<String, Object> query() {
    return params("iccid", iccid, "status", wire(status), "offset", offset);
  }

  @Override
  List<Tables.Column> columns() {
    return COLUMNS;
  }
}
