package io.simca.cli;

import picocli.CommandLine.Parameters;

/** An admin command about one SIM, named by its ICCID ({@code sim show|revoke|resume ICCID}). */
abstract class SimArgumentCommand extends AdminCommand {

  @Parameters(index = "0", paramLabel = "ICCID")
  String iccid;
}
