package io.simca.cli;

import picocli.CommandLine.Command;

/**
 * {@code simca attester ...}: the reference SIM attester, for demos and tests (DESIGN.md "SIM
 * attestation token").
 */
@Command(
    name = "attester",
    mixinStandardHelpOptions = true,
    description = "SIM attester: keys, reference tokens, and the network attester service.",
    subcommands = {
      AttesterKeygenCommand.class,
      AttesterIssueCommand.class,
      AttesterServeCommand.class
    })
final class AttesterCommand {}
