package io.simca.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simca audit list}: events in seq order. With {@code -o json} one event per line, ready for
 * a SIEM; poll with {@code --after-seq} set to the last seq seen.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List audit events (seq order).")
final class AuditListCommand extends AdminListCommand {

  static final List<Tables.Column> COLUMNS =
      List.of(
          new Tables.Column("SEQ", "seq", 6),
          new Tables.Column("AT", "at", 27),
          new Tables.Column("TYPE", "type", 12),
          new Tables.Column("OUTCOME", "outcome", 7),
          new Tables.Column("ACTOR", "actor", 28),
          new Tables.Column("ICCID", "iccid", 20),
          new Tables.Column("REASON", "reason", 25),
          new Tables.Column("DETAIL", "detail", 0));

  @Option(
      names = "--type",
      paramLabel = "T",
      description = "Event type, e.g. enroll, sim_import, sim_revoke")
  String type;

  @Option(names = "--iccid", paramLabel = "ICCID")
  String iccid;

  @Option(
      names = "--after-seq",
      paramLabel = "N",
      description = "Only events after this seq (default 0)")
  long afterSeq;

  @Override
  String path() {
    return "/audit";
  }

  @Override
  Map<String, Object> query() {
    return params("afterSeq", afterSeq, "type", type, "iccid", iccid);
  }

  @Override
  List<Tables.Column> columns() {
    return COLUMNS;
  }
}
