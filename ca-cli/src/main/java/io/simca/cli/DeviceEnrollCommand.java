package io.simca.cli;

import io.simca.device.AgentConfig;
import io.simca.device.DeviceAgent;
import io.simca.device.DeviceCredentials;
import io.simca.device.DeviceFailure;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simca device enroll}: a new P-256 key, a token for it from the network attester, {@code
 * /simpleenroll}; writes {@code device.key} (0600), {@code device.pem} and {@code agent.properties}
 * to {@code --out}.
 */
@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = "Enrol this device: key, token from the attester, EST simpleenroll.")
final class DeviceEnrollCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(
      names = "--attester",
      required = true,
      paramLabel = "URL",
      description = "Network attester token endpoint, e.g. http://127.0.0.1:8081")
  URI attester;

  @Option(
      names = "--est",
      required = true,
      paramLabel = "URL",
      description =
          "EST server, e.g. https://127.0.0.1:8443 (/.well-known/est is added if missing)")
  URI est;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the key, certificate and agent settings go (default: ./device)")
  Path out = Path.of("device");

  @Option(
      names = "--trust",
      paramLabel = "PEM",
      description = "CA root to trust for EST (default: <data>/ca/root.pem)")
  Path trust;

  @Option(
      names = "--source-address",
      paramLabel = "IP",
      description = "Local address to send from (the device's address on the APN)")
  String sourceAddress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    AgentConfig config;
    try {
      config =
          new AgentConfig(
              attester,
              DeviceCli.estBase(est),
              trust != null ? trust : DeviceCli.defaultTrust(data),
              sourceAddress == null
                  ? Optional.empty()
                  : Optional.of(AgentConfig.literalAddress(sourceAddress)));
    } catch (IllegalArgumentException e) {
      throw new CliFailure(e.getMessage());
    }
    try {
      DeviceCredentials creds = new DeviceAgent(out, Clock.systemUTC()).enroll(config);
      DeviceCli.printIssued(spec, "enrolled", creds, out);
      return 0;
    } catch (DeviceFailure e) {
      throw new CliFailure(e.getMessage());
    }
  }
}
