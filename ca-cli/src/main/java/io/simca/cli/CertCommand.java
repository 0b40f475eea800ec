package io.simca.cli;

import picocli.CommandLine.Command;

/** {@code simca cert ...}: issued certificates, through the admin API. */
@Command(
    name = "cert",
    mixinStandardHelpOptions = true,
    description = "Inspect and revoke certificates (admin API).",
    subcommands = {CertListCommand.class, CertShowCommand.class, CertRevokeCommand.class})
final class CertCommand {}
