package io.simca.cli;

import picocli.CommandLine.Command;

/** {@code simca audit ...}: the hash-chained audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Read and verify the audit log.",
    subcommands = {AuditListCommand.class, AuditVerifyCommand.class})
final class AuditCommand {}
