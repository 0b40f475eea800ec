package io.simca.cli;

import picocli.CommandLine.Command;

/** {@code simca sim ...}: the SIM inventory, through the admin API. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Manage the SIM inventory (admin API).",
    subcommands = {
      SimImportCommand.class,
      SimShowCommand.class,
      SimListCommand.class,
      SimRevokeCommand.class,
      SimResumeCommand.class
    })
final class SimCommand {}
