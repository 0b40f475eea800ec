package io.simca.cli;

import picocli.CommandLine.Command;

/** {@code simca crl ...}: certificate revocation lists. */
@Command(
    name = "crl",
    mixinStandardHelpOptions = true,
    description = "Certificate revocation lists (admin API).",
    subcommands = {CrlPublishCommand.class})
final class CrlCommand {}
