package io.simca.cli;

import io.simca.device.DeviceAgent;
import io.simca.device.DeviceCredentials;
import io.simca.device.DeviceFailure;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca device renew [--daemon]}: re-key and re-enrol over mTLS with a fresh token, now or
 * (daemon) at about two thirds of each certificate's lifetime, jittered.
 */
@Command(
    name = "renew",
    mixinStandardHelpOptions = true,
    description = {
      "Renew the device certificate (new key, fresh token, EST simplereenroll over mTLS).",
      "--daemon keeps running and renews at ~2/3 of each lifetime (jittered)."
    })
final class DeviceRenewCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The directory 'device enroll' wrote (default: ./device)")
  Path out = Path.of("device");

  @Option(names = "--daemon", description = "Keep renewing before each expiry")
  boolean daemon;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    DeviceAgent agent = new DeviceAgent(out, Clock.systemUTC());
    if (daemon) {
      PrintWriter log = spec.commandLine().getOut();
      try {
        agent.runDaemon(
            RandomGenerator.getDefault(),
            line -> {
              log.println(Instant.now() + " simca device: " + line);
              log.flush();
            });
      } catch (DeviceFailure e) {
        throw new CliFailure(e.getMessage());
      }
      return 0;
    }
    try {
      DeviceCredentials creds = agent.renew();
      DeviceCli.printIssued(spec, "renewed", creds, out);
      return 0;
    } catch (DeviceFailure e) {
      throw new CliFailure(e.getMessage());
    }
  }
}
