package io.simca.cli;

import picocli.CommandLine.Command;

/** {@code simca operator ...}: operator credentials of the admin API (admins only). */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = "Issue, list and revoke operator credentials (admin API, admin role).",
    subcommands = {
      OperatorIssueCommand.class,
      OperatorListCommand.class,
      OperatorRevokeCommand.class
    })
final class OperatorCommand {}
