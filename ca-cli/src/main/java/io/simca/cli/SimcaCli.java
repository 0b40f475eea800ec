package io.simca.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code simca}: the admin tool. Thin by design: each subcommand parses its options and calls a
 * service from ca-server. Exit codes (DESIGN.md): 0 success, 1 refused or failed with one line on
 * stderr, 2 usage error.
 */
@Command(
    name = "simca",
    mixinStandardHelpOptions = true,
    versionProvider = SimcaCli.Version.class,
    description =
        "Short-lived certificate authority for cellular IoT fleets (EST + SIM attestation, OCSP, CRL).",
    subcommands = {
      ServeCommand.class,
      CaCommand.class,
      SimCommand.class,
      CertCommand.class,
      CrlCommand.class,
      AuditCommand.class,
      OperatorCommand.class,
      AttesterCommand.class,
      DeviceCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SimcaCli {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one invocation and returns its exit code (tests call this in-process). */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /**
   * As {@link #run(String...)} with the command's stdout and stderr given (null = the process's).
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli =
        new CommandLine(new SimcaCli())
            .setExecutionExceptionHandler(new OneLineErrors())
            .setCaseInsensitiveEnumValuesAllowed(true);
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    // Usage errors stay 2 (DESIGN.md); picocli would otherwise map them through this mapper too.
    cli.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? 2 : 1);
    return cli.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SimcaCli.class.getPackage().getImplementationVersion();
      return new String[] {"simca " + (v == null ? "dev" : v)};
    }
  }
}
