package io.simca.cli;

import picocli.CommandLine.Command;

/** {@code simca ca ...}: the issuing hierarchy (offline root, issuing CAs, OCSP responders). */
@Command(
    name = "ca",
    mixinStandardHelpOptions = true,
    description = "Manage the CA hierarchy.",
    subcommands = {
      CaInitCommand.class,
      CaListCommand.class,
      CaIssueIntermediateCommand.class,
      CaRequestIntermediateCommand.class,
      CaInstallIntermediateCommand.class,
      CaRotateCommand.class,
      CaRefreshRootCommand.class,
      CaRevokeCommand.class
    })
final class CaCommand {}
