package io.simca.cli;

import picocli.CommandLine.Command;

/**
 * {@code simca attester ...}: the reference SIM attester, for demos and tests (DESIGN.md "SIM
 * attestation token").
 */
@Command(
    name = "attester",
    mixinStandardHelpOptions = true,
    description = "Reference SIM attester (keys and tokens).",
    subcommands = {AttesterKeygenCommand.class, AttesterIssueCommand.class})
final class AttesterCommand {}
